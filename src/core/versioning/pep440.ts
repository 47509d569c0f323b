import * as semver from 'semver';
import { bumpConstraint, MAX_CONSTRAINT_LENGTH } from '../bump';
import { alternativeCount, MAX_ALTERNATIVES, type NormalisedVersion } from '../versions';
import type { Versioning } from './types';

/**
 * PEP 440 versions and specifiers, and Poetry's constraints (`^1.2`, `~1.2`, `1.2.3`, `||`), read
 * into the semver form the evaluator compares (catalog spec, "Versions and normalisation").
 *
 * A version maps to semver as follows, so that semver's order is PEP 440's order:
 * - the release's first three numbers are major.minor.patch (`1.2` is 1.2.0); further numbers
 *   (`1.2.3.4`) are not compared, as a docker tag's fourth number is not;
 * - a pre-release `1.0a1` / `b` / `rc` is a semver prerelease of 1.0.0 led by its letter
 *   (`1.0.0-a.1.1`; a < b < rc, as semver compares words), so it sorts before 1.0.0;
 * - a dev release of a final release, `1.0.dev3`, is `1.0.0-1.3`: a numeric first identifier sorts
 *   below every letter, so dev < a < b < rc < final;
 * - a post-release `1.0.post1` lies between 1.0.0 and 1.0.1 in PEP 440; semver has room there only
 *   among 1.0.1's prereleases, so it is `1.0.1-0.1.1`: `0` sorts below 1.0.1's dev (`1.…`) and
 *   pre-releases, and the whole prerelease below 1.0.1 itself;
 * - inside a pre-release or post-release, a dev release sorts first and a post of a pre-release
 *   after it: `a.1.0.D` (a1.devD) < `a.1.1` (a1) < `a.1.2.P.0.D` (a1.postP.devD) < `a.1.2.P.1` (a1.postP);
 * - a local version (`+cpu`) is semver build metadata: not compared;
 * - an epoch other than 0 (`1!2.0`) has no place in semver's order: such a version, and a
 *   specifier naming one, is unknown (never flagged by a version range).
 */

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };
/** Numbers past 2^53 are not numbers semver can hold. */
const MAX_DIGITS = 15;

/** PEP 440's own regular expression (its appendix), case-insensitive, without surrounding blanks. */
const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

/** One PEP 440 version, read. */
export interface Pep440Version {
  readonly epoch: number;
  /** The release numbers as written (`1.2` is [1, 2]). */
  readonly release: readonly number[];
  readonly pre?: { readonly letter: 'a' | 'b' | 'rc'; readonly n: number };
  readonly post?: number;
  readonly dev?: number;
  readonly local?: string;
}

const PRE_LETTER: Readonly<Record<string, 'a' | 'b' | 'rc'>> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** A PEP 440 version, or undefined when the text is none (or holds a number too long to compare). */
export function parsePep440(text: string): Pep440Version | undefined {
  if (typeof text !== 'string' || text.length > MAX_CONSTRAINT_LENGTH) return undefined;
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const numbers = [m[1], ...m[2]!.split('.'), m[4], m[5], m[7], m[9]];
  if (numbers.some((n) => n !== undefined && n.length > MAX_DIGITS)) return undefined;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return {
    epoch: n(m[1]),
    release: m[2]!.split('.').map(Number),
    ...(m[3] ? { pre: { letter: PRE_LETTER[m[3].toLowerCase()]!, n: n(m[4]) } } : {}),
    ...(m[5] !== undefined || m[6] ? { post: n(m[5] ?? m[7]) } : {}),
    ...(m[8] ? { dev: n(m[9]) } : {}),
    ...(m[10] ? { local: m[10] } : {}),
  };
}

function core(release: readonly number[]): [number, number, number] {
  return [release[0] ?? 0, release[1] ?? 0, release[2] ?? 0];
}

