import { LineIndex, type Range } from '../../positions';
import type { DeclaredDependency } from '../../types';

/** A problem found while reading a file. 0-based range. */
export interface ParseProblem {
  message: string;
  range: Range;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problems: ParseProblem[] };

export function failure(problems: ParseProblem[]): { ok: false; problems: ParseProblem[] } {
  return { ok: false, problems };
}

/** Files written on Windows may start with a byte-order mark, which JSON.parse refuses. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a property only if the object itself holds it, so a key like `constructor` or `toString`
 * never reaches Object.prototype. (JSON.parse stores `__proto__` as an own data property, which
 * shadows the accessor, so reading it here is safe too.)
 */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Turns offsets into ranges, building the line table only on the first call: most lockfiles and
 * manifests of a scan never need a position, and a line table of a 30 MB lockfile is not free.
 */
export function lazyRanges(text: string): (start: number, end: number) => Range {
  let index: LineIndex | undefined;
  return (start, end) => {
    index ??= new LineIndex(text);
    const s = Math.max(0, Math.min(start, text.length));
    return index.range(s, Math.max(s, Math.min(end, text.length)));
  };
}

/** Folders are POSIX paths relative to a root; '' is the root itself. */
export function normalizeDir(dir: string): string {
  // Called for every manifest and dependency of a scan: the usual, already clean path returns at once.
  if (!/^\.|\\|\/$/.test(dir)) return dir;
  let d = dir.replace(/\\/g, '/');
  while (d.startsWith('./')) d = d.slice(2);
  d = d.replace(/\/+$/, '');
  return d === '.' ? '' : d;
}

export function parentDir(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/**
 * The spec as the manifest wrote it, rebuilt from a declared dependency, for lockfiles keyed by spec
 * (yarn) or that record it (pnpm specifiers, package-lock member entries). Null when the manifest
 * named no registry version: those dependencies are "unknown" in the catalog's terms, so no
 * lockfile is consulted for them.
 */
export function writtenSpec(dep: DeclaredDependency): string | null {
  if (dep.constraint === null) return null;
  return dep.name === dep.key ? dep.constraint : `npm:${dep.name}@${dep.constraint}`;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Lockfiles also record git commits, tarball URLs and local paths; only a semver version is a pin. */
export function isExactVersion(version: unknown): version is string {
  return typeof version === 'string' && EXACT_VERSION.test(version);
}
