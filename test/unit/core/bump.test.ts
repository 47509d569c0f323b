import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as semver from 'semver';
import { bumpConstraint, MAX_CONSTRAINT_LENGTH } from '../../../src/core/bump';

describe('bumpConstraint', () => {
  const cases: readonly (readonly [constraint: string, to: string, expected: string | undefined])[] = [
    // The shapes the catalog spec names.
    ['^3.1.0', '4.2.0', '^4.2.0'],
    ['~3.1.0', '4.2.0', '~4.2.0'],
    ['3.x', '4.2.0', '4.x'],
    ['3.1.x', '4.2.0', '4.2.x'],
    ['3.x.x', '4.2.0', '4.x.x'],
    ['3.*', '4.2.0', '4.*'],
    ['3.1.*', '4.2.0', '4.2.*'],
    ['3.X', '4.2.0', '4.X'],
    ['3', '4.2.0', '4'],
    ['3.1', '4.2.0', '4.2'],
    ['3.1.0', '4.2.0', '4.2.0'],
    ['v3.1.0', '4.2.0', 'v4.2.0'],
    ['v3', '4.2.0', 'v4'],
    ['=3.1.0', '4.2.0', '=4.2.0'],
    ['>=3.1.0', '4.2.0', '>=4.2.0'],
    ['^3', '4.2.0', '^4'],
    ['^3.1', '4.2.0', '^4.2'],
    ['~3.1', '4.2.0', '~4.2'],
    ['~3', '4.2.0', '~4'],
    ['>=1.2 <2', '4.2.0', '>=4.2 <5'],
    ['>=1.2,<2', '4.2.0', '>=4.2,<5'],
    ['>=1.2, <2', '4.2.0', '>=4.2, <5'],
    ['>=1.2.0 <2.0.0', '4.2.0', '>=4.2.0 <5.0.0'],
    ['>=1.2.0 <1.4.0', '4.2.0', '>=4.2.0 <4.4.0'],
    ['>= 1.2  < 2', '4.2.0', '>= 4.2  < 5'],
    ['^2.0.0 || ^3.0.0', '4.2.0', '^4.2.0'],
    ['~2.1 || >=3', '4.2.0', '~4.2'],
    ['latest || ^3', '4.2.0', '^4'],
    [' ^3.1.0 ', '4.2.0', ' ^4.2.0 '],
    ['^3.1.0-beta.2', '4.2.0', '^4.2.0'],
    ['^3.1.0+build.7', '4.2.0', '^4.2.0'],
    ['^0.3.1', '1.0.0', '^1.0.0'],
    // A prerelease target is kept, written in full where a short form would not admit it.
    ['^3.1.0', '4.2.0-rc.1', '^4.2.0-rc.1'],
    ['^3', '4.2.0-rc.1', '^4.2.0-rc.1'],
    ['3.x', '4.2.0-rc.1', '4.2.0-rc.1'],
    ['>=1.2 <2', '4.2.0-rc.1', '>=4.2.0-rc.1 <5'],
    ['^3.1.0', '4.2.0+sha.1', '^4.2.0'],
    ['^3.1.0', 'v4.2.0', '^4.2.0'],
    // Other ecosystems' range syntax.
    ['~=1.4', '4.2.0', '~=4.2'],
    ['==1.2.*', '4.2.0', '==4.2.*'],
    ['>=1.2,!=1.5,<2', '4.2.0', '>=4.2,!=1.5,<5'],
    ['~> 1.2', '4.2.0', '~> 4.2'],
    ['[1.0,2.0)', '4.2.0', '[4.2,5.0)'],
    ['[1.0,)', '4.2.0', '[4.2,)'],
    ['1 - 2', '4.2.0', '4 - 5'],
    // Bounds that would not admit the new version otherwise.
    ['>3.1.0', '4.2.0', '>=4.2.0'],
    ['<2', '4.2.0', '<5'],
    ['<=3.1', '4.2.0', '<=4.2'],
    // No version in it.
    ['latest', '4.2.0', undefined],
    ['next', '4.2.0', undefined],
    ['*', '4.2.0', undefined],
    ['x', '4.2.0', undefined],
    ['', '4.2.0', undefined],
    ['   ', '4.2.0', undefined],
    ['workspace:*', '4.2.0', undefined],
    ['workspace:^3.1.0', '4.2.0', undefined],
    ['file:../ui', '4.2.0', undefined],
    ['git+https://github.com/acme/ui.git#v3.1.0', '4.2.0', undefined],
    ['acme/ui#v3', '4.2.0', undefined],
    ['1.2.3.4', '4.2.0', undefined],
    ['^3.1.0 foo', '4.2.0', undefined],
    ['!=1.5', '4.2.0', undefined],
    // A target that is not a version.
    ['^3.1.0', 'latest', undefined],
    ['^3.1.0', '', undefined],
  ];

  for (const [constraint, to, expected] of cases) {
    it(`${JSON.stringify(constraint)} to ${to} → ${JSON.stringify(expected)}`, () => {
      assert.equal(bumpConstraint(constraint, to), expected);
    });
  }

  it(`keeps spaces and a Maven range's comma at the longest text it reads (${MAX_CONSTRAINT_LENGTH})`, () => {
    const pad = (n: number): string => ' '.repeat(MAX_CONSTRAINT_LENGTH - n);
    assert.equal(bumpConstraint(`>=${pad(10)}3.1.0 <4`, '4.2.0'), `>=${pad(10)}4.2.0 <5`);
    assert.equal(bumpConstraint(`[3.1.0,${pad(13)}4.0.0)`, '4.2.0'), `[4.2.0,${pad(13)}5.0.0)`);
    assert.equal(bumpConstraint(`^3.1.0${pad(6)}`, '4.2.0'), `^4.2.0${pad(6)}`);
    assert.equal(bumpConstraint(`^3.1.0${pad(5)}`, '4.2.0'), undefined, 'one character over the limit');
  });
});

