import * as assert from 'node:assert/strict';
import * as semver from 'semver';
import { pep440Versioning, parsePep440, toSemver } from '../../../src/core/versioning/pep440';
import { isInside, type NormalisedVersion } from '../../../src/core/versions';

const { normalise, bump } = pep440Versioning;

/** The semver form of one PEP 440 version, or null when it has none. */
function sv(text: string): string | null {
  const v = parsePep440(text);
  return (v && toSemver(v)) ?? null;
}

describe('versioning/pep440', () => {
  it('is called pep440', () => assert.equal(pep440Versioning.id, 'pep440'));

  describe('versions', () => {
    const table: Array<[string, string | null]> = [
      ['1.2.3', '1.2.3'],
      ['1.2', '1.2.0'],
      ['2', '2.0.0'],
      ['v1.2.3', '1.2.3'],
      ['1.2.3.4', '1.2.3'],
      ['0!1.2', '1.2.0'],
      ['1!2.0', null],
      ['1.0+ubuntu.1', '1.0.0'],
      ['1.0.0+cpu', '1.0.0'],
      ['1.0a1', '1.0.0-a.1.1'],
      ['1.0alpha1', '1.0.0-a.1.1'],
      ['1.0.0-beta.2', '1.0.0-b.2.1'],
      ['1.0c1', '1.0.0-rc.1.1'],
      ['1.0rc1', '1.0.0-rc.1.1'],
      ['1.0RC1', '1.0.0-rc.1.1'],
      ['1.0.dev3', '1.0.0-1.3'],
      ['1.0dev', '1.0.0-1.0'],
      ['1.0.post1', '1.0.1-0.1.1'],
      ['1.0-1', '1.0.1-0.1.1'],
      ['1.0.post1.dev2', '1.0.1-0.1.0.2'],
      ['1.0a1.dev2', '1.0.0-a.1.0.2'],
      ['1.0a1.post2', '1.0.0-a.1.2.2.1'],
      ['latest', null],
      ['1.2.x', null],
      ['', null],
      ['1' + '0'.repeat(20), null],
    ];
    for (const [text, expected] of table) it(`reads ${JSON.stringify(text)} as ${expected}`, () => assert.equal(sv(text), expected));

    it('keeps PEP 440’s order in semver: dev < pre < release < post < next release', () => {
      // In ascending order, as PEP 440's own examples list them.
      const ordered = ['1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456', '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0.post456.dev34', '1.0.post456', '1.0.1.dev1', '1.0.1', '1.1.dev1', '1.1'];
      const versions = ordered.map((t) => [t, sv(t)!] as const);
      for (let i = 1; i < versions.length; i++) {
        const [a, sa] = versions[i - 1]!;
        const [b, sb] = versions[i]!;
        assert.ok(semver.compare(sa, sb) <= 0, `${a} (${sa}) sorts before ${b} (${sb})`);
        if (a !== '1.0' || b !== '1.0+abc.5') assert.ok(semver.lt(sa, sb), `${a} (${sa}) < ${b} (${sb})`);
      }
    });
  });

  describe('normalise', () => {
    const table: Array<[string | null, NormalisedVersion]> = [
      [null, { kind: 'unknown' }],
      ['', { kind: 'unknown' }],
      ['==1.2.3', { kind: 'exact', version: '1.2.3' }],
      ['== 1.2', { kind: 'exact', version: '1.2.0' }],
      ['1.2.3', { kind: 'exact', version: '1.2.3' }],
      ['===1.0', { kind: 'exact', version: '1.0.0' }],
      ['===foobar', { kind: 'unknown' }],
      ['==1.0rc1', { kind: 'exact', version: '1.0.0-rc.1.1' }],
      ['==1.0.post1', { kind: 'exact', version: '1.0.1-0.1.1' }],
      ['==1.0+local', { kind: 'exact', version: '1.0.0' }],
      ['==1.2.*', { kind: 'range', range: '>=1.2.0 <1.3.0-0' }],
      ['==1.*', { kind: 'range', range: '>=1.0.0 <2.0.0-0' }],
      ['1.2.*', { kind: 'range', range: '>=1.2.0 <1.3.0-0' }],
      ['~=1.4.2', { kind: 'range', range: '>=1.4.2 <1.5.0-0' }],
      ['~=1.4', { kind: 'range', range: '>=1.4.0 <2.0.0-0' }],
      ['~=2.2.0rc1', { kind: 'range', range: '>=2.2.0-rc.1.1 <2.3.0-0' }],
      ['~=1', { kind: 'unknown' }],
      ['>=1.2,<2', { kind: 'range', range: '>=1.2.0 <2.0.0-0' }],
      ['>= 2,< 3', { kind: 'range', range: '>=2.0.0 <3.0.0-0' }],
      ['<2.0', { kind: 'range', range: '<2.0.0-0' }],
      ['<2.0rc1', { kind: 'range', range: '<2.0.0-rc.1.1' }],
      ['<=2', { kind: 'range', range: '<=2.0.0' }],
      ['>1.7', { kind: 'range', range: '>=1.7.1' }],
      ['>1.7.post2', { kind: 'range', range: '>1.7.1-0.2.1' }],
      ['!=1.5', { kind: 'range', range: '*' }],
      ['>=1.0,!=1.5.*,<2', { kind: 'range', range: '>=1.0.0 <2.0.0-0' }],
      ['==1!2.0', { kind: 'unknown' }],
      ['>=1!2.0,<3', { kind: 'unknown' }],
      ['^1.2', { kind: 'range', range: '>=1.2.0 <2.0.0-0' }],
      ['^1.2.3', { kind: 'range', range: '>=1.2.3 <2.0.0-0' }],
      ['^0.2.3', { kind: 'range', range: '>=0.2.3 <0.3.0-0' }],
      ['^0.0.3', { kind: 'range', range: '>=0.0.3 <0.0.4-0' }],
      ['^0', { kind: 'range', range: '>=0.0.0 <1.0.0-0' }],
      ['~1.2.3', { kind: 'range', range: '>=1.2.3 <1.3.0-0' }],
      ['~1.2', { kind: 'range', range: '>=1.2.0 <1.3.0-0' }],
      ['~1', { kind: 'range', range: '>=1.0.0 <2.0.0-0' }],
      ['>=1.2 <2', { kind: 'range', range: '>=1.2.0 <2.0.0-0' }],
      ['^1.2 || ^2.0', { kind: 'range', range: '>=1.2.0 <2.0.0-0 || >=2.0.0 <3.0.0-0' }],
      ['*', { kind: 'range', range: '*' }],
      ['https://files.acme.dev/a-1.0.whl', { kind: 'unknown' }],
      ['>=1.0,', { kind: 'unknown' }],
      ['latest', { kind: 'unknown' }],
      ['>=' + '9'.repeat(30), { kind: 'unknown' }],
    ];
    for (const [text, expected] of table) it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(normalise(text), expected));

    it('flags a range only when every version it admits is deprecated', () => {
      const inside: Array<[string, string, boolean]> = [
        ['~=1.4', '<2.0.0', true],
        ['==1.2.*', '<2.0.0', true],
        ['^1.2', '>=1.0.0 <2.0.0', true],
        ['>=1.2,<2', '<2.0.0', true],
        ['>=1.2', '<2.0.0', false],
        ['~=1.4', '<1.9.0', false],
        ['==1.0.post1', '<1.0.1', true],
        ['==1.0rc1', '<1.0.0', true],
        ['==1.0.dev3', '>=1.0.0', false],
      ];
      for (const [text, versions, expected] of inside) assert.equal(isInside(normalise(text), versions), expected, `${text} inside ${versions}`);
    });
  });

  describe('bump keeps the operators', () => {
    const table: Array<[string, string, string | undefined]> = [
      ['>=1.2,<2', '4.2.0', '>=4.2,<5'],
      ['>= 2,< 3', '4.2.0', '>= 4,< 5'],
      ['==1.2.3', '4.2.0', '==4.2.0'],
      ['==1.2.*', '4.2.0', '==4.2.*'],
      ['^1.2', '4.2.0', '^4.2'],
      ['~1.2.3', '4.2.0', '~4.2.0'],
      ['~=1.4.2', '4.2.0', '~=4.2.0'],
      ['~=1.4', '4.2.0', '~=4.2'],
      ['>=1.0,!=1.5,<2', '4.2.0', '>=4.2,!=1.5,<5'],
      ['1.2.3', '4.2.0', '4.2.0'],
      ['==1.0rc1', '4.2.0', '==4.2.0'],
      ['>=1.0.post1', '4.2.0', '>=4.2'],
      ['!=1.5', '4.2.0', undefined],
      ['*', '4.2.0', undefined],
      ['==1!2.0', '4.2.0', undefined],
      ['https://files.acme.dev/a-1.0.whl', '4.2.0', undefined],
      ['>=1.2', 'not-a-version', undefined],
    ];
    for (const [text, to, expected] of table) it(`${text} → ${expected}`, () => assert.equal(bump(text, to), expected));

    it('a bumped text is read as the new version', () => {
      for (const text of ['==1.2.3', '^1.2', '~=1.4.2', '>=1.2,<2', '==1.0rc1']) {
        const after = normalise(bump(text, '4.2.0')!);
        assert.ok(isInside(after, '>=4.2.0 <5.0.0'), `${text} → ${JSON.stringify(after)}`);
      }
    });
  });
});
