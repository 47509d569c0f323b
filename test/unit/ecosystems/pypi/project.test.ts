import * as assert from 'node:assert/strict';
import { normalisePypiName, parsePypiLockfile } from '../../../../src/core/ecosystems/pypi';
import { at } from '../helpers';
import { scanFiles } from '../scanFiles';

const CATALOG = `schema: platform-guide/v1
teams:
  - { id: py, name: Python Platform, contact: py@acme.dev }
components:
  - id: http
    name: Acme HTTP client
    owner: py
    packages: [{ pypi: acme-http-client }]
    deprecations:
      - { versions: "<3.0.0", message: Version 2 retries without backoff. }
`;

/** Writes the files, scans the folder, and returns each finding as `file constraint resolved` plus the errors. */
function scan(files: Record<string, string>): { findings: string[]; errors: string[]; lockRanges: string[] } {
  const r = scanFiles(files, CATALOG);
  return { ...r, findings: r.findings.map((f) => `${f.file} ${f.constraint} ${f.resolved}`) };
}

const poetryProject = '[tool.poetry.dependencies]\npython = "^3.10"\nacme-http-client = ">=2.0"\n';
const pep621 = (spec: string) => `[project]\nname = "x"\ndependencies = ["acme-http-client${spec}"]\n`;
const poetryLock = (version: string) => `[[package]]\nname = "acme-http-client"\nversion = "${version}"\ndescription = ""\noptional = false\npython-versions = ">=3.8"\nfiles = []\n\n[metadata]\nlock-version = "2.0"\n`;
const uvLock = (version: string, name = 'acme-http-client') => `version = 1\n\n[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "https://pypi.org/simple" }\n`;

describe('ecosystems/pypi: lockfiles pin a pyproject.toml’s dependencies', () => {
  const table: Array<[string, Record<string, string>, string[]]> = [
    ['poetry.lock beside it', { 'pyproject.toml': poetryProject, 'poetry.lock': poetryLock('2.6.1') }, ['pyproject.toml >=2.0 2.6.1']],
    ['uv.lock beside it', { 'pyproject.toml': pep621('>=2.0'), 'uv.lock': uvLock('2.6.1') }, ['pyproject.toml >=2.0 2.6.1']],
    ['a pin that is no semver version (two numbers, a post-release)', { 'pyproject.toml': pep621('>=2.0'), 'uv.lock': uvLock('2.9.post1') }, ['pyproject.toml >=2.0 2.9.post1']],
    ['a lockfile name spelled otherwise (PEP 503)', { 'pyproject.toml': pep621('>=2.0'), 'uv.lock': uvLock('2.6.1', 'Acme_HTTP.client') }, ['pyproject.toml >=2.0 2.6.1']],
    ['a pin outside the deprecation: no finding, though the range reaches into it', { 'pyproject.toml': pep621('>=2.0'), 'uv.lock': uvLock('3.1.0') }, []],
    ['no lockfile: the range alone, which admits 3.x', { 'pyproject.toml': pep621('>=2.0') }, []],
    ['no lockfile, a range inside the deprecation', { 'pyproject.toml': pep621('~=2.4') }, ['pyproject.toml ~=2.4 null']],
    ['a lockfile that does not list the package', { 'pyproject.toml': pep621('~=2.4'), 'uv.lock': uvLock('1.0.0', 'other') }, ['pyproject.toml ~=2.4 null']],
    ['a package locked at two versions (forked on markers) pins nothing', { 'pyproject.toml': pep621('~=2.4'), 'uv.lock': uvLock('2.5.0') + uvLock('2.6.0').replace('version = 1\n', '') }, ['pyproject.toml ~=2.4 null']],
    ['a requirements file is never pinned', { 'requirements.txt': 'acme-http-client~=2.4\n', 'poetry.lock': poetryLock('2.6.1') }, ['requirements.txt ~=2.4 null']],
    ['a lockfile in another folder does not apply', { 'app/pyproject.toml': pep621('~=2.4'), 'poetry.lock': poetryLock('2.6.1') }, ['app/pyproject.toml ~=2.4 null']],
    [
      'a uv workspace member: the root uv.lock',
      { 'pyproject.toml': '[tool.uv.workspace]\nmembers = ["packages/*"]\n', 'uv.lock': uvLock('2.6.1'), 'packages/core/pyproject.toml': pep621('>=2.0') },
      ['packages/core/pyproject.toml >=2.0 2.6.1'],
    ],
    [
      'a folder excluded from the uv workspace is not pinned by its uv.lock',
      { 'pyproject.toml': '[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/old"]\n', 'uv.lock': uvLock('2.6.1'), 'packages/old/pyproject.toml': pep621('~=2.4') },
      ['packages/old/pyproject.toml ~=2.4 null'],
    ],
    [
      'a poetry.lock at the root does not pin a folder below it',
      { 'pyproject.toml': '[tool.poetry]\nname = "x"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n', 'poetry.lock': poetryLock('2.6.1'), 'packages/core/pyproject.toml': pep621('~=2.4') },
      ['packages/core/pyproject.toml ~=2.4 null'],
    ],
    ['uv.lock before poetry.lock when a folder has both', { 'pyproject.toml': poetryProject, 'uv.lock': uvLock('2.7.0'), 'poetry.lock': poetryLock('2.6.1') }, ['pyproject.toml >=2.0 2.7.0']],
  ];
  for (const [what, files, expected] of table) it(what, () => assert.deepEqual(scan(files).findings, expected));

  it('says where the lockfile pins the version', () => {
    const files = { 'pyproject.toml': poetryProject, 'poetry.lock': poetryLock('2.6.1') };
    assert.deepEqual(scan(files).lockRanges, ['poetry.lock:3 2.6.1']);
  });

  it('reports a lockfile that is not TOML where it breaks, and compares the range instead', () => {
    const r = scan({ 'pyproject.toml': pep621('~=2.4'), 'uv.lock': 'version = 1\n\n[[package]]\nname = "acme-http-client"\nversion = 2.6.1\n' });
    assert.deepEqual(r.findings, ['pyproject.toml ~=2.4 null']);
    assert.deepEqual(r.errors, ['uv.lock:5']);
  });
});

