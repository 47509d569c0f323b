import { isSeq } from 'yaml';
import { compileGlob, globProblem } from '../../globs';
import { tooDeepMessage } from '../../nesting';
import { MAX_YAML_CHARS, parseYaml } from '../../yamlParse';
import { isRecord, lazyRanges, normalizeDir, own, parentDir, type ParseProblem } from './common';

/** What the scan knows about one folder (POSIX, relative to the scan root, '' = root). */
export interface FolderFacts {
  /** The lockfile present in the folder, by LOCKFILE_NAMES preference. */
  lockfile?: string;
  /** Workspace globs: package.json `workspaces` plus pnpm-workspace.yaml `packages`; `!` negates. */
  workspaceGlobs?: readonly string[];
  /**
   * The folders the lockfile itself lists as members (NpmLockfile.members). A function, so that a
   * lockfile is parsed only when the globs do not already decide.
   */
  lockfileMembers?: () => ReadonlySet<string> | undefined;
}

export interface LockfileScope {
  /** The folder of the lockfile that applies. */
  dir: string;
  /** The manifest's folder relative to `dir` ('' when the lockfile is beside the manifest). */
  memberDir: string;
}

/**
 * The lockfile that applies to the manifest in `manifestDir` (catalog spec, "When a dependency is
 * flagged", rule 1): the one of the nearest ancestor folder that has a lockfile and lists the
 * manifest's folder as a workspace member, by its globs or in the lockfile itself; otherwise the one
 * beside it; otherwise none. A member's own lockfile is ignored, as npm, yarn and pnpm ignore it
 * (they install a workspace from its root), and a lockfile of an unrelated ancestor never applies.
 */
export function applicableLockfile(manifestDir: string, facts: (dir: string) => FolderFacts | undefined): LockfileScope | undefined {
  const dir = normalizeDir(manifestDir);
  for (let ancestor = dir; ancestor !== ''; ) {
    ancestor = parentDir(ancestor);
    const found = facts(ancestor);
    if (!found?.lockfile) continue;
    const memberDir = ancestor === '' ? dir : dir.slice(ancestor.length + 1);
    if (isWorkspaceMember(memberDir, found.workspaceGlobs ?? []) || found.lockfileMembers?.()?.has(memberDir)) {
      return { dir: ancestor, memberDir };
    }
  }
  return facts(dir)?.lockfile ? { dir, memberDir: '' } : undefined;
}

/**
 * Compiled matchers, keyed by the globs array the caller keeps per folder: a scan asks about every
 * manifest of a monorepo, and compiling the same globs thousands of times would dominate it.
 */
const matchers = new WeakMap<readonly string[], (dir: string) => boolean>();

/** Whether `memberDir` (relative to the workspace root) matches a glob and no `!` negation. */
export function isWorkspaceMember(memberDir: string, globs: readonly string[]): boolean {
  let matcher = matchers.get(globs);
  if (!matcher) {
    matcher = compileGlobs(globs);
    matchers.set(globs, matcher);
  }
  return matcher(normalizeDir(memberDir));
}

function compileGlobs(globs: readonly string[]): (dir: string) => boolean {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    const negated = glob.startsWith('!');
    const pattern = normalizeDir(negated ? glob.slice(1) : glob);
    if (pattern !== '') (negated ? exclude : include).push(pattern);
  }
  // Plain regular expressions: picomatch's matcher function re-checks its options on every call.
  // A glob the guard refuses was reported where it was read (readPackageJson, readPnpmWorkspace).
  const compiled = (globs: string[]) => globs.flatMap((glob) => {
    const c = compileGlob(glob);
    return c.ok ? [c.re] : [];
  });
  const included = compiled(include);
  const excluded = compiled(exclude);
  return (dir) => dir !== '' && included.some((re) => re.test(dir)) && !excluded.some((re) => re.test(dir));
}

/** The `packages` globs of a pnpm-workspace.yaml; [] when there are none or the file is not YAML. */
export function parsePnpmWorkspace(text: string): string[] {
  return readPnpmWorkspace(text).globs;
}

/** What a pnpm-workspace.yaml says: its members' globs and its catalogs. */
export interface PnpmWorkspace {
  globs: string[];
  /** Catalog name → package → range; `catalog:` (the default catalog) is `default`, as pnpm names it. */
  catalogs: Map<string, Map<string, string>>;
  problems: ParseProblem[];
}

/**
 * The same, with the catalogs and the problems a scan reports: a file nested too deep to read, and
 * globs the guard refuses (at their place; they are left out). Anything else unreadable is left to
 * pnpm to report.
 */
export function readPnpmWorkspace(text: string): PnpmWorkspace {
  const toRange = lazyRanges(text);
  const nothing = (problems: ParseProblem[] = []): PnpmWorkspace => ({ globs: [], catalogs: new Map(), problems });
  if (text.length > MAX_YAML_CHARS) {
    return nothing([{ message: `this pnpm-workspace.yaml is larger than ${MAX_YAML_CHARS / 1024} KB, more than Platform Guide reads of a YAML file; it was not read`, range: toRange(0, 0) }]);
  }
  try {
    const parsed = parseYaml(text, { logLevel: 'silent', single: true });
    const deep = parsed.tooDeepAt;
    if (deep !== undefined) return nothing([{ message: tooDeepMessage('This pnpm-workspace.yaml'), range: toRange(deep, deep + 1) }]);
    const doc = parsed.docs[0];
    if (!doc || parsed.errors.length > 0) return nothing();
    const root: unknown = doc.toJS({ maxAliasCount: 100 });
    if (!isRecord(root)) return nothing();
    const catalogs = readCatalogs(root);
    const packages = own(root, 'packages');
    if (!Array.isArray(packages)) return { globs: [], catalogs, problems: [] };
    const nodes = doc.get('packages', true);
    const globs: string[] = [];
    const problems: ParseProblem[] = [];
    packages.forEach((glob: unknown, i) => {
      if (typeof glob !== 'string') return;
      const refused = globProblem(glob);
      if (refused === undefined) return void globs.push(glob);
      const at = isSeq(nodes) ? (nodes.items[i] as { range?: [number, number] } | undefined)?.range : undefined;
      problems.push({ message: `packages: ${refused}`, range: toRange(at?.[0] ?? 0, at?.[1] ?? 0) });
    });
    return { globs, catalogs, problems };
  } catch {
    return nothing();
  }
}

/** `catalog:` and `catalogs: { NAME: {...} }`; entries whose range is not a string are left out (pnpm reports them). */
function readCatalogs(root: Record<string, unknown>): Map<string, Map<string, string>> {
  const catalogs = new Map<string, Map<string, string>>();
  const add = (name: string, entries: unknown): void => {
    if (!isRecord(entries)) return;
    let catalog = catalogs.get(name);
    if (!catalog) catalogs.set(name, (catalog = new Map()));
    for (const pkg of Object.keys(entries)) {
      const range = entries[pkg];
      if (typeof range === 'string') catalog.set(pkg, range);
    }
  };
  add('default', own(root, 'catalog'));
  const named = own(root, 'catalogs');
  if (isRecord(named)) for (const name of Object.keys(named)) add(name, named[name]);
  return catalogs;
}
