import type { DeclaredDependency } from '../../types';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { LOCKFILE_NAMES, parseLockfile, pickLockfile, type NpmLockfile } from './lockfile';
import type { NpmParsedFile } from './module';
import { applicableLockfile, readPnpmWorkspace, type FolderFacts } from './workspaces';

const PNPM_WORKSPACE = 'pnpm-workspace.yaml';
/** Base names of the files npm reads for facts across manifests. */
const PROJECT_NAMES = new Set<string>([...LOCKFILE_NAMES, PNPM_WORKSPACE]);

/** npm's lockfiles and workspaces: which lockfile applies to which package.json (catalog spec, rule 1). */
export const npmProjectStep: ProjectStep<NpmParsedFile> = {
  files: [...LOCKFILE_NAMES, PNPM_WORKSPACE].map((name) => `**/${name}`),
  wants: (relPath) => PROJECT_NAMES.has(basename(relPath)),
  open: (files) => new NpmProject(files),
};

interface LockScope {
  readonly lockfile: NpmLockfile;
  /** The lockfile's path relative to the root. */
  readonly file: string;
  readonly memberDir: string;
}

/**
 * The npm files of a folder tree: which lockfile applies to which manifest, each lockfile read and
 * parsed at most once, and only when a platform dependency needs it.
 */
export class NpmProject implements EcosystemProject<NpmParsedFile> {
  private readonly namesByDir = new Map<string, Set<string>>();
  private readonly globsByDir = new Map<string, readonly string[]>();
  private readonly facts = new Map<string, FolderFacts | undefined>();
  private readonly lockfiles = new Map<string, NpmLockfile | undefined>();
  /** The lockfile scope of each manifest folder asked about, so a manifest's uses find it once. */
  private readonly scopes = new Map<string, LockScope | null>();

  constructor(private readonly io: ProjectFiles) {
    for (const f of io.files) {
      const dir = dirOf(f);
      let names = this.namesByDir.get(dir);
      if (!names) this.namesByDir.set(dir, (names = new Set()));
      names.add(basename(f));
    }
  }

  /**
   * A package.json's `workspaces` globs make its folder a workspace root for the lockfile there; a
   * glob refused as unsafe is reported on the manifest (once, by the scan, not per keystroke).
   */
  noteManifest(file: string, parsed: NpmParsedFile): void {
    for (const p of parsed.workspaceProblems) this.io.problem(file, p.range, p.message);
    if (parsed.workspaces.length > 0) this.globsByDir.set(dirOf(file), parsed.workspaces);
  }

  /** The workspace globs by folder: all that noteManifest records for pins (its problems were reported already). */
  exportNotes(): Array<[string, readonly string[]]> {
    return [...this.globsByDir];
  }

  importNotes(notes: unknown): void {
    if (!Array.isArray(notes)) return;
    for (const entry of notes as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
      this.globsByDir.set(entry[0], (entry[1] as unknown[]).filter((g): g is string => typeof g === 'string'));
    }
  }

  pin(file: string, use: DeclaredDependency): Pin | undefined {
    const lock = this.lockfileFor(dirOf(file));
    const locked = lock?.lockfile.resolve(lock.memberDir, use);
    return locked && lock ? { version: locked.version, file: lock.file, locate: () => locked.locate() } : undefined;
  }

  private lockfileFor(manifestDir: string): LockScope | undefined {
    const cached = this.scopes.get(manifestDir);
    if (cached !== undefined) return cached ?? undefined;
    const found = applicableLockfile(manifestDir, (dir) => this.folderFacts(dir));
    const name = found && this.folderFacts(found.dir)?.lockfile;
    let scope: LockScope | undefined;
    if (found && name) {
      const file = join(found.dir, name);
      const lockfile = this.lockfile(file);
      if (lockfile) scope = { lockfile, file, memberDir: found.memberDir };
    }
    this.scopes.set(manifestDir, scope ?? null);
    return scope;
  }

  private folderFacts(dir: string): FolderFacts | undefined {
    if (this.facts.has(dir)) return this.facts.get(dir);
    const names = this.namesByDir.get(dir);
    const lockfile = names && pickLockfile(names);
    // Only a folder with a lockfile can be a workspace root that a manifest resolves through.
    let facts: FolderFacts | undefined;
    if (lockfile) {
      const globs = [...(this.globsByDir.get(dir) ?? [])];
      if (names.has(PNPM_WORKSPACE)) {
        const file = join(dir, PNPM_WORKSPACE);
        const text = this.io.read(file);
        const read = text === undefined ? undefined : readPnpmWorkspace(text);
        globs.push(...(read?.globs ?? []));
        for (const p of read?.problems ?? []) this.io.problem(file, p.range, p.message);
      }
      facts = { lockfile, workspaceGlobs: globs, lockfileMembers: () => this.lockfile(join(dir, lockfile))?.members };
    }
    this.facts.set(dir, facts);
    return facts;
  }

  private lockfile(file: string): NpmLockfile | undefined {
    if (this.lockfiles.has(file)) return this.lockfiles.get(file);
    let result: NpmLockfile | undefined;
    const text = this.io.read(file);
    if (text !== undefined) {
      const read = parseLockfile(basename(file), text);
      if (read.ok) result = read.value;
      else for (const p of read.problems) this.io.problem(file, p.range, p.message);
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
