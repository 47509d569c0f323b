import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLockfile, pickLockfile } from '../../../../src/core/ecosystems/npm/lockfile';
import { readPackageJson } from '../../../../src/core/ecosystems/npm/packageJson';
import { readResolutions, resolutionFor } from '../../../../src/core/ecosystems/npm/resolutions';
import { applicableLockfile, isWorkspaceMember, parsePnpmWorkspace, readPnpmWorkspace, type FolderFacts } from '../../../../src/core/ecosystems/npm/workspaces';
import { dep } from './helpers';

/** An in-memory repository: folder → facts. */
function repo(folders: Record<string, FolderFacts>): (dir: string) => FolderFacts | undefined {
  return (dir) => (Object.hasOwn(folders, dir) ? folders[dir] : undefined);
}

describe('npm/workspaces', () => {
  describe('applicableLockfile', () => {
    const npmRepo = repo({
      '': { lockfile: 'package-lock.json', workspaceGlobs: ['packages/*', 'apps/**', '!packages/legacy', '!apps/**/fixtures'] },
      'packages/a': {},
      'packages/own': { lockfile: 'yarn.lock' },
      'tools/scripts': {},
      'tools/scripts/nested': {},
    });
    const cases: Array<[string, string, (dir: string) => FolderFacts | undefined, { dir: string; memberDir: string } | undefined]> = [
      ['the root beside its lockfile', '', npmRepo, { dir: '', memberDir: '' }],
      ['a member by a glob', 'packages/a', npmRepo, { dir: '', memberDir: 'packages/a' }],
      ['a member by a ** glob', 'apps/web/site', npmRepo, { dir: '', memberDir: 'apps/web/site' }],
      ['a member with a stray lockfile of its own: the root\'s applies', 'packages/own', npmRepo, { dir: '', memberDir: 'packages/own' }],
      ['a folder beside its own lockfile that no workspace lists', 'tools/own', repo({ '': { lockfile: 'package-lock.json', workspaceGlobs: ['packages/*'] }, 'tools/own': { lockfile: 'yarn.lock' } }), { dir: 'tools/own', memberDir: '' }],
      ['a folder excluded by a negated glob', 'packages/legacy', npmRepo, undefined],
      ['a folder excluded by a negated ** glob', 'apps/web/fixtures', npmRepo, undefined],
      ['a folder that no glob lists', 'tools/scripts', npmRepo, undefined],
      ['a folder deeper than a * glob reaches', 'packages/a/sub', npmRepo, undefined],
      ['a folder given with ./ and a trailing slash', './packages/a/', npmRepo, { dir: '', memberDir: 'packages/a' }],
      ['a folder with no lockfile anywhere', 'x', repo({}), undefined],
      ['the root without a lockfile', '', repo({ '': { workspaceGlobs: ['*'] } }), undefined],
      [
        'a folder whose nearest lockfile does not list it, under one that does',
        'a/b/c',
        repo({ '': { lockfile: 'pnpm-lock.yaml', workspaceGlobs: ['a/**'] }, a: { lockfile: 'yarn.lock', workspaceGlobs: ['x/*'] } }),
        { dir: '', memberDir: 'a/b/c' },
      ],
      [
        'a member listed only by the lockfile itself',
        'vendor/lib',
        repo({ '': { lockfile: 'package-lock.json', lockfileMembers: () => new Set(['', 'vendor/lib']) } }),
        { dir: '', memberDir: 'vendor/lib' },
      ],
      [
        'a nested workspace root',
        'sub/packages/x',
        repo({ sub: { lockfile: 'pnpm-lock.yaml', workspaceGlobs: ['packages/*'] } }),
        { dir: 'sub', memberDir: 'packages/x' },
      ],
    ];
    for (const [what, dir, facts, expected] of cases) {
      it(`finds the lockfile of ${what}`, () => {
        assert.deepEqual(applicableLockfile(dir, facts), expected);
      });
    }

    it('reads the lockfile members only when the globs do not decide', () => {
      let asked = 0;
      const facts = repo({ '': { lockfile: 'pnpm-lock.yaml', workspaceGlobs: ['packages/*'], lockfileMembers: () => (asked++, new Set<string>()) } });
      applicableLockfile('packages/a', facts);
      assert.equal(asked, 0);
      applicableLockfile('other', facts);
      assert.equal(asked, 1);
    });
  });

  describe('isWorkspaceMember', () => {
    const cases: Array<[string, string[], boolean]> = [
      ['packages/a', ['packages/*'], true],
      ['packages/a', ['./packages/*/'], true],
      ['packages/a', ['packages/a'], true],
      ['packages/a', ['packages/*', '!packages/a'], false],
      ['packages/a', ['!packages/a', 'packages/*'], false],
      ['packages/a', ['!packages/b'], false],
      ['packages', ['packages/*'], false],
      ['', ['**'], false],
      ['packages/.hidden', ['packages/*'], false],
    ];
    for (const [dir, globs, expected] of cases) {
      it(`${expected ? 'matches' : 'does not match'} ${dir || 'the root'} with ${globs.join(' ')}`, () => {
        assert.equal(isWorkspaceMember(dir, globs), expected);
      });
    }
  });

  describe('parsePnpmWorkspace', () => {
    const cases: Array<[string, string, string[]]> = [
      ['a list of globs', "packages:\n  - 'packages/*'\n  - apps/**\n  - '!**/test/**'\n", ['packages/*', 'apps/**', '!**/test/**']],
      ['CRLF text with other settings', 'packages:\r\n  - "packages/*"\r\ncatalog:\r\n  react: ^18\r\n', ['packages/*']],
      ['no packages key', 'catalog:\n  react: ^18\n', []],
      ['a packages key that is not a list', 'packages: packages/*\n', []],
      ['an empty file', '', []],
      ['broken YAML', 'packages: [\n', []],
      ['non-string items', 'packages:\n  - 1\n  - a/*\n', ['a/*']],
    ];
    for (const [what, text, expected] of cases) {
      it(`reads ${what}`, () => assert.deepEqual(parsePnpmWorkspace(text), expected));
    }
  });

  describe('readPnpmWorkspace: catalogs', () => {
    const catalogsOf = (text: string) => Object.fromEntries([...readPnpmWorkspace(text).catalogs].map(([name, c]) => [name, Object.fromEntries(c)]));
    it('reads the default catalog and the named ones', () => {
      const text = "catalog:\n  ms: ^2.1.0\n  '@acme/ui': 2.3.0\ncatalogs:\n  legacy:\n    semver: ^6.0.0\n  next:\n    semver: ^7.0.0\n";
      assert.deepEqual(catalogsOf(text), { default: { ms: '^2.1.0', '@acme/ui': '2.3.0' }, legacy: { semver: '^6.0.0' }, next: { semver: '^7.0.0' } });
    });
    it('leaves out entries that are not strings and catalogs that are not maps', () => {
      assert.deepEqual(catalogsOf('catalog:\n  ms: 2\n  a: [1]\ncatalogs:\n  x: 3\n  y:\n    b: ^1.0.0\n'), { default: {}, y: { b: '^1.0.0' } });
      assert.deepEqual(catalogsOf('catalog: [\n'), {});
    });
  });

  describe('resolutionFor (yarn resolutions)', () => {
    const resolutions = readResolutions({ ms: '2.1.1', '**/semver': '6.3.0', 'is-number@^6.0.0': '6.0.0', 'a/left-pad': '1.3.0', '@acme/ui@npm:^2': '2.9.0' });
    const cases: Array<[string, ReturnType<typeof dep>, string | undefined]> = [
      ['the package alone', dep('ms', '*'), '2.1.1'],
      ['**/ and the package', dep('semver', '^6.0.0'), '6.3.0'],
      ['the package at the spec written', dep('is-number', '^6.0.0'), '6.0.0'],
      ['the package at another spec', dep('is-number', '^7.0.0'), undefined],
      ['the package at the spec written with the npm: protocol', dep('@acme/ui', '^2'), '2.9.0'],
      ['a parent path, which reaches only transitive dependencies', dep('left-pad', '^1.0.0'), undefined],
      ['a spec without a registry version', dep('ms', null), undefined],
    ];
    for (const [what, use, expected] of cases) {
      it(`selects by ${what}`, () => assert.equal(resolutionFor(resolutions, use), expected));
    }
  });

  describe('pickLockfile', () => {
    it('prefers by LOCKFILE_NAMES order', () => {
      assert.equal(pickLockfile(['yarn.lock', 'package-lock.json']), 'package-lock.json');
      assert.equal(pickLockfile(['yarn.lock', 'pnpm-lock.yaml']), 'pnpm-lock.yaml');
      assert.equal(pickLockfile(['package.json']), undefined);
      assert.equal(pickLockfile(['package-lock.json', 'npm-shrinkwrap.json']), 'npm-shrinkwrap.json', 'npm reads the shrinkwrap first');
    });
  });

  describe('a workspace on disk (test/fixtures/npm)', () => {
    for (const name of ['npm-workspace', 'pnpm-workspace']) {
      it(`resolves every member of ${name} through the root lockfile`, () => {
        const root = path.join(__dirname, '../../../fixtures/npm', name);
        const facts = (dir: string): FolderFacts | undefined => {
          const abs = path.join(root, dir);
          if (!fs.existsSync(abs)) return undefined;
          const files = fs.readdirSync(abs);
          const lockfile = pickLockfile(files);
          const globs: string[] = [];
          if (files.includes('package.json')) {
            const read = readPackageJson(fs.readFileSync(path.join(abs, 'package.json'), 'utf8'));
            if (read.ok) globs.push(...read.value.workspaces);
          }
          if (files.includes('pnpm-workspace.yaml')) globs.push(...parsePnpmWorkspace(fs.readFileSync(path.join(abs, 'pnpm-workspace.yaml'), 'utf8')));
          return { ...(lockfile ? { lockfile } : {}), workspaceGlobs: globs };
        };
        const resolved: Record<string, string | undefined> = {};
        for (const dir of ['', 'packages/a', 'packages/b', 'tools']) {
          const scope = applicableLockfile(dir, facts);
          const manifest = readPackageJson(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
          assert.ok(manifest.ok);
          const ui = manifest.value.dependencies.find((d) => d.name === '@acme/ui')!;
          if (!scope) {
            resolved[dir] = undefined;
            continue;
          }
          const lockName = facts(scope.dir)!.lockfile!;
          const lock = parseLockfile(lockName, fs.readFileSync(path.join(root, scope.dir, lockName), 'utf8'));
          assert.ok(lock.ok);
          resolved[dir] = lock.value.resolve(scope.memberDir, ui)?.version;
        }
        assert.deepEqual(resolved, { '': '2.5.1', 'packages/a': '2.5.1', 'packages/b': '3.2.0', tools: undefined });
      });
    }
  });
});
