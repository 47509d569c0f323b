import * as assert from 'node:assert/strict';
import { isInside, MAX_ALTERNATIVES, normaliseNpm, type NormalisedVersion } from '../../../src/core/versions';

describe('npm version normalisation', () => {
  const cases: Array<[string | null, NormalisedVersion]> = [
    ['2.3.4', { kind: 'exact', version: '2.3.4' }],
    ['v2.3.4', { kind: 'exact', version: '2.3.4' }],
    ['=2.3.4', { kind: 'exact', version: '2.3.4' }],
    ['^2.3.0', { kind: 'range', range: '>=2.3.0 <3.0.0-0' }],
    ['16', { kind: 'range', range: '>=16.0.0 <17.0.0-0' }],
    ['16.20', { kind: 'range', range: '>=16.20.0 <16.21.0-0' }],
    ['2.x', { kind: 'range', range: '>=2.0.0 <3.0.0-0' }],
    ['*', { kind: 'range', range: '*' }],
    ['latest', { kind: 'unknown' }],
    ['next', { kind: 'unknown' }],
    [null, { kind: 'unknown' }],
    ['not a version at all', { kind: 'unknown' }],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(normaliseNpm(text), expected));
  }

  it(`a range of more than ${MAX_ALTERNATIVES} alternatives is unknown: comparing it would cost too much`, () => {
    const carets = (n: number): string => Array.from({ length: n }, (_, i) => `^${i}.0.0`).join(' || ');
    assert.equal(normaliseNpm(carets(MAX_ALTERNATIVES)).kind, 'range');
    assert.deepEqual(normaliseNpm(carets(MAX_ALTERNATIVES + 1)), { kind: 'unknown' });
    assert.deepEqual(normaliseNpm(carets(2500)), { kind: 'unknown' });
  });
});

describe('the subset test', () => {
  const cases: Array<[string | null, string, boolean]> = [
    ['^2.3.0', '<3.0.0', true],
    ['~2.9.1', '<3.0.0', true],
    ['2.x', '<3.0.0', true],
    ['^2.0.0 || ^3.0.0', '<3.0.0', false],
    ['>=2.0.0', '<3.0.0', false],
    ['*', '<3.0.0', false],
    ['^3.1.0', '>=3.0.0 <4.0.0', true],
    ['2.3.4', '<3.0.0', true],
    ['3.0.0', '<3.0.0', false],
    ['latest', '<3.0.0', false],
    [null, '*', false],
  ];
  for (const [constraint, versions, inside] of cases) {
    it(`${constraint} is ${inside ? '' : 'not '}inside ${versions}`, () =>
      assert.equal(isInside(normaliseNpm(constraint), versions), inside));
  }

  it('compares a pinned prerelease by its place in the order', () => {
    assert.equal(isInside({ kind: 'exact', version: '3.0.0-rc.1' }, '<3.0.0'), true);
  });

  it('decides the same range against the same deprecation once', () => {
    // Disjoint alternatives: each uncached test compares every pair of them, milliseconds each time.
    const alternatives = (n: number, from: number): string => Array.from({ length: n }, (_, i) => `>=${from + i}.0.0 <${from + i}.1.0`).join(' || ');
    const range = normaliseNpm(alternatives(MAX_ALTERNATIVES, 0));
    const deprecated = alternatives(MAX_ALTERNATIVES, 0).replace(/ \|\| >=63\.0\.0 <63\.1\.0$/, ' || >=63.0.0 <63.2.0');
    const started = Date.now();
    for (let i = 0; i < 1000; i++) assert.equal(isInside(range, deprecated), true);
    assert.ok(Date.now() - started < 1000, `1,000 manifests took ${Date.now() - started} ms`);
  });

  it('never throws on a range it cannot read', () => {
    assert.equal(isInside({ kind: 'range', range: '>=1' }, 'garbage ((('), false);
  });
});
