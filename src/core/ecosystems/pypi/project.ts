import type { DeclaredDependency } from '../../types';
import { applicableLockfile, type FolderFacts } from '../npm/workspaces';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { parsePypiLockfile, PYPI_LOCKFILES, type PypiLockfile } from './lockfiles';
import type { PypiParsedFile } from './module';
import { normalisePypiName } from './names';

const PYPROJECT = 'pyproject.toml';
const LOCKFILE_SET = new Set<string>(PYPI_LOCKFILES);

/**
 * poetry.lock and uv.lock pin the dependencies of the pyproject.toml beside them; a uv workspace's
 * root uv.lock pins its members' (`[tool.uv.workspace] members` of the root pyproject.toml). A
 * requirements file is not pinned by either: pip does not read them.
 */
export const pypiProjectStep: ProjectStep<PypiParsedFile> = {
  files: [`**/{${PYPI_LOCKFILES.join(',')}}`],
  wants: (relPath) => LOCKFILE_SET.has(basename(relPath)),
  open: (files) => new PypiProject(files),
};

class PypiProject implements EcosystemProject<PypiParsedFile> {
  private readonly lockByDir = new Map<string, string>();
  private readonly workspaces = new Map<string, readonly string[]>();
  private readonly lockfiles = new Map<string, PypiLockfile | undefined>();

  constructor(private readonly io: ProjectFiles) {
    for (const f of io.files) {
      const name = basename(f);
      if (!LOCKFILE_SET.has(name)) continue;
      const dir = dirOf(f);
      const had = this.lockByDir.get(dir);
      // uv.lock first when a folder has both: PYPI_LOCKFILES is in that order.
      if (had === undefined || PYPI_LOCKFILES.indexOf(name as never) < PYPI_LOCKFILES.indexOf(had as never)) this.lockByDir.set(dir, name);
    }
  }

  noteManifest(file: string, parsed: PypiParsedFile): void {
    if (parsed.workspace.length > 0) this.workspaces.set(dirOf(file), parsed.workspace);
  }

  pin(file: string, use: DeclaredDependency): Pin | undefined {
    if (basename(file) !== PYPROJECT) return undefined;
    const scope = applicableLockfile(dirOf(file), (dir) => this.facts(dir));
    if (!scope) return undefined;
    const lockName = this.lockByDir.get(scope.dir)!;
    // Only uv has workspaces; a poetry.lock above a project is another project's.
    if (scope.memberDir !== '' && lockName !== 'uv.lock') return undefined;
    const lockFile = join(scope.dir, lockName);
    const locked = this.lockfile(lockFile)?.get(normalisePypiName(use.name));
    return locked && { version: locked.version, file: lockFile, locate: () => locked.locate() };
  }

  private facts(dir: string): FolderFacts | undefined {
    const lockfile = this.lockByDir.get(dir);
    return lockfile ? { lockfile, workspaceGlobs: this.workspaces.get(dir) ?? [] } : undefined;
  }

  private lockfile(file: string): PypiLockfile | undefined {
    if (this.lockfiles.has(file)) return this.lockfiles.get(file);
    const text = this.io.read(file);
    let result: PypiLockfile | undefined;
    if (text !== undefined) {
      const read = parsePypiLockfile(text, file, normalisePypiName);
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

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
