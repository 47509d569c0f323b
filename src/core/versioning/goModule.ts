import * as semver from 'semver';
import type { NormalisedVersion } from '../versions';
import { precisionRange } from './actionRef';
import type { Versioning } from './types';

/**
 * Go module versions as go.mod writes them (Go modules reference, "Versions" and
 * "Pseudo-versions"): a `v`, then semver. Read:
 * - `v1.2.3` exact; `v2.0.0+incompatible` is v2.0.0 (the marker only says the module has no
 *   go.mod of its own, so its path carries no `/v2`);
 * - a pseudo-version is a prerelease of the version it comes before, and semver's order puts it
 *   there already: `v0.0.0-20240101120000-abcdef123456` is a prerelease of 0.0.0,
 *   `v1.2.4-0.20240101120000-abcdef123456` (after v1.2.3) and `v1.2.4-pre.0.2024…-abc` of 1.2.4;
 * - the short forms Go's semver package accepts (`v1`, `v1.2`) by precision;
 * - anything else (a branch or query the go command has not resolved yet, `latest`) is unknown.
 */
const GO_VERSION = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?)?)?(\+[0-9A-Za-z.-]+)?$/;

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

interface GoVersion {
  readonly major: number;
  /** How many numbers are written: 1, 2 or 3. */
  readonly precision: number;
  readonly incompatible: boolean;
  /** The semver form compared (without `v` and build), or undefined for a short form. */
  readonly exact: string | undefined;
}

function read(text: string): GoVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const m = GO_VERSION.exec(text.trim());
  if (!m || (m[5] !== undefined && m[3] === undefined)) return undefined;
  const [, major, minor, patch, pre] = m;
  if ([major, minor, patch].some((n) => n !== undefined && n.length > 15)) return undefined;
  const precision = patch !== undefined ? 3 : minor !== undefined ? 2 : 1;
  const exact = patch !== undefined ? (semver.valid(`${major}.${minor}.${patch}${pre ?? ''}`) ?? undefined) : undefined;
  if (patch !== undefined && exact === undefined) return undefined;
  return { major: Number(major), precision, incompatible: m[5] === '+incompatible', exact };
}

export function normaliseGoModule(text: string | null): NormalisedVersion {
  const v = text === null ? undefined : read(text);
  if (!v) return UNKNOWN;
  if (v.exact) return { kind: 'exact', version: v.exact };
  const m = GO_VERSION.exec(text!.trim())!;
  return { kind: 'range', range: precisionRange(Number(m[1]), m[2] === undefined ? undefined : Number(m[2])) };
}

/**
 * The `/vN` suffix a module path must carry for a version (Go's "major version suffix" rule): none
 * for v0 and v1 and for a `+incompatible` version, `/vN` from v2 on.
 */
function pathSuffix(major: number, incompatible: boolean): string {
  return major < 2 || incompatible ? '' : `/v${major}`;
}

/**
 * Whether a module path may carry this version (the major version suffix rule): a path ending in
 * `/vN` takes vN.x only, a path without one takes v0, v1 or a `+incompatible` version. gopkg.in
 * paths (`yaml.v3`) follow their own rule and are not judged; nor is a text that names no version.
 */
export function pathFitsVersion(path: string, text: string): boolean {
  const v = read(text);
  if (!v || typeof path !== 'string' || path.startsWith('gopkg.in/')) return true;
  const m = /\/v(\d+)$/.exec(path);
  return m ? !v.incompatible && v.major === Number(m[1]) && v.major >= 2 : v.major < 2 || v.incompatible;
}

function target(to: string): semver.SemVer | undefined {
  return typeof to === 'string' ? (semver.parse(to.trim().replace(/^v(?=\d)/, '')) ?? undefined) : undefined;
}

/**
 * Why a go.mod version cannot move to `to` by editing the version alone: across a major that
 * changes the module path's `/vN` suffix (v1 → v2, `/v3` → v4) the path must change too, which is
 * a rename (a catalog migration's `rename` step), not a bump. Undefined when a bump can do it.
 */
export function goModuleRefusal(text: string, to: string): string | undefined {
  const v = read(text);
  const t = target(to);
  if (!v || !t) return undefined;
  // An incompatible module keeps its path (and its marker) for every major from 2 on.
  const from = pathSuffix(v.major, v.incompatible);
  const next = pathSuffix(t.major, v.incompatible && t.major >= 2);
  if (from === next) return undefined;
  return `crossing a major changes the module path (…${next || ` without ${from}`}): a rename, not a bump`;
}

/**
 * `v1.2.3` → `v1.4.0`, keeping the `v` (Go requires it), the precision written, and
 * `+incompatible`; a pseudo-version moves to the release. Undefined across a major that changes
 * the module path (see goModuleRefusal) and for a text that names no version.
 */
export function bumpGoModule(text: string, to: string): string | undefined {
  const v = typeof text === 'string' && text.trim() === text ? read(text) : undefined;
  const t = target(to);
  if (!v || !t || goModuleRefusal(text, to) !== undefined) return undefined;
  const pre = t.prerelease.length > 0 ? `-${t.prerelease.join('.')}` : '';
  // A short form keeps its precision unless the target is a prerelease, which needs all three numbers.
  const nums = [t.major, t.minor, t.patch].slice(0, pre ? 3 : v.precision).join('.');
  return `v${nums}${pre}${v.incompatible && t.major >= 2 ? '+incompatible' : ''}`;
}

export const goModuleVersioning: Versioning = {
  id: 'go-module',
  normalise: normaliseGoModule,
  bump: bumpGoModule,
  whyNotBumped: goModuleRefusal,
};
