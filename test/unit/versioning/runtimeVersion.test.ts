import * as assert from 'node:assert/strict';
import { runtimeVersioning as runtime } from '../../../src/core/versioning/runtimeVersion';
import type { NormalisedVersion } from '../../../src/core/versions';

const exact = (version: string): NormalisedVersion => ({ kind: 'exact', version });
const range = (r: string): NormalisedVersion => ({ kind: 'range', range: r });
const unknown: NormalisedVersion = { kind: 'unknown' };

describe('runtime-version versioning', () => {
  describe('normalise', () => {
    const cases: readonly (readonly [text: string | null, expected: NormalisedVersion])[] = [
      // By precision.
      ['20', range('>=20.0.0 <21.0.0-0')],
      ['3.12', range('>=3.12.0 <3.13.0-0')],
      ['v20.11.1', exact('20.11.1')],
      ['20.11.1', exact('20.11.1')],
      ['1.26.4', exact('1.26.4')],
      ['v18', range('>=18.0.0 <19.0.0-0')],
      // Prereleases against the numbers (Go, Python) and variants after them.
      ['1.21rc1', exact('1.21.0-rc.1')],
      ['3.13.0rc2', exact('3.13.0-rc.2')],
      ['3.13-dev', range('>=3.13.0 <3.14.0-0')],
      // Prefixes: go.mod's toolchain, Java distributions (asdf, jenv); the numbers are compared.
      ['go1.22.1', exact('1.22.1')],
      ['temurin-21.0.2+13', exact('21.0.2')],
      ['temurin-21.0.2+13.0.LTS', exact('21.0.2')],
      ['openjdk64-17.0.2', exact('17.0.2')],
      ['corretto-17', range('>=17.0.0 <18.0.0-0')],
      ['graalvm-community-21.0.2', exact('21.0.2')],
      ['17', range('>=17.0.0 <18.0.0-0')],
      ['21.0.2', exact('21.0.2')],
      // Java 8's own numbering is read as written: 1.8.0 sorts below 9.
      ['1.8.0_292', exact('1.8.0')],
      // Node's LTS codenames, by their major.
      ['lts/iron', range('>=20.0.0 <21.0.0-0')],
      ['lts/jod', range('>=22.0.0 <23.0.0-0')],
      ['lts/hydrogen', range('>=18.0.0 <19.0.0-0')],
      ['lts/gallium', range('>=16.0.0 <17.0.0-0')],
      ['lts/fermium', range('>=14.0.0 <15.0.0-0')],
      ['lts/erbium', range('>=12.0.0 <13.0.0-0')],
      ['lts/dubnium', range('>=10.0.0 <11.0.0-0')],
      ['lts/carbon', range('>=8.0.0 <9.0.0-0')],
      ['lts/boron', range('>=6.0.0 <7.0.0-0')],
      ['lts/argon', range('>=4.0.0 <5.0.0-0')],
      ['LTS/Iron', range('>=20.0.0 <21.0.0-0')],
      // npm ranges (package.json engines.node).
      ['>=18', range('>=18.0.0')],
      ['^20.11 || ^22', range('>=20.11.0 <21.0.0-0||>=22.0.0 <23.0.0-0')],
      ['>=18.0.0 <21', range('>=18.0.0 <21.0.0-0')],
      ['18.x', range('>=18.0.0 <19.0.0-0')],
      // Names that hold no release.
      ['lts/*', unknown],
      ['lts/unheard', unknown],
      ['node', unknown],
      ['stable', unknown],
      ['system', unknown],
      ['latest', unknown],
      ['latest:^1.5', unknown],
      ['min-required', unknown],
      ['ref:v1.0.2', unknown],
      ['path:/opt/node', unknown],
      ['temurin-latest', unknown],
      // Python distributions number their own releases: not CPython's version.
      ['pypy3.10-7.3.12', unknown],
      ['anaconda3-2023.09', unknown],
      ['miniconda3-latest', unknown],
      [null, unknown],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(runtime.normalise(text), expected));
    }
  });

  describe('bump keeps the style written', () => {
    const cases: readonly (readonly [text: string, to: string, expected: string | undefined])[] = [
      ['18', '20.11.1', '20'],
      ['v18.19.0', '20.11.1', 'v20.11.1'],
      ['3.9', '3.12.1', '3.12'],
      ['>=18', '20.11.1', '>=20'],
      ['^18.17.0', '20.11.1', '^20.11.1'],
      ['go1.21.0', '1.22.1', 'go1.22.1'],
      ['1.21', '1.22.1', '1.22'],
      ['temurin-17.0.2+8', '21.0.2', 'temurin-21.0.2'],
      ['openjdk64-17.0.2', '21.0.2', 'openjdk64-21.0.2'],
      ['1.8.0_292', '17.0.9', '17.0.9'],
      // A codename moves to the target's codename, else to its major.
      ['lts/hydrogen', '20.11.1', 'lts/iron'],
      ['lts/gallium', '22.1.0', 'lts/jod'],
      ['lts/iron', '23.1.0', '23'],
      ['lts/*', '20.11.1', undefined],
      ['node', '20.11.1', undefined],
      ['system', '3.12.1', undefined],
      ['20', 'latest', undefined],
    ];
    for (const [text, to, expected] of cases) {
      it(`${text} to ${to} → ${String(expected)}`, () => assert.equal(runtime.bump(text, to), expected));
    }
  });
});