describe('bumpConstraint on hostile text (the quick fix runs it on every request)', () => {
  /** Milliseconds for `runs` bumps of `text`. */
  const time = (text: string, runs: number): number => {
    const started = performance.now();
    for (let i = 0; i < runs; i++) bumpConstraint(text, '4.2.0');
    return performance.now() - started;
  };

  it('refuses a constraint with 150,000 spaces at once', () => {
    for (const text of ['1.0.0' + ' '.repeat(150_000) + '1', '[' + ' '.repeat(150_000) + '1', ' '.repeat(150_000)]) {
      assert.equal(bumpConstraint(text, '4.2.0'), undefined);
      const ms = time(text, 10);
      assert.ok(ms < 100, `10 bumps took ${Math.round(ms)} ms`);
    }
  });

  it('takes linear time up to the limit: no pattern rescans a run of spaces from each of them', () => {
    const room = MAX_CONSTRAINT_LENGTH - 2;
    // Each shape backtracked quadratically before: ~30,000 steps per call instead of ~250 (seconds, not ~0.1 s).
    for (const text of ['1' + ' '.repeat(room) + 'z', '[' + ' '.repeat(room) + 'z', '[1' + ' '.repeat(room - 1) + 'z', '>=' + ' '.repeat(room) + 'z']) {
      const ms = time(text, 5000);
      assert.ok(ms < 500, `5,000 bumps of ${JSON.stringify(text.slice(0, 3))}… took ${Math.round(ms)} ms`);
    }
  });
});

describe('bumpConstraint (property)', () => {
  const num = fc.nat({ max: 40 }).map(String);
  const target = fc
    .tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.option(fc.constantFrom('rc.1', 'beta', 'alpha.3'), { nil: undefined }))
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
  /** 1 to 3 components, the later ones possibly wildcards (`3`, `3.1`, `3.x`, `3.1.*`). */
  const version = fc
    .tuple(num, fc.option(fc.oneof(num, fc.constantFrom('x', '*')), { nil: undefined }), fc.option(fc.oneof(num, fc.constantFrom('x', 'X')), { nil: undefined }))
    .map(([a, b, c]) => [a, b, b === undefined ? undefined : /\d/.test(b) ? c : b].filter((p) => p !== undefined).join('.'));
  const full = fc.tuple(num, num, num).map((p) => p.join('.'));
  /** The shapes whose bump must admit the target: caret, tilde, x-ranges, exact pins, `>=`. */
  const admitting = fc.oneof(
    fc.tuple(fc.constantFrom('', '^', '~', '>=', 'v', '>= '), version).map(([op, v]) => op + v),
    fc.tuple(fc.constantFrom('=', 'v', ''), full).map(([op, v]) => op + v),
    fc.tuple(full, fc.nat({ max: 3 })).map(([v, d]) => `>=${v} <${Number(v.split('.')[0]) + 1 + d}`),
    fc.tuple(fc.constantFrom('^', '~'), full, fc.constantFrom('^', '~', '>='), full).map(([o1, a, o2, b]) => `${o1}${a} || ${o2}${b}`),
  );

  it('bumps every supported shape to a valid npm range that admits the target', () => {
    fc.assert(
      fc.property(admitting, target, (constraint, to) => {
        const bumped = bumpConstraint(constraint, to);
        assert.ok(bumped !== undefined, `${constraint} → ${to} gave no bump`);
        assert.ok(semver.validRange(bumped) !== null, `${bumped} is not a valid npm range`);
        assert.ok(semver.satisfies(to, bumped), `${to} is not inside ${bumped} (from ${constraint})`);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never throws on arbitrary text, and a result is always in the target version', () => {
    const noise = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom('^', '~', '>=', '<', '>', '=', '!=', '~=', 'v', '1', '2', '0', '.', 'x', '*', '-rc.1', ' ', ',', ' || ', ' - ', '[', ')', 'latest'), { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(noise, fc.oneof(target, fc.string()), (constraint, to) => {
        const bumped = bumpConstraint(constraint, to);
        if (bumped !== undefined) assert.ok(semver.valid(to.trim()) !== null, `bumped to a non-version ${to}`);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