/** The semver form of a version (see the mapping above); undefined for a non-zero epoch. */
export function toSemver(v: Pep440Version): string | undefined {
  if (v.epoch !== 0) return undefined;
  const [major, minor, patch] = core(v.release);
  // The tail after a pre-release or post number: a dev release sorts below the plain one.
  const devTail = v.dev === undefined ? ['1'] : ['0', String(v.dev)];
  if (v.pre) {
    const post = v.post === undefined ? devTail : ['2', String(v.post), ...devTail];
    return `${major}.${minor}.${patch}-${[v.pre.letter, String(v.pre.n), ...post].join('.')}`;
  }
  if (v.post !== undefined) return `${major}.${minor}.${patch + 1}-${['0', String(v.post), ...devTail].join('.')}`;
  if (v.dev !== undefined) return `${major}.${minor}.${patch}-1.${v.dev}`;
  return `${major}.${minor}.${patch}`;
}

/**
 * The exclusive upper bound below a release: `<2.0.0-0`, so that no pre-release of 2.0 is admitted,
 * as `-0` is what semver's subset test reads as "before every prerelease" (a dev release would be
 * `-1.N`, which it does not). A post-release of x.y.z maps to x.y.(z+1)-0.…: an upper bound on a
 * patch (`==1.2.3.*`) therefore leaves 1.2.3's posts out, the one place where the order is coarser.
 */
function below(nums: readonly number[]): string {
  return `${core(nums).join('.')}-0`;
}

/** The lowest final release of a prefix: dev and pre-releases of it are left out, as pip leaves them out by default. */
function from(nums: readonly number[]): string {
  return core(nums).join('.');
}

/** The release after a prefix: `1.4` → 1.5, `1` → 2. */
function nextPrefix(prefix: readonly number[]): number[] {
  const p = prefix.slice(0, 3);
  return [...p.slice(0, -1), p[p.length - 1]! + 1];
}

function isFinal(v: Pep440Version): boolean {
  return !v.pre && v.post === undefined && v.dev === undefined;
}

/** One clause (`>=1.2`, `==1.2.*`, `^0.2.3`) as semver comparators; '' for any version; undefined when unreadable. */
function clause(text: string): string | undefined {
  const m = /^(===|==|!=|~=|<=|>=|<|>|\^|~|=)?\s*(.*)$/s.exec(text.trim());
  if (!m) return undefined;
  const op = m[1] ?? '';
  const body = m[2]!.trim();
  if (op === '' && /^\*$/.test(body)) return '';
  if (op === '===') {
    const v = parsePep440(body);
    const s = v && toSemver(v);
    return s && `=${s}`;
  }
  const wildcard = /^(.*)\.\*$/.exec(body);
  if (wildcard) {
    // `==1.2.*` (also Poetry's bare `1.2.*`): the releases that start with the prefix.
    if (op !== '==' && op !== '=' && op !== '' && op !== '!=') return undefined;
    const prefix = /^v?(?:0!)?(\d+(?:\.\d+)*)$/i.exec(wildcard[1]!.trim());
    if (!prefix || prefix[1]!.split('.').some((p) => p.length > MAX_DIGITS)) return undefined;
    if (op === '!=') return '';
    const nums = prefix[1]!.split('.').map(Number);
    return `>=${from(nums)} <${below(nextPrefix(nums))}`;
  }
  const v = parsePep440(body);
  const s = v && toSemver(v);
  if (!v || !s) return undefined;
  const nums = core(v.release);
  switch (op) {
    case '':
    case '=':
    case '==':
      return `=${s}`;
    case '!=':
      // An exclusion removes single versions: the range compared admits them too (never a false alarm).
      return '';
    case '>=':
      return `>=${s}`;
    case '<=':
      return `<=${s}`;
    case '>':
      // `>1.7` admits no post-release of 1.7 (PEP 440) but 1.7.1's dev releases.
      return isFinal(v) ? `>=${from([nums[0], nums[1], nums[2] + 1])}` : `>${s}`;
    case '<':
      // `<2.0` admits no pre-release of 2.0 unless it names one itself (PEP 440).
      return isFinal(v) ? `<${below(nums)}` : `<${s}`;
    case '~=': {
      // `~=1.4.2` is `>=1.4.2, ==1.4.*`; `~=1` is not a specifier.
      if (v.release.length < 2) return undefined;
      return `>=${s} <${below(nextPrefix(v.release.slice(0, -1)))}`;
    }
    case '^': {
      // Poetry: the leftmost non-zero number written may not change (`^0.2.3` → <0.3.0, `^0` → <1).
      const written = v.release.slice(0, 3);
      const at = written.findIndex((n) => n !== 0);
      const keep = at < 0 ? written.length : at + 1;
      return `>=${s} <${below(nextPrefix(written.slice(0, keep)))}`;
    }
    case '~': {
      // Poetry: `~1.2.3` and `~1.2` → <1.3.0, `~1` → <2.0.0.
      const written = v.release.slice(0, 3);
      return `>=${s} <${below(nextPrefix(written.slice(0, Math.max(1, Math.min(2, written.length)))))}`;
    }
    default:
      return undefined;
  }
}

