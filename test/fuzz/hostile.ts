import type { Rng } from './rng';

/**
 * Known hostile shapes, each a building block that a target wraps in its own file format. The
 * names are the ones `KNOWN_OPEN` (targets.ts) lists while a defect of that shape is open.
 */
export const SHAPES = {
  /** JSON nested thousands of levels deep: a recursive reader overflows the stack. */
  deepJson: 'json-deep',
  /** YAML aliases that expand exponentially ("billion laughs"). */
  aliasBomb: 'yaml-alias-bomb',
  /** A version text of hundreds of thousands of characters. */
  longVersion: 'long-version',
  /** Spaces by the hundred thousand inside a version text (a quadratic trim or split). */
  manySpaces: 'many-spaces',
  /** Names and patterns made of `*` and one repeated letter (a backtracking wildcard). */
  starNames: 'star-names',
  /** A range with thousands of `||` alternatives. */
  wideOrRange: 'wide-or-range',
  /** A date in the years 0000–0099, which `Date` maps to 1900–1999. */
  ancientDate: 'ancient-date',
  /** A workspace glob longer than 64 KiB. */
  hugeGlob: 'huge-glob',
  /** A line repeated thousands of times (tens of kilobytes of the same broken YAML). */
  manyLines: 'many-lines',
  /** A literal replace whose result would be longer than the longest string V8 can hold. */
  hugeReplace: 'huge-replace',
} as const;

export type Shape = (typeof SHAPES)[keyof typeof SHAPES];

/** `depth` nested arrays or objects around `inner`. */
export function deepJson(rng: Rng, inner = '1', depth = rng.between(4000, 6000)): string {
  return rng.chance(0.5) ? '['.repeat(depth) + inner + ']'.repeat(depth) : '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
}

/** Nine levels of nine aliases each: 9^9 nodes once expanded. */
export function aliasBomb(key: string): string {
  const lines = [`${key}0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 9; i++) lines.push(`${key}${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  return lines.join('\n') + '\n';
}

export function longVersion(rng: Rng): string {
  const n = rng.between(50_000, 300_000);
  return rng.pick([() => '1.'.repeat(n / 2) + '0', () => '9'.repeat(n), () => '^1.0.0-' + 'a.'.repeat(n / 2) + 'b', () => '1.0.0+' + 'x'.repeat(n)])();
}

export function manySpaces(rng: Rng): string {
  const n = rng.between(100_000, 160_000);
  return rng.pick([' '.repeat(n) + '^1.0.0', '^1.0.0' + ' '.repeat(n) + 'x', '>=1.0.0' + ' '.repeat(n) + '<2', ' '.repeat(n)]);
}

export function starName(rng: Rng): string {
  const n = rng.between(20, 200);
  return rng.pick(['*a'.repeat(n) + '*b', '@acme/' + '*'.repeat(n) + 'x', 'a'.repeat(n * 10) + '*']);
}

export function wideOrRange(rng: Rng): string {
  const n = rng.between(1500, 2500);
  return Array.from({ length: n }, (_, i) => `${i}.${i % 7}.x`).join(' || ');
}

export function ancientDate(rng: Rng): string {
  return `00${String(rng.int(100)).padStart(2, '0')}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
}

export function hugeGlob(rng: Rng): string {
  return 'packages/' + rng.pick(['*', '{a,b}', '**/', '?', 'a']).repeat(rng.between(70_000, 90_000) / 4);
}
