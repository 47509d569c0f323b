import * as assert from 'node:assert/strict';
import { npmModule } from '../../../../src/core/ecosystems/npm/module';
import { runtimeModule } from '../../../../src/core/ecosystems/runtime';
import { assertFilesAgree, seen, totalityTests } from '../helpers';
import { runtimeSamples } from './samples';

/** What is read from one file: [runtime, version text, section, text under the range, text under the name]. */
function uses(file: string, text: string): Array<[string, string | null, string, string, string]> {
  return seen(runtimeModule, text, file).map((u) => [u.name, u.constraint, u.section, u.range, u.nameText]);
}

describe('ecosystems/runtime: files', () => {
  const table: Array<[string, boolean]> = [
    ['.nvmrc', true],
    ['web/.nvmrc', true],
    ['.node-version', true],
    ['.python-version', true],
    ['infra/live/.terraform-version', true],
    ['.go-version', true],
    ['.java-version', true],
    ['.tool-versions', true],
    ['package.json', true],
    ['apps/web/package.json', true],
    ['go.mod', true],
    ['services/api/go.mod', true],
    ['nvmrc', false],
    ['.nvmrc.bak', false],
    ['.tool-versions.local', false],
    ['runtime.txt', false],
    ['.ruby-version', false],
    ['package-lock.json', false],
  ];
  for (const [path, wanted] of table) {
    it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(runtimeModule.wants(path), wanted));
  }
  it('says the same with its globs as with wants', () => assertFilesAgree(runtimeModule, table.map(([p]) => p)));
});

describe('ecosystems/runtime: version files', () => {
  const table: Array<[string, string, string, Array<[string, string | null, string, string, string]>]> = [
    ['.nvmrc with a version', '.nvmrc', 'v20.11.1\n', [['node', 'v20.11.1', '.nvmrc', 'v20.11.1', 'v20.11.1']]],
    ['.nvmrc with a major', '.nvmrc', '20', [['node', '20', '.nvmrc', '20', '20']]],
    ['.nvmrc with a codename', '.nvmrc', 'lts/iron\n', [['node', 'lts/iron', '.nvmrc', 'lts/iron', 'lts/iron']]],
    ['.nvmrc with comments and blank lines first', '.nvmrc', '# supported line\n\n  20.11  # trailing note\n', [['node', '20.11', '.nvmrc', '20.11', '20.11']]],
    ['.nvmrc with CRLF and a BOM', '.nvmrc', '\ufeff18.19.0\r\n', [['node', '18.19.0', '.nvmrc', '18.19.0', '18.19.0']]],
    ['.nvmrc: only the first word counts', '.nvmrc', '20\n22\n', [['node', '20', '.nvmrc', '20', '20']]],
    ['an empty .nvmrc', '.nvmrc', '\n  \n# nothing\n', []],
    ['.node-version', '.node-version', '18\n', [['node', '18', '.node-version', '18', '18']]],
    ['.python-version: every line', '.python-version', '3.12.2\n3.11\n', [['python', '3.12.2', '.python-version', '3.12.2', '3.12.2'], ['python', '3.11', '.python-version', '3.11', '3.11']]],
    ['.python-version: several on a line', '.python-version', '3.12.2 3.11.8\n', [['python', '3.12.2', '.python-version', '3.12.2', '3.12.2'], ['python', '3.11.8', '.python-version', '3.11.8', '3.11.8']]],
    ['.terraform-version', '.terraform-version', '1.7.5\n', [['terraform', '1.7.5', '.terraform-version', '1.7.5', '1.7.5']]],
    ['.go-version', '.go-version', '1.22.1\n', [['go', '1.22.1', '.go-version', '1.22.1', '1.22.1']]],
    ['.java-version from jenv', '.java-version', 'openjdk64-17.0.2\n', [['java', 'openjdk64-17.0.2', '.java-version', 'openjdk64-17.0.2', 'openjdk64-17.0.2']]],
    ['a lone CR ends a line', '.python-version', '3.12\r3.11', [['python', '3.12', '.python-version', '3.12', '3.12'], ['python', '3.11', '.python-version', '3.11', '3.11']]],
    ['a no-break space is part of a word', '.nvmrc', '\u00a020\n', [['node', '\u00a020', '.nvmrc', '\u00a020', '\u00a020']]],
  ];
  for (const [what, file, text, expected] of table) {
    it(what, () => assert.deepEqual(uses(file, text), expected));
  }
});

