import type { DeclaredDependency } from '../../types';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { normalizeDir, parentDir } from './common';
import { LOCKFILE_NAMES, parseLockfile, pickLockfile, type LockedVersion, type NpmLockfile } from './lockfile';
import type { NpmParsedFile } from './module';
import { CATALOG_PREFIX, splitNpmSpec } from './packageJson';
import { resolutionFor } from './resolutions';
import { applicableLockfile, isWorkspaceMember, readPnpmWorkspace, type FolderFacts, type PnpmWorkspace } from './workspaces';

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
  private readonly resolutionsByDir = new Map<string, ReadonlyMap<string, string>>();
  private readonly pnpmWorkspaces = new Map<string, PnpmWorkspace | undefined>();
  private readonly facts = new Map<string, FolderFacts | undefined>();
  private readonly lockfiles = new Map<string, NpmLockfile | undefined>();
  /** The lockfile scope of each manifest folder asked about, so a manifest's uses find it once. */
  private readonly scopes = new Map<string, LockScope | null>();
  /** The manifest pin() was last asked about, and its lockfile scope (scopes never change once found). */
  private lastFile: string | undefined;
  private lastScope: LockScope | undefined;

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
    if (parsed.resolutions.size > 0) this.resolutionsByDir.set(dirOf(file), parsed.resolutions);
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
    // A manifest's uses are asked about one after another: its scope is found once for them all.
    if (file !== this.lastFile) {
      this.lastScope = this.lockfileFor(dirOf(file));
      this.lastFile = file;
    }
    const lock = this.lastScope;
    if (!lock || this.isStaleCatalog(lock, file, use)) return undefined;
    const locked = lock.lockfile.resolve(lock.memberDir, use) ?? this.throughResolution(lock, use);
    return locked ? { version: locked.version, file: lock.file, locate: () => locked.locate() } : undefined;
  }

  /**
   * The range a pnpm `catalog:` / `catalog:NAME` spec stands for: the entry of that catalog in the
   * pnpm-workspace.yaml of the workspace the manifest belongs to (compared when no lockfile pins it).
   */
  rangeOf(file: string, use: DeclaredDependency): string | undefined {
    const range = this.catalogEntry(file, use);
    if (range === undefined) return undefined;
    // An entry may itself be an alias or a protocol; only a range of this same package is compared.
    const spec = splitNpmSpec(range);
    return spec.constraint !== null && (spec.name === undefined || spec.name === use.name) ? spec.constraint : undefined;
  }

  /** The entry of pnpm-workspace.yaml's catalog that a `catalog:` spec names, as written there. */
  private catalogEntry(file: string, use: DeclaredDependency): string | undefined {
    const catalog = catalogName(use);
    return catalog === undefined ? undefined : this.pnpmWorkspaceOf(dirOf(file))?.catalogs.get(catalog)?.get(use.name);
  }

  /**
   * A catalog entry changed since pnpm wrote the lockfile: the lockfile's version is what the old
   * entry installed, not what the catalog asks for now (as with a manifest edited since).
   */
  private isStaleCatalog(lock: LockScope, file: string, use: DeclaredDependency): boolean {
    const catalog = catalogName(use);
    const recorded = catalog === undefined ? undefined : lock.lockfile.catalogSpecifier?.(catalog, use.name);
    const current = recorded === undefined ? undefined : this.catalogEntry(file, use);
    return current !== undefined && current !== recorded;
  }

  /**
   * yarn writes a member's dependency under the spec the root's `resolutions` put in its place, so
   * it is looked up again by that spec (only when it names the same package).
   */
  private throughResolution(lock: LockScope, use: DeclaredDependency): LockedVersion | undefined {
    if (lock.lockfile.kind !== 'yarn-berry' && lock.lockfile.kind !== 'yarn-classic') return undefined;
    const resolutions = this.resolutionsByDir.get(dirOf(lock.file));
    const replaced = resolutions && resolutionFor(resolutions, use);
    if (replaced === undefined) return undefined;
    const spec = splitNpmSpec(replaced);
    if (spec.constraint === null || (spec.name !== undefined && spec.name !== use.name)) return undefined;
    return lock.lockfile.resolve(lock.memberDir, { ...use, constraint: spec.constraint });
  }

  /** The nearest pnpm-workspace.yaml at or above `manifestDir` whose workspace holds that folder. */
  private pnpmWorkspaceOf(manifestDir: string): PnpmWorkspace | undefined {
    const dir = normalizeDir(manifestDir);
    for (let root = dir; ; root = parentDir(root)) {
      const workspace = this.pnpmWorkspace(root);
      const memberDir = root === '' ? dir : dir.slice(root.length + 1);
      if (workspace && (root === dir || isWorkspaceMember(memberDir, workspace.globs))) return workspace;
      if (root === '') return undefined;
    }
  }

  /** A folder's pnpm-workspace.yaml, read once; its problems are reported once. */
  private pnpmWorkspace(dir: string): PnpmWorkspace | undefined {
    if (this.pnpmWorkspaces.has(dir)) return this.pnpmWorkspaces.get(dir);
    let workspace: PnpmWorkspace | undefined;
    if (this.namesByDir.get(dir)?.has(PNPM_WORKSPACE)) {
      const file = join(dir, PNPM_WORKSPACE);
      const text = this.io.read(file);
      workspace = text === undefined ? undefined : readPnpmWorkspace(text);
      for (const p of workspace?.problems ?? []) this.io.problem(file, p.range, p.message);
    }
    this.pnpmWorkspaces.set(dir, workspace);
    return workspace;
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
      const globs = [...(this.globsByDir.get(dir) ?? []), ...(this.pnpmWorkspace(dir)?.globs ?? [])];
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

/** The catalog a `catalog:` / `catalog:NAME` spec names (`catalog:` is pnpm's `default`), else undefined. */
function catalogName(use: DeclaredDependency): string | undefined {
  // startsWith, not the pattern: asked for every platform use of a scan.
  if (use.constraint === null || !use.constraint.startsWith(CATALOG_PREFIX)) return undefined;
  return use.constraint.slice(CATALOG_PREFIX.length).trim() || 'default';
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
