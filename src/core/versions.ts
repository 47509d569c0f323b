import * as semver from 'semver';

/**
 * A version text normalised to what the catalog's npm-semver ranges are compared with.
 * `unknown` is a text that names no version (a tag, a git ref, `workspace:*`): never flagged by a
 * version range, never a crash.
 */
export type NormalisedVersion =
  | { readonly kind: 'exact'; readonly version: string }
  | { readonly kind: 'range'; readonly range: string }
  | { readonly kind: 'unknown' };

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

/**
 * The most `||` alternatives a range may have. Comparing two ranges (overlap, subset) costs the
 * product of their alternatives: 2,500 of them took tens of seconds. Real ranges have a handful.
 * A catalog or settings range over it is an error; a manifest's is unknown (never flagged).
 */
export const MAX_ALTERNATIVES = 64;

/** How many `||` alternatives a range text has, counted without parsing it. */
export function alternativeCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('||'); at >= 0; at = text.indexOf('||', at + 2)) count++;
  return count;
}

/**
 * An npm registry spec as written in a package.json (aliases already split off by the parser).
 * Read once per text: a monorepo writes the same few hundred specs tens of thousands of times, and
 * semver reads a range by first failing to read it as a version (a thrown error each time).
 */
export function normaliseNpm(constraint: string | null): NormalisedVersion {
  if (constraint === null) return UNKNOWN;
  let read = normalised.get(constraint);
  if (read === undefined) {
    read = readNpm(constraint);
    if (normalised.size >= 10_000) normalised.clear();
    normalised.set(constraint, read);
  }
  return read;
}
const normalised = new Map<string, NormalisedVersion>();

function readNpm(constraint: string): NormalisedVersion {
  const text = constraint.trim();
  if (alternativeCount(text) > MAX_ALTERNATIVES) return UNKNOWN;
  // Loosely, as npm-package-arg reads a spec: `v1.2.3`, `=1.2.3` and `1.02.3` are that exact version.
  const exact = semver.valid(semver.clean(text, { loose: true }) ?? '', { loose: true });
  if (exact) return { kind: 'exact', version: exact };
  let range: string | null = null;
  try {
    range = semver.validRange(text, { loose: true });
  } catch {
    range = null;
  }
  return range === null ? UNKNOWN : { kind: 'range', range };
}

/** A version pinned by a lockfile, or null when the text is not a version. */
export function normalisePinned(version: string): string | null {
  return semver.valid(semver.clean(version) ?? '') ?? null;
}

/**
 * Is every version the dependency admits inside `versions`? A pinned version is tested directly;
 * a range must be a subset, so `^2.0.0 || ^3.0.0` is not inside `<3.0.0` (no false alarms for
 * ranges that also admit supported versions).
 */
export function isInside(version: NormalisedVersion, versions: string): boolean {
  try {
    switch (version.kind) {
      case 'exact':
        return pinnedRange(versions).test(version.version);
      case 'range':
        return subset(version.range, versions);
      case 'unknown':
        return false;
    }
  } catch {
    return false;
  }
}

/** A catalog has a handful of ranges and a monorepo tens of thousands of pins: parse each range once. */
const pinnedRanges = new Map<string, semver.Range>();
function pinnedRange(versions: string): semver.Range {
  let r = pinnedRanges.get(versions);
  if (!r) {
    r = new semver.Range(versions, { includePrerelease: true });
    pinnedRanges.set(versions, r);
  }
  return r;
}

/**
 * `semver.subset`, decided once per pair: a monorepo repeats the same few ranges in many
 * manifests, and the editor asks again on every keystroke. Cleared when it grows large, so a
 * long session's edits cannot make it grow without end.
 */
const subsets = new Map<string, boolean>();
function subset(range: string, versions: string): boolean {
  const key = `${range}\0${versions}`;
  let inside = subsets.get(key);
  if (inside === undefined) {
    inside = semver.subset(range, versions);
    if (subsets.size >= 10_000) subsets.clear();
    subsets.set(key, inside);
  }
  return inside;
}
