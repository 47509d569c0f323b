import * as semver from 'semver';
import { bumpConstraint, MAX_CONSTRAINT_LENGTH } from '../bump';
import { MAX_ALTERNATIVES, type NormalisedVersion } from '../versions';
import type { Versioning } from './types';

/**
 * Maven versions (catalog spec, "Versions and normalisation"), shared by Maven and Gradle:
 * - a plain version is that version (`1.2` is 1.2.0, not a range: Maven has no precision ranges);
 *   a trailing qualifier is a variant (`-jre`, `.Final`, `.RELEASE`, `-android`), ignored for
 *   comparison and kept by a bump, unless it names a prerelease (`-SNAPSHOT`, `-alpha-1`, `-M2`,
 *   `-RC1`, `.CR1`, `-beta`), which Maven orders before the release;
 * - ranges `[1.0,2.0)`, `[1.0,)`, `(,1.0]`, `[1.2]` (exactly), unions `[1,2),[3,4)`;
 * - Gradle only: `1.2.+` (a prefix), `1.2.3!!` (strictly that version), `latest.release` and
 *   `latest.integration` (no version: unknown), a lone `+` (any version: unknown).
 */
const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

/** Numbers beyond this many digits are not versions semver can hold. */
const MAX_DIGITS = 15;
const PLAIN = /^(\d+(?:\.\d+)*)(.*)$/;
/** Qualifiers Maven orders before the release (ComparableVersion's alpha, beta, milestone, rc, snapshot). */
const PRERELEASE = /^[-.]?(alpha|beta|milestone|rc|cr|snapshot|preview|ea|a|b|m)[-.]?(\d*)(?![A-Za-z])/i;
const SEMVER_PRE: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone', cr: 'rc' };

interface Plain {
  readonly parts: readonly string[];
  /** The prerelease in semver form (`SNAPSHOT`, `alpha.1`), '' when none. */
  readonly pre: string;
  /** The qualifier as written when it is a prerelease (`-SNAPSHOT`), else ''. */
  readonly preWritten: string;
  /** What follows the numbers and the prerelease: a variant kept by a bump. */
  readonly variant: string;
}

function readPlain(text: string): Plain | undefined {
  const m = PLAIN.exec(text);
  if (!m) return undefined;
  const parts = m[1]!.split('.');
  if (parts.some((p) => p.length > MAX_DIGITS)) return undefined;
  let rest = m[2]!;
  // A qualifier must be separated from the numbers or start with a letter (`1.0RC1` is rare but seen).
  if (rest !== '' && !/^[-.A-Za-z_+]/.test(rest)) return undefined;
  const p = PRERELEASE.exec(rest);
  let pre = '';
  let preWritten = '';
  if (p) {
    const word = p[1]!.toLowerCase();
    pre = [SEMVER_PRE[word] ?? word, ...(p[2] ? [String(Number(p[2]))] : [])].join('.');
    if (word === 'snapshot') pre = 'SNAPSHOT';
    preWritten = p[0];
    rest = rest.slice(p[0].length);
    // `1.0-rc1-SNAPSHOT`: still a prerelease, the snapshot of it.
    const snap = /^-SNAPSHOT$/i.exec(rest);
    if (snap) {
      pre += '.SNAPSHOT';
      preWritten += snap[0];
      rest = '';
    }
  }
  // A variant is a word or more (`-jre`, `.Final`, `.v20250814`); `.+` or a space is no Maven version.
  if (rest !== '' && !/^[-._]?[A-Za-z0-9][\w.-]*$/.test(rest)) return undefined;
  return { parts, pre, preWritten, variant: rest };
}

/** The semver version a plain Maven version stands for (first three numbers, padded). */
function semverOf(p: Plain): string {
  const [a = '0', b = '0', c = '0'] = p.parts.map((x) => String(Number(x)));
  return `${a}.${b}.${c}${p.pre ? `-${p.pre}` : ''}`;
}

/** One bound of a range: a plain version, or undefined when it names none. */
function bound(text: string): string | undefined {
  const p = readPlain(text.trim());
  return p ? semverOf(p) : undefined;
}

/** `[1.0,2.0)`, `[1.2]`, `(,1.0],[1.2,)` → a semver range; undefined when not a range as Maven writes it. */
function readRange(text: string, gradle: boolean): string | undefined {
  // Gradle also writes an excluded bound with the bracket turned outwards: `]1.0,2.0[`.
  const INTERVAL = gradle
    ? /\s*([[(\]])([^[\](),]*)(?:,([^[\](),]*))?([\])[])\s*(?:,|$)/y
    : /\s*([[(])([^[\](),]*)(?:,([^[\](),]*))?([\])])\s*(?:,|$)/y;
  const alternatives: string[] = [];
  let at = 0;
  while (at < text.length) {
    INTERVAL.lastIndex = at;
    const m = INTERVAL.exec(text);
    if (!m) return undefined;
    at = INTERVAL.lastIndex;
    const [, written, low = '', high, closing] = m;
    const open = written === ']' ? '(' : written;
    const close = closing === '[' ? ')' : closing;
    if (high === undefined) {
      // `[1.2]` is exactly 1.2; `(1.2)` means nothing.
      const v = bound(low);
      if (open !== '[' || close !== ']' || !v) return undefined;
      alternatives.push(v);
      continue;
    }
    const parts: string[] = [];
    if (low.trim() !== '') {
      const v = bound(low);
      if (!v) return undefined;
      parts.push(`${open === '[' ? '>=' : '>'}${v}`);
    }
    if (high.trim() !== '') {
      const v = bound(high);
      if (!v) return undefined;
      parts.push(`${close === ']' ? '<=' : '<'}${v}`);
    }
    alternatives.push(parts.length === 0 ? '*' : parts.join(' '));
    if (alternatives.length > MAX_ALTERNATIVES) return undefined;
  }
  return alternatives.length === 0 ? undefined : alternatives.join(' || ');
}

