import * as assert from 'node:assert/strict';
import { goModuleVersioning as go } from '../../../src/core/versioning/goModule';
import { isInside, type NormalisedVersion } from '../../../src/core/versions';

const exact = (version: string): NormalisedVersion => ({ kind: 'exact', version });
const range = (r: string): NormalisedVersion => ({ kind: 'range', range: r });
const unknown: NormalisedVersion = { kind: 'unknown' };

describe('go-module versioning', () => {
  describe('normalise', () => {
    const cases: readonly (readonly [text: string | null, expected: NormalisedVersion])[] = [
      ['v1.2.3', exact('1.2.3')],
      ['v0.9.1', exact('0.9.1')],
      ['v2.305.9', exact('2.305.9')],
      ['v1.0.0-rc.1', exact('1.0.0-rc.1')],
      ['v0.1.0-deprecated', exact('0.1.0-deprecated')],
      // `+incompatible` only says the module has no go.mod: the version is v2.0.0.
      ['v2.0.0+incompatible', exact('2.0.0')],
      ['v68.0.0+incompatible', exact('68.0.0')],
      // Pseudo-versions: prereleases of the version they come before.
      ['v0.0.0-20240101120000-abcdef123456', exact('0.0.0-20240101120000-abcdef123456')],
      ['v1.2.4-0.20240101120000-abcdef123456', exact('1.2.4-0.20240101120000-abcdef123456')],
      ['v1.2.4-pre.0.20240101120000-abcdef123456', exact('1.2.4-pre.0.20240101120000-abcdef123456')],
      ['v2.1.2-0.20190413222219-f784269be439+incompatible', exact('2.1.2-0.20190413222219-f784269be439')],
      // Go's semver shorthands, by precision.
      ['v1', range('>=1.0.0 <2.0.0-0')],
      ['v1.2', range('>=1.2.0 <1.3.0-0')],
      ['  v1.2.3  ', exact('1.2.3')],
      // Not versions: Go writes the `v`; queries and branches the go command has not resolved.
      ['1.2.3', unknown],
      ['V1.2.3', unknown],
      ['latest', unknown],
      ['master', unknown],
      ['v1.2.3.4', unknown],
      ['v01.2.3', unknown],
      ['v1.2.3-01', unknown],
      ['v1.2+incompatible', unknown],
      ['v99999999999999999.0.0', unknown],
      ['', unknown],
      [null, unknown],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(go.normalise(text), expected));
    }

    it('puts a pseudo-version between the release it follows and the one it precedes', () => {
      const pseudo = go.normalise('v1.2.4-0.20240101120000-abcdef123456');
      assert.equal(isInside(pseudo, '<1.2.4'), true);
      assert.equal(isInside(pseudo, '<=1.2.3'), false);
      assert.equal(isInside(go.normalise('v0.0.0-20240101120000-abcdef123456'), '<0.0.1'), true);
    });
  });

  describe('bump', () => {
    const cases: readonly (readonly [text: string, to: string, expected: string | undefined])[] = [
      ['v1.2.3', '1.4.0', 'v1.4.0'],
      ['v0.9.1', '1.0.0', 'v1.0.0'],
      ['v0.0.0-20240101120000-abcdef123456', '0.3.0', 'v0.3.0'],
      ['v1.2.4-0.20240101120000-abcdef123456', '1.2.4', 'v1.2.4'],
      ['v1.2.3', 'v1.3.0', 'v1.3.0'],
      ['v1.2.3', '1.3.0-rc.1', 'v1.3.0-rc.1'],
      ['v3.0.1', '3.2.0', 'v3.2.0'],
      ['v2.0.0+incompatible', '2.4.0', 'v2.4.0+incompatible'],
      // An incompatible module keeps its path across majors: still a bump.
      ['v5.6.0+incompatible', '6.1.0', 'v6.1.0+incompatible'],
      ['v1.2', '1.5.0', 'v1.5'],
      // Across a major that changes the path: a rename, not a bump.
      ['v1.2.3', '2.0.0', undefined],
      ['v0.9.0', '2.1.0', undefined],
      ['v3.1.0', '4.0.0', undefined],
      ['v2.4.0', '1.9.0', undefined],
      // No version to move.
      ['master', '1.0.0', undefined],
      ['v1.2.3', 'latest', undefined],
      [' v1.2.3', '1.4.0', undefined],
    ];
    for (const [text, to, expected] of cases) {
      it(`${text} to ${to} → ${String(expected)}`, () => assert.equal(go.bump(text, to), expected));
    }
  });

  describe('why a version is not bumped', () => {
    const cases: readonly (readonly [text: string, to: string, expected: string | undefined])[] = [
      ['v1.2.3', '2.0.0', 'crossing a major changes the module path (…/v2): a rename, not a bump'],
      ['v3.1.0', '4.0.0', 'crossing a major changes the module path (…/v4): a rename, not a bump'],
      ['v2.4.0', '1.9.0', 'crossing a major changes the module path (… without /v2): a rename, not a bump'],
      ['v1.2.3', '1.4.0', undefined],
      ['v0.1.0', '1.0.0', undefined],
      ['v2.0.0+incompatible', '3.0.0', undefined],
      ['master', '2.0.0', undefined],
    ];
    for (const [text, to, expected] of cases) {
      it(`${text} to ${to}`, () => assert.equal(go.whyNotBumped?.(text, to), expected));
    }
  });
});
