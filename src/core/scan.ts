import * as path from 'node:path';
import type { Catalog, Component, RepoConfig } from './catalog/model';
import { ComponentIndex } from './componentIndex';
import { evaluate, type EvaluationContext, type Verdict } from './evaluate';
import {
  applicableLockfile,
  isLockfileName,
  locatePackageJson,
  LOCKFILE_NAMES,
  parseLockfile,
  readPnpmWorkspace,
  pickLockfile,
  readPackageJson,
  type FolderFacts,
  type LockedVersion,
  type NpmLockfile,
  type PackageJsonInfo,
} from './ecosystems/npm';
import type { Range } from './positions';
import type { DeclaredDependency, Ecosystem, Severity } from './types';
import { MAX_LOCKFILE_BYTES, MAX_MANIFEST_BYTES, readRepoFile } from './safeRead';
import { isExcluded, walk } from './walk';

export interface Finding extends Omit<Verdict, 'component' | 'deprecation'> {
  /** POSIX path relative to the scanned folder. */
  readonly file: string;
  /** 0-based; the version text without quotes, or the name when there is none. */
  readonly range: Range;
  readonly ecosystem: Ecosystem;
  readonly package: string;
  readonly constraint: string | null;
  readonly resolved: string | null;
  readonly component: string;
  readonly owner: string;
  /** Where the lockfile pinned the version, for editors that link to it. */
  readonly lockfile?: { readonly file: string; readonly range: Range };
}

/** One use of a platform component, flagged or not: what an overview of the workspace lists. */
export interface PlatformUse {
  readonly file: string;
  readonly package: string;
  readonly component: string;
  readonly constraint: string | null;
  readonly resolved: string | null;
  /** The finding's severity, or null when this use is fine. */
  readonly severity: Severity | null;
}

/** A file that could not be read; the scan goes on without it. */
export interface ScanProblem {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly errors: ScanProblem[];
  readonly uses: PlatformUse[];
  readonly manifests: number;
  readonly dependencies: number;
  /** Dependencies that belong to a catalog component. */
  readonly platformDependencies: number;
}

export interface ScanOptions {
  /** Absolute path of the folder to scan. */
  readonly root: string;
  readonly catalog: Catalog;
  readonly config?: RepoConfig;
  /** YYYY-MM-DD */
  readonly today: string;
  /**
   * Also find where each lockfile pinned a version (for an editor's related information). Off by
   * default: it indexes the whole lockfile, which a CLI run that never prints it should not pay for.
   */
  readonly lockfileRanges?: boolean;
}

const MANIFEST = 'package.json';
const PNPM_WORKSPACE = 'pnpm-workspace.yaml';
const INTERESTING = new Set<string>([MANIFEST, PNPM_WORKSPACE, ...LOCKFILE_NAMES]);

/** Scans every package.json under the root and evaluates its platform dependencies. */
export function scanWorkspace(opts: ScanOptions): ScanResult {
  return new WorkspaceScanner(opts).scan();
}

/**
 * One folder tree and one catalog: the CLI scans it once; the editor keeps it to evaluate the
 * manifests being edited against the lockfiles on disk, and makes a new one when files change.
 */
export class WorkspaceScanner {
  private readonly files: readonly string[];
  private readonly errors: ScanProblem[] = [];
  private readonly project: NpmProject;
  private readonly evaluator: ManifestEvaluator;

  constructor(private readonly opts: ScanOptions) {
    this.files = walk(opts.root, (name) => INTERESTING.has(name), opts.config?.exclude ?? []).files;
    this.project = new NpmProject(opts.root, this.files, this.errors);
    this.evaluator = new ManifestEvaluator(opts);
  }

