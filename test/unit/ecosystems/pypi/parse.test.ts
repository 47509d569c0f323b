import * as assert from 'node:assert/strict';
import { pypiModule } from '../../../../src/core/ecosystems/pypi';
import { assertFilesAgree, seen, totalityTests } from '../helpers';
import { pypiSamples } from './samples';

/** section, name, version text, the text under the finding's range, and under the name's range. */
type Row = [string, string, string | null, string, string];

function read(text: string, file: string): Row[] {
  return seen(pypiModule, text, file).map((u) => [u.section, u.name, u.constraint, u.range, u.nameText]);
}

describe('ecosystems/pypi: files', () => {
  const table: Array<[string, boolean]> = [
    ['requirements.txt', true],
    ['requirements-dev.txt', true],
    ['services/api/requirements_test.txt', true],
    ['requirements.in', true],
    ['requirements-docs.in', true],
    ['requirements/base.txt', true],
    ['requirements/dev.in', true],
    ['services/api/requirements/prod.txt', true],
    ['constraints.txt', true],
    ['ci/constraints-py311.txt', true],
    ['pyproject.toml', true],
    ['packages/core/pyproject.toml', true],
    ['poetry.lock', false],
    ['uv.lock', false],
    ['requirements/README.md', false],
    ['requirements/base/extra.txt', false],
    ['docs/requirements.md', false],
    ['notes.txt', false],
    ['constraints.in', false],
    ['setup.py', false],
    ['Pipfile', false],
    ['pyproject.toml.orig', false],
  ];
  for (const [path, wanted] of table) it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(pypiModule.wants(path), wanted));
  it('says the same with its globs as with wants', () => assertFilesAgree(pypiModule, table.map(([p]) => p)));
});

describe('ecosystems/pypi: names', () => {
  const table: Array<[string, string]> = [
    ['requests', 'requests'],
    ['Django', 'django'],
    ['acme_auth', 'acme-auth'],
    ['Acme.Auth', 'acme-auth'],
    ['acme--_.auth', 'acme-auth'],
    ['zope.interface', 'zope-interface'],
  ];
  for (const [name, normalised] of table) it(`compares ${name} as ${normalised} (PEP 503)`, () => assert.equal(pypiModule.normaliseName(name), normalised));
});

describe('ecosystems/pypi: requirement lines', () => {
  const R = 'requirements';
  const table: Array<[string, string, Row[]]> = [
    ['a pinned version', 'requests==2.31.0\n', [[R, 'requests', '==2.31.0', '==2.31.0', 'requests']]],
    ['a specifier set with blanks, trimmed', 'celery >= 5.3, < 6 \n', [[R, 'celery', '>= 5.3, < 6', '>= 5.3, < 6', 'celery']]],
    ['extras dropped from the name', 'celery[redis,msgpack]>=5.3\n', [[R, 'celery', '>=5.3', '>=5.3', 'celery']]],
    ['a marker is not part of the version', 'pywin32>=306 ; sys_platform == "win32"\n', [[R, 'pywin32', '>=306', '>=306', 'pywin32']]],
    ['a marker right after the version', 'tomli>=2.0;python_version<"3.11"\n', [[R, 'tomli', '>=2.0', '>=2.0', 'tomli']]],
    ['a comment after the requirement', 'flask==3.0.0  # web\n', [[R, 'flask', '==3.0.0', '==3.0.0', 'flask']]],
    ['a `#` inside a name is no comment', 'a#b\n', []],
    ['no version: the range on the name', 'requests\n', [[R, 'requests', null, 'requests', 'requests']]],
    ['a name as written, capitals and underscores kept', 'Acme_Auth==1.0\n', [[R, 'Acme_Auth', '==1.0', '==1.0', 'Acme_Auth']]],
    ['a parenthesised specifier', 'numpy (>=1.24, <2)\n', [[R, 'numpy', '>=1.24, <2', '>=1.24, <2', 'numpy']]],
    ['a URL is the version text (unknown)', 'pkg @ https://x.dev/pkg-1.0.tar.gz ; python_version >= "3.8"\n', [[R, 'pkg', 'https://x.dev/pkg-1.0.tar.gz', 'https://x.dev/pkg-1.0.tar.gz', 'pkg']]],
    ['hashes after the version are not part of it', 'django==4.2.7 --hash=sha256:aa --hash=sha256:bb\n', [[R, 'django', '==4.2.7', '==4.2.7', 'django']]],
    ['a line continued with a backslash is one requirement', 'django==4.2.7 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\nflask\n', [[R, 'django', '==4.2.7', '==4.2.7', 'django'], [R, 'flask', null, 'flask', 'flask']]],
    ['a version on the continued line', 'urllib3 \\\n  >=1.26\n', [[R, 'urllib3', '>=1.26', '>=1.26', 'urllib3']]],
    ['a version split by a continuation: the version joined, its range over the `\\`', 'celery>=5.3, \\\n  <6\n', [[R, 'celery', '>=5.3,   <6', '>=5.3, \\\n  <6', 'celery']]],
    ['-r, -c, -e and options are not uses', '-r base.txt\n--requirement dev.txt\n-c constraints.txt\n-e ./libs/utils\n-e git+https://x.dev/r.git#egg=r\n--index-url https://pypi.acme.dev/simple\n--extra-index-url https://x\n--find-links ./wheels\n--pre\n', []],
    ['comments and blank lines are not uses', '# requests==1.0\n\n   # via flask\n', []],
    ['paths, URLs and wheel files are not uses', './vendor/pkg\n../other\nhttps://x.dev/pkg.tar.gz\npkg-1.0-py3-none-any.whl\n/abs/path\n', []],
    ['an arbitrary equality', 'legacy===1.0-custom\n', [[R, 'legacy', '===1.0-custom', '===1.0-custom', 'legacy']]],
    ['CRLF line ends', 'a==1\r\nb>=2\r\n', [[R, 'a', '==1', '==1', 'a'], [R, 'b', '>=2', '>=2', 'b']]],
    ['a pip-compile output with `# via`', 'idna==3.6\n    # via requests\npackaging==23.2\n    # via\n    #   -r requirements.in\n', [[R, 'idna', '==3.6', '==3.6', 'idna'], [R, 'packaging', '==23.2', '==23.2', 'packaging']]],
  ];
  for (const [what, text, expected] of table) it(`reads ${what}`, () => assert.deepEqual(read(text, 'requirements.txt'), expected));

  it('reads constraints files, `.in` files and files of a requirements/ folder alike', () => {
    for (const file of ['constraints.txt', 'requirements/dev.in', 'requirements-test.in']) {
      assert.deepEqual(read('acme-http-client<2.6\n', file), [[R, 'acme-http-client', '<2.6', '<2.6', 'acme-http-client']], file);
    }
  });
});

