import * as assert from 'node:assert/strict';
import { parseLockfile, type NpmLockfile } from '../../../../src/core/ecosystems/npm/lockfile';
import { parsePnpmLock, pinnedVersion } from '../../../../src/core/ecosystems/npm/pnpmLock';
import { dep, range, slice } from './helpers';

const V5_4 = `lockfileVersion: 5.4

importers:

  .:
    specifiers:
      '@acme/ui': ^2.3.0
      typescript: ^5.0.0
    dependencies:
      '@acme/ui': 2.5.1_react@18.2.0
    devDependencies:
      typescript: 5.1.6

  packages/a:
    specifiers:
      '@acme/ui': ^3.0.0
      b: workspace:*
      ui: npm:@acme/ui@^3
    dependencies:
      '@acme/ui': 3.2.0_react@18.2.0
      b: link:../b
      ui: /@acme/ui/3.1.0_react@18.2.0

  packages/b:
    specifiers: {}

packages:

  /@acme/ui/2.5.1_react@18.2.0:
    resolution: {integrity: sha512-abc}
    peerDependencies:
      react: ^18.0.0
    dependencies:
      react: 18.2.0
    dev: false

  /typescript/5.1.6:
    resolution: {integrity: sha512-def}
    engines: {node: '>=14.17'}
    hasBin: true
    dev: true
`;

const V6_0 = `lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      '@acme/ui':
        specifier: ^2.3.0
        version: 2.5.1(react@18.2.0)
    devDependencies:
      typescript:
        specifier: ^5.0.0
        version: 5.1.6

  packages/a:
    dependencies:
      '@acme/ui':
        specifier: ^3.0.0
        version: 3.2.0(react@18.2.0)
      b:
        specifier: workspace:*
        version: link:../b
      ui:
        specifier: npm:@acme/ui@^3
        version: /@acme/ui@3.1.0(react@18.2.0)

  packages/b: {}

packages:

  /@acme/ui@2.5.1(react@18.2.0):
    resolution: {integrity: sha512-abc}
    peerDependencies:
      react: ^18.0.0
    dependencies:
      react: 18.2.0
    dev: false
`;

const V9_0 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      '@acme/ui':
        specifier: ^2.3.0
        version: 2.5.1(react@18.2.0)
    devDependencies:
      typescript:
        specifier: ^5.0.0
        version: 5.1.6

  packages/a:
    dependencies:
      '@acme/ui':
        specifier: ^3.0.0
        version: 3.2.0(react@18.2.0)
      b:
        specifier: workspace:*
        version: link:../b
      ui:
        specifier: npm:@acme/ui@^3
        version: '@acme/ui@3.1.0(react@18.2.0)'

  packages/b: {}

packages:

  '@acme/ui@2.5.1':
    resolution: {integrity: sha512-abc}
    peerDependencies:
      react: ^18.0.0

snapshots:

  '@acme/ui@2.5.1(react@18.2.0)':
    dependencies:
      react: 18.2.0