/** The text read as a specifier set, or Poetry's constraint: `,` (or blanks, in Poetry) is and, `||` / `|` is or. */
function normalise(text: string | null): NormalisedVersion {
  if (typeof text !== 'string') return UNKNOWN;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_CONSTRAINT_LENGTH || alternativeCount(trimmed) > MAX_ALTERNATIVES) return UNKNOWN;
  const alternatives = trimmed.split(/\|\|?/);
  if (alternatives.length > MAX_ALTERNATIVES) return UNKNOWN;
  const ranges: string[] = [];
  for (const alternative of alternatives) {
    // Poetry writes `>=1.2 <2` as well as `>=1.2,<2`: a blank between two clauses also means and.
    const parts = alternative.trim().split(/\s*,\s*|\s+(?=[<>=!~^])/);
    const comparators: string[] = [];
    for (const p of parts) {
      if (p.trim() === '') return UNKNOWN;
      const c = clause(p);
      if (c === undefined) return UNKNOWN;
      if (c !== '') comparators.push(c);
    }
    ranges.push(comparators.length === 0 ? '*' : comparators.join(' '));
  }
  if (ranges.length === 1 && /^=[^\s]+$/.test(ranges[0]!)) return { kind: 'exact', version: ranges[0]!.slice(1) };
  const range = ranges.join(' || ');
  return semver.validRange(range) === null ? UNKNOWN : { kind: 'range', range };
}

/**
 * A bump in the text's own style (`>=1.2,<2` → `>=4.2,<5`, `==1.2.3` → `==4.2.0`, `^1.2` → `^4.2`,
 * `~=1.4.2` → `~=4.2.0`) through the engine's shared rules (bump.ts). A single clause naming a
 * pre-, post- or dev release (`==1.0rc1`), which those rules do not read, becomes the target at the
 * precision written. Undefined for what names no version (`*`, an epoch, a URL).
 */
function bump(text: string, to: string): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string') return undefined;
  if (normalise(text).kind === 'unknown') return undefined;
  const shared = bumpConstraint(text, to);
  if (shared !== undefined) return shared;
  const target = semver.parse(to.trim());
  const m = /^(\s*)(===|==|~=|>=|\^|~|=)?(\s*)(v?)(\d+(?:\.\d+)*)([^\s,|]*)(\s*)$/i.exec(text);
  if (!target || !m || target.prerelease.length > 0) return undefined;
  const written = m[5]!.split('.').length;
  const nums = [target.major, target.minor, target.patch].slice(0, Math.max(written, m[2] === '==' || m[2] === '===' ? 3 : 1));
  return `${m[1]}${m[2] ?? ''}${m[3]}${m[4]}${nums.join('.')}${m[7]}`;
}

export const pep440Versioning: Versioning = { id: 'pep440', normalise, bump };