describe('ecosystems/pypi: pyproject.toml', () => {
  const file = 'pyproject.toml';
  const table: Array<[string, string, Row[]]> = [
    ['PEP 621 dependencies', '[project]\ndependencies = [\n  "requests>=2.31,<3",\n  \'attrs\',\n]\n', [['dependencies', 'requests', '>=2.31,<3', '>=2.31,<3', 'requests'], ['dependencies', 'attrs', null, 'attrs', 'attrs']]],
    ['extras and markers inside the string', '[project]\ndependencies = ["pydantic[email] >= 2.5 ; python_version >= \'3.10\'"]\n', [['dependencies', 'pydantic', '>= 2.5', '>= 2.5', 'pydantic']]],
    ['optional-dependencies by extra', '[project.optional-dependencies]\npostgres = ["psycopg[binary]==3.1.18"]\nall = ["acme-metrics==0.9.*"]\n', [['optional-dependencies.postgres', 'psycopg', '==3.1.18', '==3.1.18', 'psycopg'], ['optional-dependencies.all', 'acme-metrics', '==0.9.*', '==0.9.*', 'acme-metrics']]],
    ['optional-dependencies as an inline table', '[project]\noptional-dependencies = { dev = ["ruff==0.3.0"] }\n', [['optional-dependencies.dev', 'ruff', '==0.3.0', '==0.3.0', 'ruff']]],
    ['PEP 735 dependency groups, include-group skipped', '[dependency-groups]\ntest = ["pytest>=7.4"]\ndev = [{ include-group = "test" }, "ruff"]\n', [['dependency-groups.test', 'pytest', '>=7.4', '>=7.4', 'pytest'], ['dependency-groups.dev', 'ruff', null, 'ruff', 'ruff']]],
    ['dotted keys at the top', 'project.dependencies = ["rich~=13.7"]\n', [['dependencies', 'rich', '~=13.7', '~=13.7', 'rich']]],
    ['other tables are not uses', '[build-system]\nrequires = ["hatchling>=1.18"]\n[tool.ruff]\nselect = ["E"]\n[project.urls]\nHome = "https://x"\n', []],
    ['a string that names no package', '[project]\ndependencies = ["./local", ""]\n', []],
    ['a string with escapes: its name and version at the text that writes them', '[project]\ndependencies = ["\\u0072ich~=13.7", "a\\tb", "psycopg[binary]==3\\".1"]\n', [['dependencies', 'rich', '~=13.7', '~=13.7', '\\u0072ich'], ['dependencies', 'psycopg', '==3".1', '==3\\".1', 'psycopg']]],
  ];
  for (const [what, text, expected] of table) it(`reads ${what}`, () => assert.deepEqual(read(text, file), expected));

  it('reads a string written with an escape, its ranges on the text that writes the name and the version', () => {
    const text = '[project]\ndependencies = ["req\\u0075ests>=2"]\n';
    const [use] = pypiModule.locate(text, file, pypiModule.parse(text, file).uses);
    assert.equal(use?.name, 'requests');
    assert.equal(use?.constraint, '>=2');
    assert.deepEqual([use?.nameRange.start.character, use?.nameRange.end.character, use?.range.start.character, use?.range.end.character], [17, 30, 30, 33]);
    // The name is not written as it reads: a rename leaves it and says so.
    assert.deepEqual(pypiModule.rename(text, file, 'requests', 'httpx').splices, []);
  });

  it('says where a file is not TOML, and reads nothing from it', () => {
    const parsed = pypiModule.parse('[project]\ndependencies = ["requests>=2"\n[tool.x]\n', file);
    assert.deepEqual(parsed.uses, []);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0]!.message, /^TOML syntax error in pyproject\.toml: .*; fix it so its dependencies can be read$/);
    assert.equal(parsed.problems[0]!.range.start.line, 2);
  });

  it('refuses a file nested past the limit with the place, before parsing it', () => {
    const text = `[project]\ndependencies = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const parsed = pypiModule.parse(text, file);
    assert.deepEqual(parsed.uses, []);
    assert.match(parsed.problems[0]!.message, /nest/);
    assert.equal(parsed.problems[0]!.range.start.line, 1);
  });

  it('reads the uv workspace members and exclusions', () => {
    const parsed = pypiModule.parse('[tool.uv.workspace]\nmembers = ["packages/*", "apps/api"]\nexclude = ["packages/legacy"]\n', file);
    assert.deepEqual(parsed.workspace, ['packages/*', 'apps/api', '!packages/legacy']);
  });
});

describe('ecosystems/pypi: Poetry', () => {
  const file = 'pyproject.toml';
  const D = 'tool.poetry.dependencies';
  const table: Array<[string, string, Row[]]> = [
    ['a string constraint, python skipped', `[${D}]\npython = "^3.10"\nhttpx = "^0.25"\n`, [[D, 'httpx', '^0.25', '^0.25', 'httpx']]],
    ['a table with version and extras', `[${D}]\nrich = { version = "~13.7", extras = ["jupyter"] }\n`, [[D, 'rich', '~13.7', '~13.7', 'rich']]],
    ['a quoted key', `[${D}]\n"acme.config" = "1.2.0"\n`, [[D, 'acme.config', '1.2.0', '1.2.0', 'acme.config']]],
    ['a git dependency: the range on its name', `[${D}]\nacme-internal = { git = "https://git.acme.dev/i.git", tag = "v2.0.0" }\n`, [[D, 'acme-internal', null, 'acme-internal', 'acme-internal']]],
    ['a list of constraints by marker, one use each', `[${D}]\nfoo = [\n  { version = "<=1.9", python = ">=3.6,<3.8" },\n  { version = "^2.0", python = ">=3.8" },\n]\n`, [[D, 'foo', '<=1.9', '<=1.9', 'foo'], [D, 'foo', '^2.0', '^2.0', 'foo']]],
    ['a dependency as its own table', `[${D}.acme-tracing]\nversion = "^0.7.2"\noptional = true\n`, [[D, 'acme-tracing', '^0.7.2', '^0.7.2', 'acme-tracing']]],
    ['a dependency as its own table without version', `[${D}.acme-tools]\npath = "../tools"\ndevelop = true\n`, [[D, 'acme-tools', null, 'acme-tools', 'acme-tools']]],
    ['dotted keys', `[${D}]\nclick.version = "^8.1"\n`, [[D, 'click', '^8.1', '^8.1', 'click']]],
    ['dev-dependencies', '[tool.poetry.dev-dependencies]\nmypy = "^1.8"\n', [['tool.poetry.dev-dependencies', 'mypy', '^1.8', '^1.8', 'mypy']]],
    ['group dependencies', '[tool.poetry.group.docs.dependencies]\nmkdocs = "*"\n', [['tool.poetry.group.docs.dependencies', 'mkdocs', '*', '*', 'mkdocs']]],
    ['a group\'s other keys are not uses', '[tool.poetry.group.docs]\noptional = true\n', []],
    ['the project\'s own name and version are not uses', '[tool.poetry]\nname = "acme"\nversion = "1.0.0"\n', []],
  ];
  for (const [what, text, expected] of table) it(`reads ${what}`, () => assert.deepEqual(read(text, file), expected));

  it('reports uses in the order they are written, across tables', () => {
    const text = `[tool.poetry.group.dev.dependencies]\npytest = "^7"\n[${D}]\nhttpx = "^0.25"\n[project]\ndependencies = ["attrs"]\n`;
    assert.deepEqual(read(text, file).map((r) => r[1]), ['pytest', 'httpx', 'attrs']);
  });
});

describe('ecosystems/pypi: parsers are total', () => {
  totalityTests(pypiModule, pypiSamples.map((s) => ({ path: s.file, text: s.text })), 20261130);
});