`;

function lockfile(text: string): NpmLockfile {
  const result = parseLockfile('pnpm-lock.yaml', text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

describe('npm/pnpmLock', () => {
  for (const [version, text] of [['5.4', V5_4], ['6.0', V6_0], ['9.0', V9_0]] as const) {
    describe(`lockfileVersion ${version}`, () => {
      const lock = lockfile(text);
      const cases: Array<[string, string, ReturnType<typeof dep>, string | undefined]> = [
        ['the root importer, with peers stripped', '', dep('@acme/ui', '^2.3.0'), '2.5.1'],
        ['a dev dependency', '', dep('typescript', '^5.0.0', 'devDependencies'), '5.1.6'],
        ['a member importer', 'packages/a', dep('@acme/ui', '^3.0.0'), '3.2.0'],
        ['an alias', 'packages/a', dep('ui', '^3', 'dependencies', '@acme/ui'), '3.1.0'],
        ['a workspace link', 'packages/a', dep('b', null), undefined],
        ['a spec edited since the install', 'packages/a', dep('@acme/ui', '^4.0.0'), undefined],
        ['an importer without dependencies', 'packages/b', dep('@acme/ui', '^2.3.0'), undefined],
        ['a folder that is no importer', 'packages/c', dep('@acme/ui', '^2.3.0'), undefined],
      ];
      for (const [what, memberDir, declared, expected] of cases) {
        it(`resolves ${what}`, () => {
          assert.equal(lock.resolve(memberDir, declared)?.version, expected);
        });
      }

      it('lists its importers as members', () => {
        assert.equal(lock.kind, 'pnpm');
        assert.deepEqual([...lock.members!].sort(), ['', 'packages/a', 'packages/b']);
      });

      it('locates the version in the importer', () => {
        const located = lock.resolve('packages/a', dep('@acme/ui', '^3.0.0'))!.locate();
        assert.match(slice(text, located), /^3\.2\.0[_(]react@18\.2\.0\)?$/);
        const alias = lock.resolve('packages/a', dep('ui', '^3', 'dependencies', '@acme/ui'))!.locate();
        assert.match(slice(text, alias), /@acme\/ui.3\.1\.0/);
      });
    });
  }

  it('locates exactly, without quotes', () => {
    const located = lockfile(V9_0).resolve('packages/a', dep('ui', '^3', 'dependencies', '@acme/ui'))!.locate();
    assert.deepEqual(located, range(28, 18, 28, 46));
  });

  it('reads a single-project 5.x lockfile (sections at the top level)', () => {
    const text = "lockfileVersion: 5.3\n\nspecifiers:\n  '@acme/ui': ^2.3.0\n\ndependencies:\n  '@acme/ui': 2.5.1\n\npackages:\n\n  /@acme/ui/2.5.1:\n    dev: false\n";
    const lock = lockfile(text);
    assert.deepEqual([...lock.members!], ['']);
    const pinned = lock.resolve('', dep('@acme/ui', '^2.3.0'))!;
    assert.equal(pinned.version, '2.5.1');
    assert.deepEqual(pinned.locate(), range(6, 14, 6, 19));
  });

  it('reads a single-project 6.0 lockfile, CRLF and all', () => {
    const text = "lockfileVersion: '6.0'\r\n\r\ndevDependencies:\r\n  '@acme/ui':\r\n    specifier: ^2.3.0\r\n    version: 2.5.1\r\n";
    const pinned = lockfile(text).resolve('', dep('@acme/ui', '^2.3.0', 'devDependencies'))!;
    assert.equal(pinned.version, '2.5.1');
    assert.deepEqual(pinned.locate(), range(5, 13, 5, 18));
  });

  it('reads the main document after an environment document', () => {
    const text = "---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n\n---\n" + V9_0;
    assert.equal(lockfile(text).resolve('', dep('@acme/ui', '^2.3.0'))?.version, '2.5.1');
  });

  it('reads a 6 MB lockfile in linear time, skipping packages and snapshots', () => {
    const importers: string[] = [];
    for (let i = 0; i < 2000; i++) {
      importers.push(`  packages/p${i}:\n    dependencies:\n` + [0, 1, 2, 3, 4].map((j) => `      '@acme/lib${j}':\n        specifier: ^1.${j}.0\n        version: 1.${j}.${i % 9}(react@18.2.0)\n`).join(''));
    }
    const entries: string[] = [];
    for (let i = 0; i < 25_000; i++) entries.push(`  '@scope/pkg${i}@1.2.${i}':\n    resolution: {integrity: sha512-${'x'.repeat(80)}}\n    engines: {node: '>=14'}\n`);
    const text = `lockfileVersion: '9.0'\n\nimporters:\n\n${importers.join('\n')}\npackages:\n\n${entries.join('\n')}\nsnapshots:\n\n${entries.join('\n')}`;
    assert.ok(text.length > 6_000_000);
    const t0 = performance.now();
    const lock = lockfile(text);
    const ms = performance.now() - t0;
    assert.equal(lock.members!.size, 2000);
    const pinned = lock.resolve('packages/p1999', dep('@acme/lib4', '^1.4.0'))!;
    assert.equal(pinned.version, '1.4.1');
    assert.equal(slice(text, pinned.locate()), '1.4.1(react@18.2.0)');
    assert.ok(ms < 1500, `parsing took ${ms} ms`);
  });

  const versions: Array<[string, number, string | undefined]> = [
    ['2.3.4', 9, '2.3.4'],
    ['2.3.4(react@18.2.0)(react-dom@18.2.0)', 9, '2.3.4'],
    ['@acme/ui@3.1.0', 9, '3.1.0'],
    ['@acme/ui@3.1.0(react@18.2.0)', 9, '3.1.0'],
    ['/@acme/ui@3.1.0', 6, '3.1.0'],
    ['/lodash@4.17.21', 6, '4.17.21'],
    ['2.3.4_react@18.2.0', 5, '2.3.4'],
    ['/@acme/ui/3.1.0', 5, '3.1.0'],
    ['/@acme/ui/3.1.0_react@18.2.0+react-dom@18.2.0', 5, '3.1.0'],
    ['1.0.0-beta.1', 9, '1.0.0-beta.1'],
    ['link:../b', 9, undefined],
    ['link:../b', 5, undefined],
    ['file:../c', 9, undefined],
    ['github.com/acme/ui/0123abcd', 6, undefined],
    ['https://codeload.github.com/acme/ui/tar.gz/0123', 9, undefined],
    ['', 9, undefined],
  ];
  for (const [reference, major, expected] of versions) {
    it(`reads the version of ${reference || 'an empty reference'} (v${major})`, () => {
      assert.equal(pinnedVersion(reference, major), expected);
    });
  }

  const refused: Array<[string, string, RegExp, ReturnType<typeof range>]> = [
    ['an old lockfile', 'lockfileVersion: 4\nimporters: {}\n', /^pnpm lockfileVersion 4 is not supported/, range(0, 17, 0, 18)],
    ['a file without a version', 'importers:\n  .: {}\n', /has no lockfileVersion/, range(0, 0, 0, 0)],
    ['garbage', 'hello world', /Expected `key: value`/, range(0, 0, 0, 11)],
    ['JSON', '{"lockfileVersion": "9.0"}', /has no lockfileVersion|Expected/, range(0, 0, 0, 0)],
    ['an unterminated quote', "lockfileVersion: '9.0\n", /Unterminated/, range(0, 0, 0, 21)],
  ];
  for (const [what, text, message, where] of refused) {
    it(`refuses ${what} with a problem`, () => {
      const result = parsePnpmLock(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0]!.message, message);
      if (what !== 'JSON') assert.deepEqual(result.problems[0]!.range, where);
    });
  }

  describe('overrides', () => {
    // The shape pnpm 9 writes: the importer records the override's spec in place of the manifest's.
    const lock = parsePnpmLock(`lockfileVersion: '9.0'

