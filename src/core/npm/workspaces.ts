import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import { isRecord, normalizeDir, own, parentDir } from './common';

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
 * flagged", rule 1): the one beside it; otherwise the one of the nearest ancestor folder that has a
 * lockfile and lists the manifest's folder as a workspace member, by its globs or in the lockfile
 * itself; otherwise none. A lockfile of an unrelated ancestor never applies: npm, yarn and pnpm
 * would not use it for this folder either.
 */
export function applicableLockfile(manifestDir: string, facts: (dir: string) => FolderFacts | undefined): LockfileScope | undefined {
  const dir = normalizeDir(manifestDir);
  if (facts(dir)?.lockfile) return { dir, memberDir: '' };
  for (let ancestor = dir; ancestor !== ''; ) {
    ancestor = parentDir(ancestor);
    const found = facts(ancestor);
    if (!found?.lockfile) continue;
    const memberDir = ancestor === '' ? dir : dir.slice(ancestor.length + 1);
    if (isWorkspaceMember(memberDir, found.workspaceGlobs ?? []) || found.lockfileMembers?.()?.has(memberDir)) {
      return { dir: ancestor, memberDir };
    }
  }
  return undefined;
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
  const included = include.map((glob) => picomatch.makeRe(glob));
  const excluded = exclude.map((glob) => picomatch.makeRe(glob));
  return (dir) => dir !== '' && included.some((re) => re.test(dir)) && !excluded.some((re) => re.test(dir));
}

/** The `packages` globs of a pnpm-workspace.yaml; [] when there are none or the file is not YAML. */
export function parsePnpmWorkspace(text: string): string[] {
  try {
    const doc = parseDocument(text, { logLevel: 'silent' });
    if (doc.errors.length > 0) return [];
    const root: unknown = doc.toJS({ maxAliasCount: 100 });
    const packages = isRecord(root) ? own(root, 'packages') : undefined;
    return Array.isArray(packages) ? packages.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}
