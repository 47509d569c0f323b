import * as assert from 'node:assert/strict';
import { gradleVersioning, mavenVersioning } from '../../../src/core/versioning/maven';
import type { NormalisedVersion } from '../../../src/core/versions';

const exact = (version: string): NormalisedVersion => ({ kind: 'exact', version });
const range = (r: string): NormalisedVersion => ({ kind: 'range', range: r });
const UNKNOWN: NormalisedVersion = { kind: 'unknown' };

describe('versioning/maven', () => {
  describe('normalise (Maven)', () => {
    const table: Array<[string | null, NormalisedVersion]> = [
      ['1.2.3', exact('1.2.3')],
      // Maven has no precision ranges: 1.2 is the version 1.2(.0).
      ['1.2', exact('1.2.0')],
      ['7', exact('7.0.0')],
      // Qualifiers that are variants: ignored for comparison.
      ['33.1.0-jre', exact('33.1.0')],
      ['31.1-android', exact('31.1.0')],
      ['5.6.15.Final', exact('5.6.15')],
      ['2.7.3.RELEASE', exact('2.7.3')],
      ['9.4.58.v20250814', exact('9.4.58')],
      // Qualifiers Maven orders before the release: prereleases.
      ['1.0-SNAPSHOT', exact('1.0.0-SNAPSHOT')],
      ['3.0.0-M1', exact('3.0.0-milestone.1')],
      ['1.0-beta-2', exact('1.0.0-beta.2')],
      ['2.0.0-RC1', exact('2.0.0-rc.1')],
      ['6.0.0.CR2', exact('6.0.0-rc.2')],
      ['1.0-rc1-SNAPSHOT', exact('1.0.0-rc.1.SNAPSHOT')],
      // Four numbers: between x.y.z and x.y.(z+1).
      ['1.2.3.4', range('>=1.2.3 <1.2.4-0')],
      // Ranges.
      ['[1.0,2.0)', range('>=1.0.0 <2.0.0')],
      ['[1.0,)', range('>=1.0.0')],
      ['(,1.0]', range('<=1.0.0')],
      ['(1.0,2.0]', range('>1.0.0 <=2.0.0')],
      ['[ 1.0 , 2.0 )', range('>=1.0.0 <2.0.0')],
      ['[1.2]', exact('1.2.0')],
      ['[1,2),[3,4)', range('>=1.0.0 <2.0.0 || >=3.0.0 <4.0.0')],
      // No version: unknown, never flagged.
      [null, UNKNOWN],
      ['', UNKNOWN],
      ['${guava.version}', UNKNOWN],
      ['HEAD-jre-SNAPSHOT', UNKNOWN],
      ['LATEST', UNKNOWN],
      ['[1.0', UNKNOWN],
      ['(1.2)', UNKNOWN],
      ['[a,b)', UNKNOWN],
      ['1.2.+', UNKNOWN],
      ['1'.repeat(40), UNKNOWN],
    ];
    for (const [text, want] of table) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(want)}`, () => assert.deepEqual(mavenVersioning.normalise(text), want));
    }
  });

  describe('normalise (Gradle: Maven’s rules and its own)', () => {
    const table: Array<[string, NormalisedVersion]> = [
      ['33.1.0-jre', exact('33.1.0')],
      ['1.2.+', range('>=1.2.0 <1.3.0-0')],
      ['1.+', range('>=1.0.0 <2.0.0-0')],
      ['1.2.3.+', range('>=1.2.3 <1.2.4-0')],
      ['1.4.2!!', exact('1.4.2')],
      ['[1.0,2.0)', range('>=1.0.0 <2.0.0')],
      // Gradle writes an excluded bound with its bracket turned outwards.
      ['[2.15, 2.18[', range('>=2.15.0 <2.18.0')],
      [']1.0,2.0]', range('>1.0.0 <=2.0.0')],
      ['+', UNKNOWN],
      ['latest.release', UNKNOWN],
      ['latest.integration', UNKNOWN],
      ['$kotlinVersion', UNKNOWN],
    ];
    for (const [text, want] of table) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(want)}`, () => assert.deepEqual(gradleVersioning.normalise(text), want));
    }
  });

  describe('bump keeps the style written', () => {
    const table: Array<[string, string, string | undefined, 'maven' | 'gradle']> = [
      ['1.2.3', '4.2.0', '4.2.0', 'maven'],
      // As many numbers as the target needs, never fewer than written.
      ['1.2', '4.2.0', '4.2', 'maven'],
      ['1.2', '4.2.1', '4.2.1', 'maven'],
      // The variant stays; a prerelease qualifier goes.
      ['31.1-jre', '33.2.0', '33.2-jre', 'maven'],
      ['5.6.15.Final', '6.4.1', '6.4.1.Final', 'maven'],
      ['2.7.3.RELEASE', '3.0.0', '3.0.0.RELEASE', 'maven'],
      ['1.0-SNAPSHOT', '2.0.0', '2.0', 'maven'],
      ['1.0.0', '2.0.0-rc.1', '2.0.0-rc.1', 'maven'],
      // Ranges move as bump.ts moves them; a union collapses to its first interval.
      ['[1.0,2.0)', '4.2.0', '[4.2,5.0)', 'maven'],
      ['[1.0,)', '4.2.0', '[4.2,)', 'maven'],
      ['[1.2]', '4.2.1', '[4.2.1]', 'maven'],
      ['[1,2),[3,4)', '4.0.0', '[4,5)', 'maven'],
      ['  1.2.3 ', '4.2.0', '  4.2.0 ', 'maven'],
      // Gradle's forms.
      ['1.2.+', '4.3.1', '4.3.+', 'gradle'],
      ['1.4.2!!', '2.0.1', '2.0.1!!', 'gradle'],
      ['[2.15, 2.18[', '2.17.0', '[2.17, 2.20[', 'gradle'],
      // Nothing to move.
      ['${guava.version}', '4.2.0', undefined, 'maven'],
      ['latest.release', '4.2.0', undefined, 'gradle'],
      ['1.2.3', 'not-a-version', undefined, 'maven'],
      ['[1.0', '4.2.0', undefined, 'maven'],
    ];
    for (const [text, to, want, which] of table) {
      it(`${which}: ${JSON.stringify(text)} to ${to} → ${JSON.stringify(want)}`, () => {
        const v = which === 'maven' ? mavenVersioning : gradleVersioning;
        assert.equal(v.bump(text, to), want);
        // What a bump writes reads back as the target version (or a range that admits it).
        if (want !== undefined && !/\[|\]|\(|\+/.test(want)) assert.deepEqual(v.normalise(want), exact(to));
      });
    }
  });
});
