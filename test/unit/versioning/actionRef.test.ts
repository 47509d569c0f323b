import * as assert from 'node:assert/strict';
import { actionRefVersioning } from '../../../src/core/versioning/actionRef';
import type { NormalisedVersion } from '../../../src/core/versions';

const { normalise, bump } = actionRefVersioning;

describe('versioning/actionRef', () => {
  it('is called action-ref', () => assert.equal(actionRefVersioning.id, 'action-ref'));

  const normalised: Array<[string | null, NormalisedVersion]> = [
    ['v4', { kind: 'range', range: '>=4.0.0 <5.0.0-0' }],
    ['4', { kind: 'range', range: '>=4.0.0 <5.0.0-0' }],
    ['v0', { kind: 'range', range: '>=0.0.0 <1.0.0-0' }],
    ['v4.1', { kind: 'range', range: '>=4.1.0 <4.2.0-0' }],
    ['1.0', { kind: 'range', range: '>=1.0.0 <1.1.0-0' }],
    ['v2023.2', { kind: 'range', range: '>=2023.2.0 <2023.3.0-0' }],
    ['v4.1.1', { kind: 'exact', version: '4.1.1' }],
    ['1.4.0', { kind: 'exact', version: '1.4.0' }],
    ['v2.0.0-rc.1', { kind: 'exact', version: '2.0.0-rc.1' }],
    ['v1.2.3+build.5', { kind: 'exact', version: '1.2.3' }],
    [' v4 ', { kind: 'range', range: '>=4.0.0 <5.0.0-0' }],
    ['main', { kind: 'unknown' }],
    ['master', { kind: 'unknown' }],
    ['~latest', { kind: 'unknown' }],
    ['latest', { kind: 'unknown' }],
    ['8e5e7e5ab8b370d6c329ec480221332ada57f0ab', { kind: 'unknown' }],
    ['8e5e7e5', { kind: 'unknown' }],
    ['${{ inputs.ref }}', { kind: 'unknown' }],
    ['$COMMON_REF', { kind: 'unknown' }],
    ['releases/v4', { kind: 'unknown' }],
    ['v4-beta', { kind: 'unknown' }],
    ['v04', { kind: 'unknown' }],
    ['V4', { kind: 'unknown' }],
    ['v1.2.3.4', { kind: 'unknown' }],
    ['99999999999999999999', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
    [null, { kind: 'unknown' }],
  ];
  for (const [text, expected] of normalised) {
    it(`normalises ${JSON.stringify(text)} to ${JSON.stringify(expected)}`, () => assert.deepEqual(normalise(text), expected));
  }

  const bumps: Array<[string, string, string | undefined]> = [
    ['v3', '4.2.0', 'v4'],
    ['v3.1', '4.2.0', 'v4.2'],
    ['v3.1.0', '4.2.0', 'v4.2.0'],
    ['1.4.0', '2.0.0', '2.0.0'],
    ['1', '2.3.4', '2'],
    ['v3.0.0-beta.1', '4.2.0', 'v4.2.0'],
    ['v3', '4.2.0-rc.1', 'v4.2.0-rc.1'],
    ['v3', 'v4.2.0', 'v4'],
    ['8e5e7e5ab8b370d6c329ec480221332ada57f0ab', '4.2.0', undefined],
    ['main', '4.2.0', undefined],
    ['~latest', '4.2.0', undefined],
    ['${{ inputs.ref }}', '4.2.0', undefined],
    ['v3', 'next', undefined],
    ['v3', '', undefined],
    ['', '4.2.0', undefined],
  ];
  for (const [text, to, expected] of bumps) {
    it(`bumps ${JSON.stringify(text)} to ${to} as ${JSON.stringify(expected)}`, () => assert.equal(bump(text, to), expected));
  }

  it('never throws on odd input', () => {
    for (const t of ['\u0000', '@', 'v', '.', 'v.1', '1..2', '>=1', '^1.2.3', 'v1 || v2']) {
      assert.doesNotThrow(() => normalise(t));
      assert.doesNotThrow(() => bump(t, '1.0.0'));
      assert.equal(normalise(t).kind, 'unknown', t);
    }
  });
});
