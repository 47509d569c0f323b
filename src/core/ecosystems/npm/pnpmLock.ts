import * as semver from 'semver';
import type { DeclaredDependency } from '../../types';
import { alternativeCount, MAX_ALTERNATIVES } from '../../versions';
import { failure, isExactVersion, lazyRanges, normalizeDir, writtenSpec, type ReadResult } from './common';
import type { LockedVersion, NpmLockfile } from './lockfile';
import { scanKeyLines, type KeyLine } from './lockLines';

/** One dependency of an importer: v5 writes `name: version` plus a `specifiers` map, v6+ `{ specifier, version }`. */
interface Pin {
  version?: string;
  specifier?: string;
  start: number;
  end: number;
}

interface Importer {
  readonly sections: Map<string, Map<string, Pin>>;
  /** lockfileVersion 5.x keeps the specs apart from the versions. */
  readonly specifiers: Map<string, string>;
}

const PINNED_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/**
 * pnpm-lock.yaml, lockfileVersion 5.x, 6.x and 9.x. Only the importers and the overrides are read (or, in a 5.x/6.x
 * lockfile of a single project, the same sections at the top level); `packages` and `snapshots`,
 * nearly all of the file, are skipped unread.
 */
export function parsePnpmLock(text: string): ReadResult<NpmLockfile> {
  const importers = new Map<string, Importer>();
  let lockfileVersion: string | undefined;
  let lockfileVersionLine: KeyLine | undefined;
  const importerOf = (dir: string): Importer => {
    let importer = importers.get(dir);
    if (!importer) importers.set(dir, (importer = { sections: new Map(), specifiers: new Map() }));
    return importer;
  };
  /** The top-level `overrides` (from package.json `pnpm.overrides` or pnpm-workspace.yaml): selector → spec. */
  const overrides = new Map<string, string>();
  /** The catalog entries it was installed from (9.x): `NAME\npackage` → the entry's range then. */
  const catalogs = new Map<string, string>();
  const problem = scanKeyLines(text, 'yaml', (line, parents) => {
    if (parents.length === 0) {
      if (line.key === 'lockfileVersion') {
        lockfileVersion = line.value;
        lockfileVersionLine = line;
      }
      return !['importers', 'overrides', 'catalogs'].includes(line.key) && !isImporterSection(line.key);
    }
    if (parents[0] === 'overrides') {
      if (parents.length === 1 && line.value !== undefined) overrides.set(line.key, line.value);
      return true;
    }
    if (parents[0] === 'catalogs') {
      // catalogs: NAME: package: { specifier, version }
      if (parents.length === 3 && line.key === 'specifier' && line.value !== undefined) catalogs.set(`${parents[1]}\n${parents[2]}`, line.value);
      return parents.length >= 3;
    }
    if (parents.length === 1 && parents[0] === 'importers') {
      importerOf(normalizeDir(line.key)); // listed even when it has no dependencies
      return false;
    }
    // A single-project lockfile keeps the root importer's sections at the top level.
    const [dir, path] = parents[0] === 'importers' ? [parents[1] ?? '', parents.slice(2)] : ['', parents];
    const section = path[0];
    if (section === undefined) return !isImporterSection(line.key);
    const importer = importerOf(normalizeDir(dir));
    if (section === 'specifiers') {
      if (line.value !== undefined) importer.specifiers.set(line.key, line.value);
      return true;
    }
    if (path.length === 1) {
      let pins = importer.sections.get(section);
      if (!pins) importer.sections.set(section, (pins = new Map()));
      const pin: Pin = { start: line.valueStart, end: line.valueEnd };
      if (line.value !== undefined) pin.version = line.value;
      pins.set(line.key, pin);
      return false;
    }
    const pin = importer.sections.get(section)?.get(path[1] ?? '');
    if (pin && line.value !== undefined && path.length === 2) {
      if (line.key === 'specifier') pin.specifier = line.value;
      if (line.key === 'version') {
        pin.version = line.value;
        pin.start = line.valueStart;
        pin.end = line.valueEnd;
      }
    }
    return true;
  });
  if (problem) return failure([problem]);
  const overridden = directOverrides(overrides);
  if (importers.size === 0) importerOf(''); // a single project without dependencies
  const toRange = lazyRanges(text);
  const major = Number.parseInt(lockfileVersion ?? '', 10);
  if (!(major >= 5 && major <= 9)) {
    const where = lockfileVersionLine ? toRange(lockfileVersionLine.valueStart, lockfileVersionLine.valueEnd) : toRange(0, 0);
    const message =
      lockfileVersion === undefined
        ? 'pnpm-lock.yaml has no lockfileVersion; is it a pnpm lockfile?'
        : `pnpm lockfileVersion ${lockfileVersion} is not supported (expected 5.x, 6.x or 9.x); run pnpm install with pnpm 7 or later`;
    return failure([{ message, range: where }]);
  }
  return {
    ok: true,
    value: {
      kind: 'pnpm',
      members: new Set(importers.keys()),
      catalogSpecifier: (catalog, name) => catalogs.get(`${catalog}\n${name}`),
      resolve(memberDir: string, dep: DeclaredDependency): LockedVersion | undefined {
        const spec = writtenSpec(dep);
        const importer = importers.get(normalizeDir(memberDir));
        if (spec === null || !importer) return undefined;
        const pin = findPin(importer, dep);
        if (!pin?.version) return undefined;
        // A spec edited since the last install is not what the lockfile pinned; one an override
        // replaced is recorded as the override's spec, and the version is what was installed.
        const specifier = pin.specifier ?? importer.specifiers.get(dep.key);
        if (specifier !== undefined && specifier !== spec && !overridden(dep.name, spec, specifier)) return undefined;
        const version = pinnedVersion(pin.version, major);
        const { start, end } = pin;
        return version === undefined ? undefined : { version, locate: () => toRange(start, end) };
      },
    },
  };
}

