import type { Range } from '../../positions';
import type { DeclaredDependency } from '../../types';
import { failure, isExactVersion, isRecord, lazyRanges, normalizeDir, own, parentDir, stripBom, writtenSpec, type ReadResult } from './common';
import { jsonSyntaxProblem } from './jsonProblems';
import type { LockedVersion, NpmLockfile } from './lockfile';

/**
 * package-lock.json / npm-shrinkwrap.json, lockfileVersion 2 and 3, through the `packages` map
 * (folder path → entry). JSON.parse only: a large monorepo's lockfile is tens of megabytes, and
 * positions are worked out only when a finding asks for one (see keyFinder).
 */
export function parsePackageLock(text: string): ReadResult<NpmLockfile> {
  let root: unknown;
  try {
    root = JSON.parse(stripBom(text));
  } catch {
    return failure([jsonSyntaxProblem(text)]);
  }
  const toRange = lazyRanges(text);
  if (!isRecord(root)) return failure([{ message: 'A package-lock.json must be a JSON object', range: toRange(0, 0) }]);
  const version = own(root, 'lockfileVersion');
  const packages = own(root, 'packages');
  if (!isRecord(packages) || version === 1) {
    const at = text.indexOf('"lockfileVersion"');
    const range = at < 0 ? toRange(0, 0) : toRange(at + 1, at + '"lockfileVersion'.length);
    const message =
      version === 1 || (version === undefined && isRecord(own(root, 'dependencies')))
        ? 'lockfileVersion 1 is not supported; run npm install with npm 7 or later'
        : `Unsupported lockfile: expected lockfileVersion 2 or 3 with a "packages" map (found ${typeof version === 'number' || typeof version === 'string' ? `lockfileVersion ${JSON.stringify(version)}` : 'no lockfileVersion'})`;
    return failure([{ message, range }]);
  }
  const findKey = keyFinder(text);
  let members: Set<string> | undefined;
  return {
    ok: true,
    value: {
      kind: 'package-lock',
      // Folders outside any node_modules are the root, the workspaces and local `file:` packages.
      get members(): ReadonlySet<string> {
        members ??= new Set(Object.keys(packages).filter((key) => !/(?:^|\/)node_modules\//.test(key) && !key.startsWith('../')));
        return members;
      },
      resolve(memberDir: string, dep: DeclaredDependency): LockedVersion | undefined {
        const dir = normalizeDir(memberDir);
        if (isStale(packages, dir, dep)) return undefined;
        const key = nodeResolve(packages, dir, dep.key);
        const entry = key === undefined ? undefined : own(packages, key);
        // A link is a folder of the repository (a workspace, a `file:` folder), not a version.
        if (key === undefined || !isRecord(entry) || own(entry, 'link') === true) return undefined;
        // The folder is named after the key; an alias's entry names the real package.
        const name = own(entry, 'name');
        if ((typeof name === 'string' ? name : dep.key) !== dep.name) return undefined;
        const pinned = own(entry, 'version');
        if (!isExactVersion(pinned)) return undefined;
        return { version: pinned, locate: () => locateEntry(text, findKey(key), key, pinned, toRange) };
      },
    },
  };
}

/**
 * The `packages` key Node would load `name` from, required from `dir`: its own node_modules first,
 * then each ancestor's, up to the root's.
 */
function nodeResolve(packages: Record<string, unknown>, dir: string, name: string): string | undefined {
  for (let d = dir; ; d = parentDir(d)) {
    // Node never looks inside node_modules/node_modules.
    if (!(d === 'node_modules' || d.endsWith('/node_modules'))) {
      const key = d === '' ? `node_modules/${name}` : `${d}/node_modules/${name}`;
      if (Object.hasOwn(packages, key)) return key;
    }
    if (d === '') return undefined;
  }
}

/**
 * npm copies each folder's declared specs into its entry. When the member's entry declares this
 * dependency differently (or not at all), the manifest was edited after the last install and the
 * lockfile does not pin what the manifest now asks for. Specs without a registry version (git,
 * file, workspace) are "unknown" in the catalog's terms and are never resolved.
 */
function isStale(packages: Record<string, unknown>, dir: string, dep: DeclaredDependency): boolean {
  const spec = writtenSpec(dep);
  if (spec === null) return true;
  const member = own(packages, dir);
  if (!isRecord(member)) return false;
  const section = own(member, dep.section);
  return !isRecord(section) || own(section, dep.key) !== spec;
}

/**
 * Where a `packages` key is written: the offset of its opening quote, or -1. npm writes the
 * lockfile itself, so a key appears JSON-escaped and followed by a colon, and a key holding
 * `node_modules/` appears nowhere else. A key written twice (a bad merge) is found at its last
 * place, whose entry is the one JSON.parse keeps. One pass indexes them all (~4 ms for a 7 MB lockfile, less
 * than two plain searches), on the first call only: most scans locate nothing.
 */
function keyFinder(text: string): (key: string) => number {
  let index: Map<string, number> | undefined;
  return (key) => {
    index ??= indexKeys(text);
    return index.get(JSON.stringify(key)) ?? -1;
  };
}

/** Every quoted key that holds `node_modules/`, by its JSON text, at its last place. */
function indexKeys(text: string): Map<string, number> {
  const index = new Map<string, number>();
  for (let hit = text.indexOf('node_modules/'); hit >= 0; ) {
    const open = text.lastIndexOf('"', hit);
    const close = text.indexOf('"', hit);
    if (open < 0 || close < 0) break;
    const needle = text.slice(open, close + 1);
    if (text.charCodeAt(skipSpaces(text, close + 1)) === 58 /* : */) index.set(needle, open);
    hit = text.indexOf('node_modules/', close + 1);
  }
  return index;
}

/**
 * The entry's `"version"` value, or its key when the version is not where npm writes it or is not
 * the version JSON.parse read (a `"version"` written twice in the entry: the last one counts).
 */
function locateEntry(text: string, at: number, key: string, version: string, toRange: (start: number, end: number) => Range): Range {
  if (at < 0) return toRange(0, 0);
  const end = at + JSON.stringify(key).length;
  const value = versionValue(text, skipSpaces(text, end) + 1);
  return value && text.slice(value.start, value.end) === version ? toRange(value.start, value.end) : toRange(at + 1, end - 1);
}

/** The entry's own `"version": "…"`, looked for only before its first nested object or its end. */
function versionValue(text: string, from: number): { start: number; end: number } | undefined {
  const open = skipSpaces(text, from);
  if (text.charCodeAt(open) !== 123 /* { */) return undefined;
  const braces = /[{}]/g;
  braces.lastIndex = open + 1;
  const boundary = braces.exec(text)?.index ?? -1;
  const field = text.indexOf('"version"', open);
  if (field < 0 || field > boundary) return undefined;
  const colon = skipSpaces(text, field + '"version"'.length);
  const quote = skipSpaces(text, colon + 1);
  if (text.charCodeAt(colon) !== 58 || text.charCodeAt(quote) !== 34 /* " */) return undefined;
  const close = text.indexOf('"', quote + 1);
  return close < 0 ? undefined : { start: quote + 1, end: close };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}
