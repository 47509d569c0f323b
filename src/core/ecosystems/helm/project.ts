import type { DeclaredDependency } from '../../types';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import type { HelmDependency } from './chart';
import { lockKey, parseHelmLockfile, type HelmLockfile } from './lockfile';

/** Each manifest's lockfile, always in the same folder: a chart never shares a lock with another. */
const LOCKFILE_OF: ReadonlyMap<string, string> = new Map([
  ['Chart.yaml', 'Chart.lock'],
  ['requirements.yaml', 'requirements.lock'],
]);
const LOCKFILE_NAMES = new Set(LOCKFILE_OF.values());

/** The lockfile Helm writes beside a manifest of this base name, or undefined for any other file. */
export function helmLockfileOf(base: string): string | undefined {
  return LOCKFILE_OF.get(base);
}

/**
 * Chart.lock pins the dependencies of the Chart.yaml beside it, Helm 2's requirements.lock those
 * of the requirements.yaml beside it. An entry is matched by name and repository; an aliased
 * chart is listed once per alias, in the Chart.yaml's order, so the n-th use of a name and
 * repository gets the n-th entry of both.
 */
export const helmProjectStep: ProjectStep = {
  files: ['**/{Chart.lock,requirements.lock}'],
  wants: (relPath) => typeof relPath === 'string' && LOCKFILE_NAMES.has(basename(relPath)),
  open: (files) => new HelmProject(files),
};

class HelmProject implements EcosystemProject {
  private readonly present: ReadonlySet<string>;
  private readonly lockfiles = new Map<string, HelmLockfile | undefined>();

  constructor(private readonly io: ProjectFiles) {
    this.present = new Set(io.files);
  }

  pin(file: string, use: DeclaredDependency): Pin | undefined {
    const slash = file.lastIndexOf('/');
    const lockName = helmLockfileOf(file.slice(slash + 1));
    if (lockName === undefined) return undefined;
    const lockFile = file.slice(0, slash + 1) + lockName;
    if (!this.present.has(lockFile)) return undefined;
    const { repository = '', occurrence = 0 } = use as Partial<HelmDependency>;
    const locked = this.lockfile(lockFile)?.get(lockKey(use.name, repository))?.[occurrence];
    return locked && { version: locked.version, file: lockFile, locate: () => locked.locate() };
  }

  private lockfile(file: string): HelmLockfile | undefined {
    if (this.lockfiles.has(file)) return this.lockfiles.get(file);
    const text = this.io.read(file);
    let result: HelmLockfile | undefined;
    if (text !== undefined) {
      const read = parseHelmLockfile(text, file);
      result = read.lockfile;
      for (const p of read.problems) this.io.problem(file, p.range, p.message);
    }
    this.lockfiles.set(file, result);
    return result;
  }
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