/**
 * Whether an override replaced a direct dependency's spec `written` by `recorded`: a selector that
 * names the package alone (`ms`) or with the range it replaces (`ms@^2`, `ms@*`) and whose spec is
 * the one recorded. Selectors with a parent (`a>ms`) only reach transitive dependencies.
 */
function directOverrides(overrides: ReadonlyMap<string, string>): (name: string, written: string, recorded: string) => boolean {
  return (name, written, recorded) => {
    for (const [selector, spec] of overrides) {
      if (spec !== recorded || selector.includes('>')) continue;
      const at = selector.indexOf('@', selector.startsWith('@') ? 1 : 0);
      const target = at < 0 ? selector : selector.slice(0, at);
      if (target === name && (at < 0 || isSubRange(written, selector.slice(at + 1)))) return true;
    }
    return false;
  };
}

/** pnpm's test for a selector's range: the spec is that range, or a range inside it. */
function isSubRange(spec: string, selectorRange: string): boolean {
  if (spec === selectorRange) return true;
  // A subset test costs the product of the alternatives: a hostile lockfile is not worth the wait.
  if (alternativeCount(spec) > MAX_ALTERNATIVES || alternativeCount(selectorRange) > MAX_ALTERNATIVES) return false;
  try {
    return semver.validRange(spec) !== null && semver.validRange(selectorRange) !== null && semver.subset(spec, selectorRange);
  } catch {
    return false;
  }
}

function isImporterSection(key: string): boolean {
  return key === 'specifiers' || PINNED_SECTIONS.includes(key);
}

/** The manifest's own section first; pnpm lists installed peers under `dependencies`, for instance. */
function findPin(importer: Importer, dep: DeclaredDependency): Pin | undefined {
  const own = importer.sections.get(dep.section)?.get(dep.key);
  if (own) return own;
  for (const section of PINNED_SECTIONS) {
    const pin = importer.sections.get(section)?.get(dep.key);
    if (pin) return pin;
  }
  return undefined;
}

/**
 * The version inside an importer's reference: `2.3.4`, with peers `2.3.4(react@18.2.0)` (6+) or
 * `2.3.4_react@18.2.0` (5.x), an alias `/@acme/ui/3.1.0` (5.x), `/@acme/ui@3.1.0` (6.x) or
 * `@acme/ui@3.1.0` (9.x). `link:`, `file:`, git and tarball references pin no registry version.
 */
export function pinnedVersion(reference: string, major: number): string | undefined {
  let v = reference;
  const paren = v.indexOf('(');
  if (paren >= 0) v = v.slice(0, paren);
  if (major < 6) {
    if (v.startsWith('/')) v = v.slice(v.lastIndexOf('/') + 1);
    const underscore = v.indexOf('_');
    if (underscore >= 0) v = v.slice(0, underscore);
  } else {
    const at = v.lastIndexOf('@');
    if (at > 0) v = v.slice(at + 1);
  }
  return isExactVersion(v) ? v : undefined;
}
