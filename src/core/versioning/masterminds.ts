import * as semver from 'semver';
import { bumpConstraint, MAX_CONSTRAINT_LENGTH } from '../bump';
import { alternativeCount, MAX_ALTERNATIVES, type NormalisedVersion } from '../versions';
import type { Versioning } from './types';

/**
 * Masterminds semver constraints (Go's `github.com/Masterminds/semver/v3`, which Helm reads a
 * chart's `dependencies[].version` with), turned into the npm form the evaluator compares.
 *
 * Where Masterminds reads like npm, the comparator is handed over as it is: `^1.2.3`, `~1.2`,
 * `1.2.x`, `5.28.*`, `>= 1.2`, `<=1.4` and a hyphen range `1.2 - 1.4` mean the same in both. The
 * differences are rewritten:
 * - a comma (or a blank) between comparators means and: `>= 1.2, < 2` is `>=1.2 <2`;
 * - a version with parts missing is a range on what is written, with or without `=`: `1.2` and
 *   `=1.2` are `>=1.2.0 <1.3.0` (Masterminds treats a missing part as `x`), `1.2.3` is exact;
 * - `=>` is `>=`, `=<` is `<=`, `~>` is `~`;
 * - `~0.0.0` admits every version (a special case of Masterminds' tilde);
 * - `!=` excludes a version npm has no syntax for: the range compared admits it too, so an
 *   exclusion never turns a use into a finding it would not otherwise be.
 * Masterminds leaves prereleases out of every comparator that names none; npm leaves them out of
 * a range whose comparators name none: the same for every constraint a chart writes.
 */

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

/**
 * One comparator: operator, blanks, an optional `v`, one to three parts (digits or a wildcard),
 * an optional prerelease and build. Sticky, so it reads from where the previous one stopped.
 */
const COMPARATOR = /(=>|=<|>=|<=|!=|~>|[=<>~^])?[ \t]*v?((?:\d+|[xX*])(?:\.(?:\d+|[xX*])){0,2})(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?/y;
/** What may stand between two comparators of one alternative: blanks, or a comma with blanks. */
const SEPARATOR = /[ \t]*,[ \t]*|[ \t]+/y;
/** A hyphen range `1.2 - 1.4`: blanks on both sides of the hyphen, as Masterminds requires. */
const HYPHEN = /^[ \t]+-[ \t]+/;

const OPERATOR: Readonly<Record<string, string>> = { '=>': '>=', '=<': '<=', '~>': '~', '=': '' };

/** One alternative (no `||`) as npm comparators; undefined when it is no Masterminds constraint. */
function alternative(text: string): string[] | undefined {
  const out: string[] = [];
  const body = text.trim();
  if (body === '') return undefined;
  let at = 0;
  // Whether the last comparator read was a bare version, the only thing a hyphen range may follow.
  let bare = false;
  while (at < body.length) {
    if (at > 0) {
      const hyphen = HYPHEN.exec(body.slice(at));
      if (hyphen) {
        // `a - b` is `>=a <=b` (Masterminds rewrites it so before reading the comparators).
        const upper = readComparator(body, at + hyphen[0].length);
        if (!bare || !upper || upper.op !== '') return undefined;
        out.push(`>=${out.pop()!}`, `<=${upper.version}`);
        at = upper.end;
        bare = false;
        continue;
      }
      SEPARATOR.lastIndex = at;
      if (!SEPARATOR.exec(body)) return undefined;
      at = SEPARATOR.lastIndex;
    }
    const c = readComparator(body, at);
    if (!c) return undefined;
    at = c.end;
    const rendered = render(c.op, c.version);
    bare = c.op === '' && rendered !== undefined;
    if (rendered !== undefined) out.push(rendered);
  }
  return out;
}

function readComparator(text: string, at: number): { op: string; version: string; end: number } | undefined {
  COMPARATOR.lastIndex = at;
  const m = COMPARATOR.exec(text);
  if (!m) return undefined;
  const op = m[1] ?? '';
  const parts = m[2]!.split('.');
  if (parts.some((p) => p.length > 15)) return undefined;
  // Build metadata is never compared; a prerelease is.
  return { op: OPERATOR[op] ?? op, version: `${parts.join('.')}${m[3] ?? ''}`, end: COMPARATOR.lastIndex };
}

/** The npm comparator for one Masterminds comparator; undefined for `!=` (dropped, see above). */
function render(op: string, version: string): string | undefined {
  if (op === '!=') return undefined;
  if (op === '~' && /^0\.0\.0$/.test(version)) return '*';
  return `${op}${version}`;
}

function normalise(text: string | null): NormalisedVersion {
  if (typeof text !== 'string') return UNKNOWN;
  const trimmed = text.trim();
  if (trimmed.length > MAX_CONSTRAINT_LENGTH || alternativeCount(trimmed) > MAX_ALTERNATIVES) return UNKNOWN;
  // Masterminds reads an empty constraint as any version; a chart that writes `version: ""` means that.
  if (trimmed === '') return { kind: 'range', range: '*' };
  const ranges: string[] = [];
  for (const alt of trimmed.split('||')) {
    const comparators = alternative(alt);
    if (comparators === undefined) return UNKNOWN;
    ranges.push(comparators.length === 0 ? '*' : comparators.join(' '));
  }
  const single = ranges.length === 1 ? ranges[0]! : undefined;
  // An exact version: one comparator, no operator, all three parts written as numbers.
  if (single !== undefined && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(single)) {
    const v = semver.valid(single);
    if (v) return { kind: 'exact', version: v };
  }
  let range: string | null = null;
  try {
    range = semver.validRange(ranges.join(' || '));
  } catch {
    range = null;
  }
  return range === null ? UNKNOWN : { kind: 'range', range };
}

/**
 * A bump in the text's own style (`^1.2` → `^4.2`, `1.2.x` → `4.2.x`, `>= 1.2, < 2` → `>= 4.2, < 5`,
 * `1.2 - 1.4` → `4.2 - 4.4`, a union → its first alternative) through the engine's shared rules
 * (bump.ts). Undefined for what names no version, and for the rare `=>`/`=<` spellings those rules
 * do not read (the user writes the new version by hand).
 */
function bump(text: string, to: string): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string') return undefined;
  if (normalise(text).kind === 'unknown') return undefined;
  return bumpConstraint(text, to);
}

export const mastermindsVersioning: Versioning = { id: 'masterminds', normalise, bump };