function normalise(text: string | null, gradle: boolean): NormalisedVersion {
  if (typeof text !== 'string' || text.length > MAX_CONSTRAINT_LENGTH) return UNKNOWN;
  let t = text.trim();
  if (/^[[(]/.test(t) || (gradle && /^\]/.test(t))) {
    const range = readRange(t, gradle);
    if (range === undefined || semver.validRange(range) === null) return UNKNOWN;
    // `[1.2]` alone is one version.
    return semver.valid(range) ? { kind: 'exact', version: range } : { kind: 'range', range };
  }
  if (gradle) {
    if (t.endsWith('!!')) t = t.slice(0, -2);
    const prefix = /^(\d+(?:\.\d+)*)\.\+$/.exec(t);
    if (prefix) return prefixRange(prefix[1]!.split('.').map(Number));
  }
  const p = readPlain(t);
  if (!p) return UNKNOWN;
  if (p.parts.length > 3 && !p.pre) {
    // `1.2.3.4` is newer than 1.2.3 and older than 1.2.4: compared on the first three.
    const [a, b, c] = p.parts.map(Number) as [number, number, number];
    return { kind: 'range', range: `>=${a}.${b}.${c} <${a}.${b}.${c + 1}-0` };
  }
  const version = semver.valid(semverOf(p));
  return version ? { kind: 'exact', version } : UNKNOWN;
}

/** Gradle's `1.2.+`: every version that starts with 1.2. */
function prefixRange(nums: readonly number[]): NormalisedVersion {
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isSafeInteger(n))) return UNKNOWN;
  if (nums.length === 3) return { kind: 'range', range: `>=${nums.join('.')} <${nums[0]}.${nums[1]}.${nums[2]! + 1}-0` };
  const range = nums.length === 1 ? `>=${nums[0]}.0.0 <${nums[0]! + 1}.0.0-0` : `>=${nums[0]}.${nums[1]}.0 <${nums[0]}.${nums[1]! + 1}.0-0`;
  return { kind: 'range', range };
}

/**
 * `31.1-jre` → `33.2-jre` for 33.2.0: the numbers move, the variant stays; a prerelease qualifier
 * (`-SNAPSHOT`) is dropped for a release target. A plain version is one version, so the numbers
 * written are as many as the target needs, never fewer than were written (`1.2` → `4.2` for 4.2.0,
 * `4.2.1` for 4.2.1). A range moves as bump.ts moves Maven ranges; `1.2.+` keeps its prefix
 * length and `!!` stays.
 */
function bump(text: string, to: string, gradle: boolean): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string' || text.length > MAX_CONSTRAINT_LENGTH) return undefined;
  const target = semver.parse(to.trim());
  if (!target) return undefined;
  const lead = text.slice(0, text.length - text.trimStart().length);
  const body = text.trim();
  const trail = text.slice(lead.length + body.length);
  if (/^[[(\]]/.test(body)) {
    if (normalise(body, gradle).kind === 'unknown') return undefined;
    // A union collapses to its first interval, as bump.ts does with `||`.
    const interval = /^([[(\]])([^[\]()]*)([\])[])/.exec(body);
    if (!interval) return undefined;
    const [, opening, inner, closing] = interval;
    // Gradle's outward brackets (`]1,2[`) are bumped as their Maven twins and written back.
    const first = `${opening === ']' ? '(' : opening}${inner}${closing === '[' ? ')' : closing}`;
    const exactly = /^\[([^,]*)\]$/.exec(first);
    // `[1.2]` is one version: written like a plain one, as many numbers as the target needs.
    if (exactly) {
      const inner = bump(exactly[1]!, to, false);
      return inner === undefined ? undefined : `${lead}[${inner}]${trail}`;
    }
    const bumped = bumpConstraint(first, target.version);
    if (bumped === undefined) return undefined;
    const rewritten = (opening === ']' ? ']' + bumped.slice(1) : bumped).replace(/\)$/, closing === '[' ? '[' : ')');
    return lead + rewritten + trail;
  }
  let core = body;
  let strict = '';
  if (gradle && core.endsWith('!!')) {
    strict = '!!';
    core = core.slice(0, -2);
  }
  const nums = [target.major, target.minor, target.patch];
  if (gradle) {
    const prefix = /^(\d+(?:\.\d+)*)\.\+$/.exec(core);
    if (prefix) {
      const n = Math.min(prefix[1]!.split('.').length, 3);
      return `${lead}${nums.slice(0, n).join('.')}.+${strict}${trail}`;
    }
  }
  const p = readPlain(core);
  if (!p) return undefined;
  if (target.prerelease.length > 0) return `${lead}${nums.join('.')}-${target.prerelease.join('.')}${p.variant}${strict}${trail}`;
  let needed = 3;
  while (needed > 1 && nums[needed - 1] === 0) needed--;
  const n = Math.max(needed, Math.min(p.parts.length, 3));
  return `${lead}${nums.slice(0, n).join('.')}${p.variant}${strict}${trail}`;
}

export const mavenVersioning: Versioning = {
  id: 'maven',
  normalise: (text) => normalise(text, false),
  bump: (text, to) => bump(text, to, false),
};

/** Maven's versions plus Gradle's own: `1.2.+`, `1.2.3!!`, `latest.release`. */
export const gradleVersioning: Versioning = {
  id: 'gradle',
  normalise: (text) => normalise(text, true),
  bump: (text, to) => bump(text, to, true),
};
