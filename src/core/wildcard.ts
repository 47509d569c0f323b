/**
 * Catalog package patterns: `*` matches any run of characters (none included), everything else is
 * literal. Matched without regular expressions: a pattern comes from a catalog, possibly a
 * repository's own, and `a*a*a*…b` compiled to a RegExp backtracks for minutes on a 40-character
 * name. Both functions below take at most O(pattern × name) steps, with no recursion.
 */

/**
 * Does `name` match `pattern`? The classic greedy glob walk: each `*` first matches nothing, and
 * on a mismatch only the most recent `*` takes one more character. Retrying an earlier `*` is
 * never needed, since the later one can absorb whatever the earlier one would have taken.
 */
export function matchWildcard(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1; // the index in `pattern` just after the last `*` seen
  let from = 0; // where in `name` that `*`'s match currently ends
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = ++p;
      from = n;
    } else if (p < pattern.length && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star;
      n = ++from;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Is there a name both patterns match? Used to find two catalog entries claiming the same package.
 * A table over (position in a, position in b), filled from the ends: `ok[i][j]` says whether the
 * rest of `a` from i and the rest of `b` from j can match one common text.
 */
export function wildcardsIntersect(a: string, b: string): boolean {
  const width = b.length + 1;
  let next = new Uint8Array(width); // row i + 1
  let row = new Uint8Array(width); // row i
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      const ca = a[i];
      const cb = b[j];
      let ok: boolean;
      if (ca === undefined && cb === undefined) ok = true;
      // A `*` may stop here, or go on matching the other side's next character (or outlast its `*`).
      else if (ca === '*') ok = next[j] === 1 || (cb !== undefined && row[j + 1] === 1);
      else if (cb === '*') ok = row[j + 1] === 1 || (ca !== undefined && next[j] === 1);
      else ok = ca === cb && next[j + 1] === 1;
      row[j] = ok ? 1 : 0;
    }
    [next, row] = [row, next];
  }
  return next[0] === 1;
}