  scan(): ScanResult {
    const { root } = this.opts;
    const errors = this.errors;
    const findings: Finding[] = [];
    const uses: PlatformUse[] = [];
    let manifests = 0;
    let dependencies = 0;
    // The walk lists a folder's files before its subfolders', so a workspace root's package.json is
    // read before its members ask for its globs. Each text is dropped once evaluated.
    for (const file of this.files) {
      if (basename(file) !== MANIFEST) continue;
      const text = readText(root, file, errors);
      if (text === undefined) continue;
      const read = readPackageJson(text);
      if (!read.ok) {
        for (const p of read.problems) errors.push({ file, range: p.range, message: p.message });
        continue;
      }
      manifests++;
      for (const p of read.value.workspaceProblems ?? []) errors.push({ file, range: p.range, message: p.message });
      this.project.setWorkspaces(dirOf(file), read.value.workspaces);
      const result = this.evaluator.evaluate(file, text, read.value, this.project);
      dependencies += read.value.dependencies.length;
      findings.push(...result.findings);
      uses.push(...result.uses);
    }
    findings.sort(byPlace);
    errors.sort(byPlace);
    return { findings, errors: [...errors], uses, manifests, dependencies, platformDependencies: uses.length };
  }

  /** Evaluates a manifest's current text (an editor's unsaved buffer); `file` is relative to the root. */
  evaluateText(file: string, text: string): { findings: Finding[]; uses: PlatformUse[] } | { problems: ScanProblem[] } {
    // An open editor can show any file; only those the scan would read are evaluated.
    if (isExcluded(file, this.opts.config?.exclude ?? [])) return { findings: [], uses: [] };
    const read = readPackageJson(text);
    if (!read.ok) return { problems: read.problems.map((p) => ({ file, range: p.range, message: p.message })) };
    const result = this.evaluator.evaluate(file, text, read.value, this.project);
    result.findings.sort(byPlace);
    return result;
  }

  /** The catalog component that owns an npm package, if any. */
  componentOf(name: string): Component | undefined {
    return this.evaluator.componentOf(name);
  }
}

/** Evaluates one manifest's text (saved or not) with the lockfile that applies to it. */
export class ManifestEvaluator {
  private readonly index: ComponentIndex;
  private readonly ctx: EvaluationContext;

  constructor(private readonly opts: ScanOptions) {
    this.index = new ComponentIndex(opts.catalog);
    this.ctx = {
      catalog: opts.catalog,
      today: opts.today,
      exceptions: opts.config?.exceptions ?? [],
      ...(opts.config ? { exceptionsFile: path.basename(opts.config.file) } : {}),
    };
  }

  componentOf(name: string): Component | undefined {
    return this.index.lookup('npm', name);
  }

  evaluate(file: string, text: string, info: PackageJsonInfo, project: NpmProject): { findings: Finding[]; uses: PlatformUse[] } {
    const flagged: Array<{ dep: DeclaredDependency; verdict: Verdict; locked?: LockedVersion; lockfile?: string }> = [];
    const uses: PlatformUse[] = [];
    let lock: LockScope | null | undefined;
    for (const dep of info.dependencies) {
      const component = this.index.lookup('npm', dep.name);
      if (!component) continue;
      if (lock === undefined) lock = project.lockfileFor(dirOf(file)) ?? null;
      const locked = lock?.lockfile.resolve(lock.memberDir, dep);
      const verdict = evaluate(dep, component, locked?.version, file, this.ctx);
      if (verdict) flagged.push({ dep, verdict, ...(locked && lock ? { locked, lockfile: lock.file } : {}) });
      uses.push({
        file,
        package: dep.name,
        component: component.id,
        constraint: dep.constraint,
        resolved: locked?.version ?? null,
        severity: verdict?.severity ?? null,
      });
    }
    if (flagged.length === 0) return { findings: [], uses };
    // Exact positions cost a full tokenisation: paid only by manifests that have findings.
    const located = locatePackageJson(text, flagged.map((f) => f.dep));
    const findings = flagged.map((f, i) =>
      toFinding(file, f.dep, located[i]!.range, f.verdict, f.locked, this.opts.lockfileRanges ? f.lockfile : undefined),
    );
    return { findings, uses };
  }
}

