import * as semver from 'semver';

/**
 * One version in a constraint, with the operator before it: `^3.1.0`, `>= 1.2`, `3.x`, `==1.2.*`,
 * `v3`. It must stand alone (start/end at a separator), so `1.2.3.4`, `workspace:*` or a git URL
 * never yield a version by accident. Spaces belong to an atom only after its operator: a match
 * that could start on any space of a long run would rescan the run from each of them (quadratic).
 */
const ATOM =
  /(?<=^|[\s,[(])(?:(===|==|!=|~=|~>|>=|<=|\^|~|>|<|=)(\s*))?(v?)((?:\d+|[xX*])(?:\.(?:\d+|[xX*])){0,2})(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?(?=$|[\s,\])])/g;

/** No real version text is longer; a longer one is not bumped (and costs nothing to refuse). */
export const MAX_CONSTRAINT_LENGTH = 256;

interface Atom {
  readonly start: number;
  readonly end: number;
  readonly op: string;
  readonly space: string;
  readonly v: string;
  /** The components as written: digits or a wildcard. */
  readonly parts: readonly string[];
  /** An upper bound: `<`, `<=`, after ` - ` in a hyphen range, or the second bound of a Maven range. */
  readonly upper: boolean;
  /** `<`, or a Maven range closed by `)`: the bound itself is excluded. */
  readonly exclusive: boolean;
}

interface Target {
  readonly nums: readonly [number, number, number];
  readonly prerelease: string;
}

/**
 * The version text that moves `constraint` to `to` in the style it was written in (catalog spec,
 * "Migrations"): `^3.1.0` → `^4.2.0`, `3.x` → `4.x`, `~3.1` → `~4.2`, `>=1.2,<2` → `>=4.2,<5`.
 * The user's precision is kept: no component is added that they did not write. A union collapses
 * to its first alternative that names a version. Undefined when the text names no version
 * (`latest`, `*`, `workspace:*`, a git URL), is longer than MAX_CONSTRAINT_LENGTH, or `to` is not a
 * version. Never throws, and takes time linear in the text.
 */
export function bumpConstraint(constraint: string, to: string): string | undefined {
  if (typeof constraint !== 'string' || typeof to !== 'string' || constraint.length > MAX_CONSTRAINT_LENGTH) return undefined;
  const parsed = semver.parse(to.trim());
  if (!parsed) return undefined;
  // Build metadata means nothing inside a range, so it is dropped.
  const target: Target = { nums: [parsed.major, parsed.minor, parsed.patch], prerelease: parsed.prerelease.join('.') };
  // Not /\s*$/: it would retry from every space of an inner run. trim* strips the same characters as \s.
  const lead = constraint.slice(0, constraint.length - constraint.trimStart().length);
  const trail = constraint.slice(lead.length).slice(constraint.trimEnd().length - lead.length);
  for (const alternative of constraint.split('||')) {
    const bumped = bumpAlternative(alternative.trim(), target);
    if (bumped !== undefined) return lead + bumped + trail;
  }
  return undefined;
}

function bumpAlternative(text: string, to: Target): string | undefined {
  const atoms = findAtoms(text);
  if (!atoms?.some((a) => /^\d/.test(a.parts[0]!) && a.op !== '!=')) return undefined;
  const lower = atoms.find((a) => !a.upper && a.op !== '!=' && /^\d/.test(a.parts[0]!));
  let out = '';
  let last = 0;
  for (const a of atoms) {
    out += text.slice(last, a.start) + render(a, lower, to);
    last = a.end;
  }
  return out + text.slice(last);
}

/** The atoms of one alternative, or undefined when anything but separators lies between them. */
function findAtoms(text: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  const maven = /^[[(]/.test(text);
  let last = 0;
  for (const m of text.matchAll(ATOM)) {
    const gap = text.slice(last, m.index);
    const first = atoms.length === 0;
    // `\s*(?:,\s*)?`, never `\s*,?\s*`: two adjacent `\s*` split a run of spaces in quadratically many ways.
    const separator = first ? (maven ? /^[[(]\s*(?:,\s*)?$/ : /^$/) : /^(?:[\s,]*|\s+-\s+)$/;
    if (!separator.test(gap)) return undefined;
    const op = m[1] ?? '';
    atoms.push({
      start: m.index,
      end: m.index + m[0].length,
      op,
      space: m[2] ?? '',
      v: m[3]!,
      parts: m[4]!.split('.'),
      upper: op === '<' || op === '<=' || /-/.test(gap) || (maven && (!first || gap.includes(','))),
      exclusive: op === '<' || (maven && /\)$/.test(text)),
    });
    last = m.index + m[0].length;
  }
  const tail = text.slice(last);
  if (atoms.length === 0 || !(maven ? /^\s*(?:,\s*)?[\])]$/ : /^$/).test(tail)) return undefined;
  return atoms;
}

function render(a: Atom, lower: Atom | undefined, to: Target): string {
  // An exclusion (PEP 440 `!=1.5`) says nothing about the new version: left as written.
  if (a.op === '!=' || !/^\d/.test(a.parts[0]!)) return write(a, a.op, a.parts);
  if (a.upper) return write(a, a.op, upperBound(a, lower, to));
  // `>3.1.0` → `>4.2.0` would exclude the very version the bump moves to.
  const op = a.op === '>' ? '>=' : a.op;
  const precision = a.parts.findIndex((p) => !/^\d/.test(p));
  const written = precision < 0 ? a.parts.length : precision;
  if (to.prerelease) {
    // `^4` or `4.x` does not admit 4.2.0-rc.1 (npm excludes prereleases): the full version is needed.
    return write(a, op, [...to.nums.map(String).slice(0, 2), `${to.nums[2]}-${to.prerelease}`]);
  }
  return write(a, op, [...to.nums.slice(0, written).map(String), ...a.parts.slice(written)]);
}

/**
 * An upper bound moves with the lower one and keeps its distance at the first component where they
 * differ: `>=1.2 <2` → `>=4.2 <5`, `>=1.2.0 <1.4.0` → `>=4.2.0 <4.4.0`. Alone, or when the distance
 * makes no sense, it becomes the next major (`<`) or the new version itself (`<=`).
 */
function upperBound(a: Atom, lower: Atom | undefined, to: Target): string[] {
  const upper = numbers(a.parts);
  const fallback = (): string[] =>
    a.exclusive ? [to.nums[0] + 1, 0, 0].slice(0, upper.length).map(String) : to.nums.slice(0, upper.length).map(String);
  if (!lower) return fallback();
  const base = numbers(lower.parts);
  const at = [0, 1, 2].find((i) => (upper[i] ?? 0) !== (base[i] ?? 0));
  if (at === undefined || at >= upper.length || upper[at]! < (base[at] ?? 0)) return fallback();
  return upper.map((n, i) => String(i < at ? to.nums[i]! : i === at ? to.nums[i]! + n - (base[i] ?? 0) : n));
}

/** The leading numeric components (`2.x` → [2]). */
function numbers(parts: readonly string[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) break;
    out.push(Number(p));
  }
  return out;
}

function write(a: Atom, op: string, parts: readonly string[]): string {
  return `${op}${a.space}${a.v}${parts.join('.')}`;
}
