import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog, RepoConfig } from './catalog/model';
import { ComponentIndex } from './componentIndex';
import { evaluate, type EvaluationContext, type Verdict } from './evaluate';
import {
  applicableLockfile,
  locatePackageJson,
  LOCKFILE_NAMES,
  parseLockfile,
  parsePnpmWorkspace,
  pickLockfile,
  readPackageJson,
  type FolderFacts,
  type LockedVersion,
  type NpmLockfile,
  type PackageJsonInfo,
} from './npm';
import type { Range } from './positions';
import type { DeclaredDependency, Ecosystem, Severity } from './types';
import { walk } from './walk';

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

/** A file that could not be read; the scan goes on without it. */
export interface ScanProblem {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly errors: ScanProblem[];
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
}

const MANIFEST = 'package.json';
const PNPM_WORKSPACE = 'pnpm-workspace.yaml';
const INTERESTING = new Set<string>([MANIFEST, PNPM_WORKSPACE, ...LOCKFILE_NAMES]);

interface ReadManifest {
  readonly file: string;
  readonly dir: string;
  readonly text: string;
  readonly info: PackageJsonInfo;
}

/** Scans every package.json under the root and evaluates its platform dependencies. */
export function scanWorkspace(opts: ScanOptions): ScanResult {
  const { files } = walk(opts.root, (name) => INTERESTING.has(name), opts.config?.exclude ?? []);
  const index = new ComponentIndex(opts.catalog);
  const ctx: EvaluationContext = {
    catalog: opts.catalog,
    today: opts.today,
    exceptions: opts.config?.exceptions ?? [],
    ...(opts.config ? { exceptionsFile: path.basename(opts.config.file) } : {}),
  };
  const errors: ScanProblem[] = [];
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = dirOf(f);
    let names = byDir.get(dir);
    if (!names) byDir.set(dir, (names = new Set()));
    names.add(f.slice(dir === '' ? 0 : dir.length + 1));
  }

  const manifests: ReadManifest[] = [];
  for (const file of files) {
    if (!file.endsWith(MANIFEST) || (file !== MANIFEST && !file.endsWith('/' + MANIFEST))) continue;
    const text = readText(opts.root, file, errors);
    if (text === undefined) continue;
    const read = readPackageJson(text);
    if (!read.ok) {
      for (const p of read.problems) errors.push({ file, range: p.range, message: p.message });
      continue;
    }
    manifests.push({ file, dir: dirOf(file), text, info: read.value });
  }
  const infoByDir = new Map(manifests.map((m) => [m.dir, m.info]));
  const lockfiles = new LockfileCache(opts.root, errors);

  const facts = (dir: string): FolderFacts | undefined => {
    const names = byDir.get(dir);
    if (!names) return undefined;
    const lockfile = pickLockfile(names);
    const globs = [...(infoByDir.get(dir)?.workspaces ?? [])];
    if (names.has(PNPM_WORKSPACE)) {
      const text = readText(opts.root, join(dir, PNPM_WORKSPACE), errors);
      if (text !== undefined) globs.push(...parsePnpmWorkspace(text));
    }
    return {
      ...(lockfile ? { lockfile } : {}),
      ...(globs.length > 0 ? { workspaceGlobs: globs } : {}),
      ...(lockfile ? { lockfileMembers: () => lockfiles.get(join(dir, lockfile))?.members } : {}),
    };
  };
  const factsCache = new Map<string, FolderFacts | undefined>();
  const cachedFacts = (dir: string) => {
    if (!factsCache.has(dir)) factsCache.set(dir, facts(dir));
    return factsCache.get(dir);
  };

  const findings: Finding[] = [];
  let dependencies = 0;
  let platformDependencies = 0;
  for (const m of manifests) {
    dependencies += m.info.dependencies.length;
    const flagged: Array<{ dep: DeclaredDependency; verdict: Verdict; locked?: LockedVersion; lockfile?: string }> = [];
    let lock: { lockfile: NpmLockfile; file: string; memberDir: string } | null | undefined;
    for (const dep of m.info.dependencies) {
      const component = index.lookup('npm', dep.name);
      if (!component) continue;
      platformDependencies++;
      if (lock === undefined) lock = lockfileFor(m.dir, cachedFacts, lockfiles) ?? null;
      const locked = lock?.lockfile.resolve(lock.memberDir, dep);
      const verdict = evaluate(dep, component, locked?.version, m.file, ctx);
      if (verdict) flagged.push({ dep, verdict, ...(locked && lock ? { locked, lockfile: lock.file } : {}) });
    }
    if (flagged.length === 0) continue;
    const located = locatePackageJson(m.text, flagged.map((f) => f.dep));
    flagged.forEach((f, i) => findings.push(toFinding(m.file, f.dep, located[i]!.range, f.verdict, f.locked, f.lockfile)));
  }
  findings.sort(byPlace);
  errors.sort(byPlace);
  return { findings, errors, manifests: manifests.length, dependencies, platformDependencies };
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

function lockfileFor(
  dir: string,
  facts: (dir: string) => FolderFacts | undefined,
  cache: LockfileCache,
): { lockfile: NpmLockfile; file: string; memberDir: string } | undefined {
  const found = applicableLockfile(dir, facts);
  if (!found) return undefined;
  const name = facts(found.dir)?.lockfile;
  if (!name) return undefined;
  const file = join(found.dir, name);
  const lockfile = cache.get(file);
  return lockfile ? { lockfile, file, memberDir: found.memberDir } : undefined;
}

/** Each lockfile is read and parsed at most once, and only when a platform dependency needs it. */
class LockfileCache {
  private readonly parsed = new Map<string, NpmLockfile | undefined>();
  constructor(
    private readonly root: string,
    private readonly errors: ScanProblem[],
  ) {}

  get(file: string): NpmLockfile | undefined {
    if (this.parsed.has(file)) return this.parsed.get(file);
    let result: NpmLockfile | undefined;
    const text = readText(this.root, file, this.errors);
    if (text !== undefined) {
      const read = parseLockfile(path.posix.basename(file), text);
      if (read.ok) result = read.value;
      else for (const p of read.problems) this.errors.push({ file, range: p.range, message: p.message });
    }
    this.parsed.set(file, result);
    return result;
  }
}

function readText(root: string, file: string, errors: ScanProblem[]): string | undefined {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch (e) {
    errors.push({ file, range: ZERO, message: `cannot read the file: ${(e as Error).message}` });
    return undefined;
  }
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

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