interface LockScope {
  readonly lockfile: NpmLockfile;
  /** The lockfile's path relative to the root. */
  readonly file: string;
  readonly memberDir: string;
}

/**
 * The npm files of a folder tree: which lockfile applies to which manifest (catalog spec, rule 1),
 * each lockfile read and parsed at most once, and only when a platform dependency needs it.
 */
export class NpmProject {
  private readonly namesByDir = new Map<string, Set<string>>();
  private readonly globsByDir = new Map<string, readonly string[]>();
  private readonly facts = new Map<string, FolderFacts | undefined>();
  private readonly lockfiles = new Map<string, NpmLockfile | undefined>();

  constructor(
    private readonly root: string,
    files: readonly string[],
    private readonly errors: ScanProblem[],
  ) {
    for (const f of files) {
      const dir = dirOf(f);
      let names = this.namesByDir.get(dir);
      if (!names) this.namesByDir.set(dir, (names = new Set()));
      names.add(basename(f));
    }
  }

  /** The `workspaces` globs of the package.json in `dir`. */
  setWorkspaces(dir: string, globs: readonly string[]): void {
    if (globs.length > 0) this.globsByDir.set(dir, globs);
  }

  lockfileFor(manifestDir: string): LockScope | undefined {
    const found = applicableLockfile(manifestDir, (dir) => this.folderFacts(dir));
    const name = found && this.folderFacts(found.dir)?.lockfile;
    if (!found || !name) return undefined;
    const file = join(found.dir, name);
    const lockfile = this.lockfile(file);
    return lockfile ? { lockfile, file, memberDir: found.memberDir } : undefined;
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
        const text = readText(this.root, file, this.errors);
        const read = text === undefined ? undefined : readPnpmWorkspace(text);
        globs.push(...(read?.globs ?? []));
        for (const p of read?.problems ?? []) this.errors.push({ file, range: p.range, message: p.message });
      }
      facts = { lockfile, workspaceGlobs: globs, lockfileMembers: () => this.lockfile(join(dir, lockfile))?.members };
    }
    this.facts.set(dir, facts);
    return facts;
  }

  private lockfile(file: string): NpmLockfile | undefined {
    if (this.lockfiles.has(file)) return this.lockfiles.get(file);
    let result: NpmLockfile | undefined;
    const text = readText(this.root, file, this.errors);
    if (text !== undefined) {
      const read = parseLockfile(basename(file), text);
      if (read.ok) result = read.value;
      else for (const p of read.problems) this.errors.push({ file, range: p.range, message: p.message });
    }
    this.lockfiles.set(file, result);
    return result;
  }
}

function toFinding(
  file: string,
  dep: DeclaredDependency,
  range: Range,
  verdict: Verdict,
  locked: LockedVersion | undefined,
  lockfile: string | undefined,
): Finding {
  const { component, deprecation: _deprecation, ...rest } = verdict;
  return {
    file,
    range,
    ecosystem: dep.ecosystem,
    package: dep.name,
    constraint: dep.constraint,
    resolved: locked?.version ?? null,
    component: component.id,
    owner: component.owner,
    ...rest,
    ...(locked && lockfile ? { lockfile: { file: lockfile, range: locked.locate() } } : {}),
  };
}

/** Reads a repository file through the safe reader: regular files inside the root, capped. */
function readText(root: string, file: string, errors: ScanProblem[]): string | undefined {
  const cap = isLockfileName(basename(file)) ? MAX_LOCKFILE_BYTES : MAX_MANIFEST_BYTES;
  const read = readRepoFile(root, file, cap);
  if (read.ok) return read.bytes.toString('utf8');
  errors.push({ file, range: ZERO, message: `cannot read the file: ${read.reason}` });
  return undefined;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

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

function byPlace(a: { file: string; range: Range }, b: { file: string; range: Range }): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character
  );
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
