import * as assert from 'node:assert/strict';
import { isInside, normaliseNpm, type NormalisedVersion } from '../../../src/core/versions';

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

  it('never throws on a range it cannot read', () => {
    assert.equal(isInside({ kind: 'range', range: '>=1' }, 'garbage ((('), false);
  });
});
