import * as assert from 'node:assert/strict';
import * as semver from 'semver';
import { mastermindsVersioning } from '../../../src/core/versioning/masterminds';
import { isInside, type NormalisedVersion } from '../../../src/core/versions';

const { normalise, bump } = mastermindsVersioning;

/** A normalised version as one string: `=1.2.3`, the range, or `unknown`. */
function shown(v: NormalisedVersion): string {
  return v.kind === 'exact' ? `=${v.version}` : v.kind === 'range' ? v.range : 'unknown';
}

describe('versioning/masterminds (Helm dependency constraints)', () => {
  it('is called masterminds', () => assert.equal(mastermindsVersioning.id, 'masterminds'));

  describe('normalise: the npm range each constraint means', () => {
    const table: Array<[string | null, string]> = [
      // An exact version, with or without `v` or `=`; build metadata is not compared.
      ['1.2.3', '=1.2.3'],
      ['v1.2.3', '=1.2.3'],
      ['=1.2.3', '=1.2.3'],
      ['1.2.3+build.7', '=1.2.3'],
      ['2.0.0-rc.1', '=2.0.0-rc.1'],
      // A version with parts missing is a range on what is written (Masterminds reads a missing part as x).
      ['1.2', '>=1.2.0 <1.3.0-0'],
      ['=1.2', '>=1.2.0 <1.3.0-0'],
      ['1', '>=1.0.0 <2.0.0-0'],
      ['1.2.x', '>=1.2.0 <1.3.0-0'],
      ['5.28.*', '>=5.28.0 <5.29.0-0'],
      ['2.X', '>=2.0.0 <3.0.0-0'],
      ['*', '*'],
      ['x', '*'],
      // Tilde: the minor is fixed when written, else the major; `~>` is tilde.
      ['~1.2.3', '>=1.2.3 <1.3.0-0'],
      ['~1.2', '>=1.2.0 <1.3.0-0'],
      ['~1', '>=1.0.0 <2.0.0-0'],
      ['~1.x', '>=1.0.0 <2.0.0-0'],
      ['~>1.2', '>=1.2.0 <1.3.0-0'],
      ['~0.0.0', '*'],
      // Caret: the leftmost non-zero part is fixed, as npm reads it.
      ['^1.2', '>=1.2.0 <2.0.0-0'],
      ['^1.2.3', '>=1.2.3 <2.0.0-0'],
      ['^0.2.3', '>=0.2.3 <0.3.0-0'],
      ['^0.0.3', '>=0.0.3 <0.0.4-0'],
      ['^0', '<1.0.0-0'],
      // Comparisons; a comma, or a blank, means and; `=>` and `=<` are `>=` and `<=`.
      ['>= 1.2, < 2', '>=1.2.0 <2.0.0-0'],
      ['>=1.2,<2', '>=1.2.0 <2.0.0-0'],
      ['>=1.2 <2', '>=1.2.0 <2.0.0-0'],
      ['=> 1.2, =< 1.4', '>=1.2.0 <1.5.0-0'],
      ['> 1.2', '>=1.3.0'],
      ['>1.2.3', '>1.2.3'],
      ['<=1.4', '<1.5.0-0'],
      ['<2.0.0', '<2.0.0'],
      // A hyphen range includes its upper bound at its precision.
      ['1.2 - 1.4', '>=1.2.0 <1.5.0-0'],
      ['1.2.3 - 1.4.5', '>=1.2.3 <=1.4.5'],
      // Or.
      ['^1.0 || ^2.0', '>=1.0.0 <2.0.0-0||>=2.0.0 <3.0.0-0'],
      ['1.2.x||~2.0', '>=1.2.0 <1.3.0-0||>=2.0.0 <2.1.0-0'],
      // An exclusion cannot be said in npm: the range compared admits the excluded version too.
      ['>= 1.0, != 1.5.0', '>=1.0.0'],
      ['!=1.5.0', '*'],
      // No version.
      [null, 'unknown'],
      ['', '*'],
      ['latest', 'unknown'],
      ['1.2.3.4', 'unknown'],
      ['^', 'unknown'],
      ['>= 1.2,', 'unknown'],
      ['1.2 -', 'unknown'],
      ['- 1.2', 'unknown'],
      ['>1.0 - 2.0', 'unknown'],
      ['1.2 || ', 'unknown'],
      ['1.2 && 1.3', 'unknown'],
      ['stable', 'unknown'],
      ['1'.repeat(300), 'unknown'],
      [Array.from({ length: 70 }, (_, i) => `^${i}`).join(' || '), 'unknown'],
    ];
    for (const [text, expected] of table) {
      it(`${JSON.stringify(text)?.slice(0, 40)} → ${expected}`, () => assert.equal(shown(normalise(text)), expected));
    }
  });

  describe('what Helm would resolve is what the catalog compares', () => {
    // Versions a constraint admits (Masterminds' own examples) and the npm reading must agree on.
    const table: Array<[string, string[], string[]]> = [
      ['~1.2', ['1.2.0', '1.2.9'], ['1.3.0', '1.1.9', '1.2.5-beta']],
      ['1.2', ['1.2.0', '1.2.4'], ['1.3.0']],
      ['>= 1.2, < 2', ['1.2.0', '1.9.9'], ['2.0.0', '1.1.0']],
      ['1.2 - 1.4', ['1.2.0', '1.4.9'], ['1.5.0', '1.1.9']],
      ['^0.2.3', ['0.2.3', '0.2.9'], ['0.3.0']],
    ];
    for (const [text, inside, outside] of table) {
      it(text, () => {
        const v = normalise(text);
        assert.equal(v.kind, 'range');
        const range = v.kind === 'range' ? v.range : '';
        for (const x of inside) assert.ok(semver.satisfies(x, range), `${text} admits ${x}`);
        for (const x of outside) assert.ok(!semver.satisfies(x, range), `${text} does not admit ${x}`);
      });
    }

    it('flags a range only when all of it is deprecated', () => {
      assert.equal(isInside(normalise('~1.2'), '<2.0.0'), true);
      assert.equal(isInside(normalise('>= 1.2, < 3'), '<2.0.0'), false);
      assert.equal(isInside(normalise('1.2 - 1.4'), '<1.5.0'), true);
      assert.equal(isInside(normalise('>= 1.0, != 1.5.0'), '<2.0.0'), false);
    });
  });

  describe('bump: the same style at the new version', () => {
    const table: Array<[string, string, string | undefined]> = [
      ['1.2.3', '4.2.0', '4.2.0'],
      ['v1.2.3', '4.2.0', 'v4.2.0'],
      ['=1.2.3', '4.2.0', '=4.2.0'],
      ['1.2', '4.2.0', '4.2'],
      ['1.2.x', '4.2.0', '4.2.x'],
      ['5.28.*', '6.1.3', '6.1.*'],
      ['~1.2', '4.2.0', '~4.2'],
      ['~>1.2', '4.2.0', '~>4.2'],
      ['^1.2.3', '4.2.0', '^4.2.0'],
      ['>= 1.2, < 2', '4.2.0', '>= 4.2, < 5'],
      ['1.2 - 1.4', '4.2.0', '4.2 - 4.4'],
      ['^1.0 || ^2.0', '4.2.0', '^4.2'],
      ['1.2.3', '4.2.0-rc.1', '4.2.0-rc.1'],
      // Nothing to move, or a spelling the shared rules do not read: written by hand.
      ['*', '4.2.0', undefined],
      ['latest', '4.2.0', undefined],
      ['=> 1.2', '4.2.0', undefined],
      ['^1.2', 'four', undefined],
    ];
    for (const [text, to, expected] of table) {
      it(`${text} → ${to}: ${expected}`, () => {
        const out = bump(text, to);
        assert.equal(out, expected);
        // A bumped constraint is one Helm reads and admits the target.
        if (out !== undefined && normalise(out).kind === 'range') assert.ok(isInside({ kind: 'exact', version: to }, (normalise(out) as { range: string }).range));
      });
    }
  });
});