describe('ecosystems/runtime: .tool-versions', () => {
  const table: Array<[string, string, Array<[string, string | null, string, string, string]>]> = [
    ['each runtime by its asdf name', 'nodejs 20.11.1\ngolang 1.22.1\npython 3.12.2\njava temurin-21.0.2+13.0.LTS\nterraform 1.7.5\n', [
      ['node', '20.11.1', '.tool-versions', '20.11.1', 'nodejs'],
      ['go', '1.22.1', '.tool-versions', '1.22.1', 'golang'],
      ['python', '3.12.2', '.tool-versions', '3.12.2', 'python'],
      ['java', 'temurin-21.0.2+13.0.LTS', '.tool-versions', 'temurin-21.0.2+13.0.LTS', 'java'],
      ['terraform', '1.7.5', '.tool-versions', '1.7.5', 'terraform'],
    ]],
    ['mise’s names', 'node 22\ngo 1.23\n', [['node', '22', '.tool-versions', '22', 'node'], ['go', '1.23', '.tool-versions', '1.23', 'go']]],
    ['the first version is the use; the others are fallbacks', 'nodejs 20.11.1 18.19.0 system\n', [['node', '20.11.1', '.tool-versions', '20.11.1', 'nodejs']]],
    ['tools that are no runtime are skipped', 'kubectl 1.29.2\nhelm 3.14.0\npre-commit 3.6.0\n', []],
    ['comments, blank lines and a tool without a version', '# pinned for CI\n\nnodejs   20   # LTS\npython\n', [['node', '20', '.tool-versions', '20', 'nodejs']]],
    ['a version that names no release is still a use', 'python system\nnodejs ref:v20.11.1\n', [['python', 'system', '.tool-versions', 'system', 'python'], ['node', 'ref:v20.11.1', '.tool-versions', 'ref:v20.11.1', 'nodejs']]],
    ['a tool named like an object property is no runtime', 'constructor 1.0\n__proto__ 2.0\n', []],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => assert.deepEqual(uses('.tool-versions', text), expected));
  }
});

describe('ecosystems/runtime: package.json and go.mod', () => {
  const table: Array<[string, string, string, Array<[string, string | null, string, string, string]>]> = [
    ['engines.node and volta.node', 'package.json', '{"engines": {"node": ">=18 <23", "npm": ">=9"}, "volta": {"node": "20.11.1"}}', [
      ['node', '>=18 <23', 'engines.node', '>=18 <23', 'node'],
      ['node', '20.11.1', 'volta.node', '20.11.1', 'node'],
    ]],
    ['a package.json without either', 'package.json', '{"name": "x", "dependencies": {"node": "^20"}}', []],
    ['a byte-order mark', 'package.json', '\ufeff{"engines": {"node": "20"}}', [['node', '20', 'engines.node', '20', 'node']]],
    ['a value with escapes is not read', 'package.json', '{"engines": {"node": "\\u003e=18"}}', []],
    ['a value that is no string', 'package.json', '{"engines": {"node": 20}, "volta": ["node"]}', []],
    ['JSON with an error is left to npm', 'package.json', '{"engines": {"node": "20"', []],
    ['go.mod’s go and toolchain', 'go.mod', 'module m\n\ngo 1.21.6\n\ntoolchain go1.22.1\n\nrequire a.b/c v1.0.0\n', [
      ['go', '1.21.6', 'go', '1.21.6', 'go'],
      ['go', 'go1.22.1', 'toolchain', 'go1.22.1', 'toolchain'],
    ]],
    ['go.mod without them', 'go.mod', 'module m\nrequire a.b/c v1.0.0\n', []],
    ['toolchain default names no release, but is a use', 'go.mod', 'go 1.22\ntoolchain default\n', [['go', '1.22', 'go', '1.22', 'go'], ['go', 'default', 'toolchain', 'default', 'toolchain']]],
  ];
  for (const [what, file, text, expected] of table) {
    it(what, () => assert.deepEqual(uses(file, text), expected));
    // In a scan npm reads each package.json first: the root keys its one-pass reader noted then
    // must lead to the same uses as the text search. (A space more: the module keeps its last scan.)
    if (file === 'package.json') it(`${what}, after npm read the same text`, () => {
      npmModule.parse(`${text} `, file);
      assert.deepEqual(uses(file, `${text} `), expected);
    });
  }

  it('reads engines.node spelled with an escape in its key after npm read the text, and no other text by that reading', () => {
    const text = '{"engin\\u0065s": {"node": "20"}}';
    npmModule.parse(text, 'package.json');
    assert.deepEqual(uses('package.json', text), [['node', '20', 'engines.node', '20', 'node']]);
    // Another text than the one npm read last is searched for itself.
    npmModule.parse('{"name": "other"}', 'package.json');
    assert.deepEqual(uses('package.json', '{"volta": {"node": "18"}}'), [['node', '18', 'volta.node', '18', 'node']]);
  });

  it('reports no syntax error of package.json or go.mod: npm and go do', () => {
    assert.deepEqual(runtimeModule.parse('{"engines": ', 'package.json').problems, []);
    assert.deepEqual(runtimeModule.parse('require (\n', 'go.mod').problems, []);
  });
});

describe('ecosystems/runtime: rename', () => {
  it('renames no runtime, and says so only where the runtime is pinned', () => {
    const r = runtimeModule.rename('{"engines": {"node": "20"}}', 'package.json', 'node', 'deno');
    assert.deepEqual(r.splices, []);
    assert.equal(r.notes.length, 1);
    assert.deepEqual(runtimeModule.rename('{"engines": {"node": "20"}}', 'package.json', '@acme/ui', '@acme/web-ui'), { splices: [], notes: [] });
  });
});

describe('ecosystems/runtime: never throws, ranges hold what they say', () => {
  totalityTests(runtimeModule, runtimeSamples.map((s) => ({ path: s.file, text: s.text })), 20261130);
});