describe('ecosystems/pypi: lockfile reading', () => {
  const pins = (text: string) => {
    const read = parsePypiLockfile(text, 'uv.lock', normalisePypiName);
    assert.deepEqual(read.problems, []);
    return [...(read.lockfile ?? new Map()).entries()].map(([name, p]) => `${name} ${p.version} @${p.locate().start.line + 1}:${p.locate().start.character} ${at(text, p.locate())}`);
  };
  const table: Array<[string, string, string[]]> = [
    ['as Poetry writes it', '[[package]]\nname = "Acme_Auth"\nversion = "1.9"\n\n[package.dependencies]\nname = "not-a-package"\n', ['acme-auth 1.9 @3:11 1.9']],
    ['as uv writes it, the project itself included', 'version = 1\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n[package.metadata]\nrequires-dist = [{ name = "x", specifier = ">=1" }]\n[[package]]\nname = "x"\nversion = "1.2.0"\n', ['app 0.1.0 @4:11 0.1.0', 'x 1.2.0 @10:11 1.2.0']],
    ['a package without a version (uv: dynamic) pins nothing', '[[package]]\nname = "app"\nsource = { editable = "." }\n', []],
    ['written by hand: single quotes, version first', "[[package]]\nversion = '2.0'\nname = 'x'\n", ['x 2.0 @2:11 2.0']],
    ['a multi-line description', '[[package]]\nname = "x"\nversion = "2.0"\ndescription = \"\"\"\nname = "y"\n\"\"\"\n', ['x 2.0 @3:11 2.0']],
    ['inline tables for packages', '[[package]]\nname = "x"\nversion = "2.0"\nsource = { registry = "https://pypi.org/simple", name = "y" }\n', ['x 2.0 @3:11 2.0']],
  ];
  for (const [what, text, expected] of table) it(`reads the pins of a lockfile ${what}`, () => assert.deepEqual(pins(text), expected));

  it('reads a poetry.lock of 3,000 packages (about 2 MB) in well under a second', () => {
    const parts: string[] = ['# This file is automatically @generated by Poetry 1.8.2 and should not be changed by hand.\n'];
    for (let i = 0; i < 3000; i++) {
      parts.push(`\n[[package]]\nname = "package-${i}"\nversion = "${i % 7}.${i % 13}.${i % 5}"\ndescription = "Package number ${i}"\noptional = false\npython-versions = ">=3.8"\nfiles = [\n    {file = "package_${i}-1.0-py3-none-any.whl", hash = "sha256:${'a'.repeat(64)}"},\n    {file = "package_${i}-1.0.tar.gz", hash = "sha256:${'b'.repeat(64)}"},\n]\n\n[package.dependencies]\npackage-${(i + 1) % 3000} = ">=1.0"\n\n[package.extras]\ntest = ["pytest (>=7.0)"]\n`);
    }
    parts.push('\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.10"\ncontent-hash = "abc"\n');
    const text = parts.join('');
    const started = process.hrtime.bigint();
    const read = parsePypiLockfile(text, 'poetry.lock', normalisePypiName);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(read.lockfile?.size, 3000);
    assert.equal(read.lockfile?.get('package-2999')?.version, '3.9.4');
    assert.ok(ms < 1000, `${(text.length / 1e6).toFixed(1)} MB read in ${ms.toFixed(0)} ms`);
  });
});
