import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as semver from 'semver';
import { dockerTagVersioning as docker } from '../../../src/core/versioning/dockerTag';
import type { NormalisedVersion } from '../../../src/core/versions';
import { isInside } from '../../../src/core/versions';

const exact = (version: string): NormalisedVersion => ({ kind: 'exact', version });
const range = (r: string): NormalisedVersion => ({ kind: 'range', range: r });
const unknown: NormalisedVersion = { kind: 'unknown' };

describe('docker-tag versioning', () => {
  it('is named docker-tag', () => {
    assert.equal(docker.id, 'docker-tag');
  });

  describe('normalise', () => {
    const cases: readonly (readonly [text: string | null, expected: NormalisedVersion])[] = [
      // Precision: one number is a major line, two a minor line, three one version.
      ['20', range('>=20.0.0 <21.0.0-0')],
      ['16.20', range('>=16.20.0 <16.21.0-0')],
      ['1.25.3', exact('1.25.3')],
      ['v1.2', range('>=1.2.0 <1.3.0-0')],
      ['V3', range('>=3.0.0 <4.0.0-0')],
      ['v22.2.2', exact('22.2.2')],
      ['0', range('>=0.0.0 <1.0.0-0')],
      // What follows the numbers is a variant, ignored for comparison.
      ['16-alpine', range('>=16.0.0 <17.0.0-0')],
      ['20.11-alpine3.19', range('>=20.11.0 <20.12.0-0')],
      ['3.12-slim-bookworm', range('>=3.12.0 <3.13.0-0')],
      ['1.25.3-alpine', exact('1.25.3')],
      ['10.6.4-focal', exact('10.6.4')],
      ['3.8.5-eclipse-temurin-17', exact('3.8.5')],
      ['6.0.windowsservercore-ltsc2022', range('>=6.0.0 <6.1.0-0')],
      ['17-jre_focal', range('>=17.0.0 <18.0.0-0')],
      ['1-20-bookworm', range('>=1.0.0 <2.0.0-0')],
      // Zero-padded date versions (Ubuntu).
      ['22.04', range('>=22.4.0 <22.5.0-0')],
      // More numbers than semver has: the first three, as a range that admits the rest.
      ['1.2.3.4', range('>=1.2.3 <1.2.4-0')],
      // Prereleases as Python and Go images write them, and after a hyphen.
      ['3.13.0rc2-slim', exact('3.13.0-rc.2')],
      ['1.22rc1-alpine', exact('1.22.0-rc.1')],
      ['3.12.0a4', exact('3.12.0-alpha.4')],
      ['3.12.0b1', exact('3.12.0-beta.1')],
      ['4.0.0-rc.1', exact('4.0.0-rc.1')],
      ['4.0.0-beta2-alpine', exact('4.0.0-beta.2')],
      // Not a prerelease: a variant that starts with the same letters.
      ['20-alpine', range('>=20.0.0 <21.0.0-0')],
      ['20-bookworm', range('>=20.0.0 <21.0.0-0')],
      ['12-bullseye', range('>=12.0.0 <13.0.0-0')],
      // No leading number: unknown.
      [null, unknown],
      ['', unknown],
      ['latest', unknown],
      ['alpine', unknown],
      ['bookworm', unknown],
      ['lts', unknown],
      ['lts-alpine', unknown],
      ['trixie-slim', unknown],
      ['ltsc2022', unknown],
      ['sha256:2b5ac2d3b1e7a0f4a6c3f1e8d9c0b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0', unknown],
      ['${NODE_VERSION}', unknown],
      ['vso-focal-20220429.1', unknown],
      ['RELEASE.2025-09-07T16-13-09Z', unknown],
      // Numbers semver cannot hold, and texts longer than any tag.
      ['99999999999999999999', unknown],
      ['1'.repeat(200), unknown],
      // Written with blanks around it (a value read from a file).
      [' 20-alpine ', range('>=20.0.0 <21.0.0-0')],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
        assert.deepEqual(docker.normalise(text), expected);
      });
    }

    it('gives ranges semver can read and that a deprecation can contain', () => {
      assert.equal(isInside(docker.normalise('16-alpine'), '<18.0.0'), true);
      assert.equal(isInside(docker.normalise('16-alpine'), '<16.5.0'), false);
      assert.equal(isInside(docker.normalise('1.25.3-alpine'), '<2.0.0'), true);
      assert.equal(isInside(docker.normalise('latest'), '*'), false);
    });
  });

  describe('bump', () => {
    const cases: readonly (readonly [text: string, to: string, expected: string | undefined])[] = [
      // The variant and the precision stay as written.
      ['16-alpine', '20.11.1', '20-alpine'],
      ['16.20-alpine', '20.11.1', '20.11-alpine'],
      ['1.25.3-alpine', '4.2.0', '4.2.0-alpine'],
      ['16', '20.11.1', '20'],
      ['16.20', '20.11.1', '20.11'],
      ['1.25.3', '4.2.0', '4.2.0'],
      ['3.12-slim-bookworm', '3.13.1', '3.13-slim-bookworm'],
      ['6.0.windowsservercore-ltsc2022', '8.0.1', '8.0.windowsservercore-ltsc2022'],
      ['20.11-alpine3.19', '22.1.0', '22.1-alpine3.19'],
      // The `v` and a zero padding are kept.
      ['v1.2', '4.2.0', 'v4.2'],
      ['v3', '4.2.0', 'v4'],
      ['22.04', '24.4.0', '24.04'],
      ['20.10', '24.4.0', '24.4'],
      // A prerelease is replaced; a prerelease target is written in full.
      ['3.13.0rc2-slim', '3.13.1', '3.13.1-slim'],
      ['1.22rc1-alpine', '1.23.0', '1.23-alpine'],
      ['20-alpine', '22.0.0-rc.1', '22.0.0-rc.1-alpine'],
      // More numbers than semver has: the first three move, the rest was part of the old version.
      ['1.2.3.4-slim', '4.2.0', '4.2.0-slim'],
      // `to` may carry a `v` or build metadata.
      ['16-alpine', 'v20.11.1', '20-alpine'],
      ['16-alpine', '20.11.1+build.5', '20-alpine'],
      // Blanks around the text stay.
      [' 16-alpine ', '20.11.1', ' 20-alpine '],
      // Nothing to move, or nothing to move to.
      ['latest', '4.2.0', undefined],
      ['alpine', '4.2.0', undefined],
      ['lts-alpine', '4.2.0', undefined],
      ['${NODE_VERSION}', '4.2.0', undefined],
      ['', '4.2.0', undefined],
      ['16-alpine', 'latest', undefined],
      ['16-alpine', '20', undefined],
      ['16-alpine', '', undefined],
    ];
    for (const [text, to, expected] of cases) {
      it(`${JSON.stringify(text)} to ${to} → ${JSON.stringify(expected)}`, () => {
        assert.equal(docker.bump(text, to), expected);
      });
    }

    it('never throws, and a bumped tag names the version it was bumped to', () => {
      const tags = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc
          .tuple(
            fc.constantFrom('', 'v'),
            fc.array(fc.integer({ min: 0, max: 99 }).map(String), { minLength: 1, maxLength: 3 }),
            fc.constantFrom('', '-alpine', '-slim-bookworm', '.windowsservercore', 'rc1', '-rc.2', '_x'),
          )
          .map(([v, parts, variant]) => `${v}${parts.join('.')}${variant}`),
      );
      const versions = fc
        .tuple(fc.nat(50), fc.nat(50), fc.nat(50), fc.constantFrom('', '-rc.1', '-beta.2'))
        .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre}`);
      fc.assert(
        fc.property(tags, versions, (tag, to) => {
          const normalised = docker.normalise(tag);
          const bumped = docker.bump(tag, to);
          if (normalised.kind === 'unknown') {
            assert.equal(bumped, undefined);
            return;
          }
          assert.ok(bumped !== undefined, tag);
          const after = docker.normalise(bumped);
          const admits =
            after.kind === 'exact' ? after.version === to : after.kind === 'range' && semver.satisfies(to, after.range, { includePrerelease: true });
          assert.ok(admits, `${tag} → ${bumped} (${JSON.stringify(after)}) does not admit ${to}`);
        }),
        { seed: 42, numRuns: 500 },
      );
    });
  });
});
