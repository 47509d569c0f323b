import * as semver from 'semver';
import { bumpConstraint } from '../bump';
import type { NormalisedVersion } from '../versions';
import type { Versioning } from './types';

/**
 * A git ref naming a version, as GitHub Actions (`actions/checkout@v4`) and GitLab CI includes
 * (`ref: v1.4.0`, `component: …@1.4.0`) write them: an optional `v`, then one to three numbers.
 * Leading zeros are not numbers semver accepts, so `v04` (like `V4`) is a tag like any other.
 */
const VERSION_REF = /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)?$/;

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

/**
 * The range a version written with fewer than three numbers stands for (catalog spec, "Versions and
 * normalisation"): `4` → `>=4.0.0 <5.0.0-0`, `4.1` → `>=4.1.0 <4.2.0-0`. The `-0` keeps the
 * next major's prereleases out, as npm's `^`/`~` do.
 */
export function precisionRange(major: number, minor?: number): string {
  return minor === undefined ? `>=${major}.0.0 <${major + 1}.0.0-0` : `>=${major}.${minor}.0 <${major}.${minor + 1}.0-0`;
}

/**
 * `v4` and `v4.1` by precision, `v4.1.1` (or `1.4.0`) exact; a branch (`main`), `~latest`, a SHA,
 * an expression (`${{ … }}`) or any other ref names no version: unknown.
 */
export function normaliseActionRef(text: string | null): NormalisedVersion {
  if (typeof text !== 'string') return UNKNOWN;
  const m = VERSION_REF.exec(text.trim());
  if (!m) return UNKNOWN;
  const [, major, minor, patch] = m;
  if (patch !== undefined) {
    const exact = semver.valid(text.trim().replace(/^v/, ''));
    return exact ? { kind: 'exact', version: exact } : UNKNOWN;
  }
  const range = precisionRange(Number(major), minor === undefined ? undefined : Number(minor));
  // Numbers beyond what semver holds (a 20-digit "tag") are no version.
  return semver.validRange(range) ? { kind: 'range', range } : UNKNOWN;
}

/**
 * Moves a version ref to `to`, keeping its `v` and its precision: `v3` → `v4`, `v3.1.0` → `v4.2.0`,
 * `1.4.0` → `2.0.0`. Undefined for a SHA, a branch or any ref that names no version: the catalog
 * names versions, not commits, so a SHA pin is never rewritten.
 */
export function bumpActionRef(text: string, to: string): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string') return undefined;
  if (normaliseActionRef(text).kind === 'unknown' || text.trim() !== text) return undefined;
  // The npm bump already keeps a `v` and the precision written; a ref is one bare version atom.
  return bumpConstraint(text, to);
}

export const actionRefVersioning: Versioning = {
  id: 'action-ref',
  normalise: normaliseActionRef,
  bump: bumpActionRef,
};