overrides:
  ms: 2.1.1
  semver@^6.0.0: 6.3.0
  a>is-number: 7.0.0
  '@acme/ui@<3': 2.9.0

importers:

  .:
    dependencies:
      ms:
        specifier: 2.1.1
        version: 2.1.1
      semver:
        specifier: 6.3.0
        version: 6.3.0
      is-number:
        specifier: 7.0.0
        version: 7.0.0
      '@acme/ui':
        specifier: 2.9.0
        version: 2.9.0
`);
    const cases: Array<[string, ReturnType<typeof dep>, string | undefined]> = [
      ['an override of the package', dep('ms', '^2.0.0'), '2.1.1'],
      ['an override of the range the manifest wrote', dep('semver', '^6.0.0'), '6.3.0'],
      ['an override of a range that holds the one the manifest wrote', dep('@acme/ui', '^2.3.0'), '2.9.0'],
      ['no override of another range (the spec was edited since)', dep('semver', '^7.0.0'), undefined],
      ['no override by a parent selector, which reaches transitive dependencies only', dep('is-number', '^6.0.0'), undefined],
    ];
    for (const [what, use, expected] of cases) {
      it(`pins through ${what}`, () => {
        assert.ok(lock.ok);
        assert.equal(lock.value.resolve('', use)?.version, expected);
      });
    }
  });
});
