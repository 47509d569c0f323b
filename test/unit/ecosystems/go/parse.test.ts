import * as assert from 'node:assert/strict';
import { goModule } from '../../../../src/core/ecosystems/go';
import { applySplices, assertFilesAgree, at, seen, totalityTests } from '../helpers';
import { goSamples } from './samples';

const GO_MOD = 'go.mod';

/** What is read from one go.mod text: [name, version text, text under the range]. */
function uses(text: string): Array<[string, string | null, string]> {
  return seen(goModule, text, GO_MOD).map((u) => [u.name, u.constraint, u.range]);
}

describe('ecosystems/go: files', () => {
  const table: Array<[string, boolean]> = [
    ['go.mod', true],
    ['services/api/go.mod', true],
    ['a/b/c/go.mod', true],
    ['go.sum', false],
    ['go.work', false],
    ['go.mod.bak', false],
    ['old-go.mod', false],
    ['go.mod/readme.md', false],
  ];
  for (const [path, wanted] of table) {
    it(`${wanted ? 'reads' : 'skips'} ${path}`, () => assert.equal(goModule.wants(path), wanted));
  }
  it('says the same with its globs as with wants', () => assertFilesAgree(goModule, table.map(([p]) => p)));
});

describe('ecosystems/go: requirements', () => {
  const table: Array<[string, string, Array<[string, string | null, string]>]> = [
    ['a single-line require', 'module m\n\nrequire github.com/acme/sdk v1.2.3\n', [['github.com/acme/sdk', 'v1.2.3', 'v1.2.3']]],
    ['a block', 'require (\n\tgithub.com/a/x v1.0.0\n\tgithub.com/b/y/v2 v2.1.0\n)\n', [['github.com/a/x', 'v1.0.0', 'v1.0.0'], ['github.com/b/y/v2', 'v2.1.0', 'v2.1.0']]],
    ['an indirect requirement is a use', 'require (\n\tgithub.com/a/x v1.0.0 // indirect\n)\n', [['github.com/a/x', 'v1.0.0', 'v1.0.0']]],
    ['a pseudo-version', 'require golang.org/x/sync v0.0.0-20240416160154-fe59bbe5cc7f\n', [['golang.org/x/sync', 'v0.0.0-20240416160154-fe59bbe5cc7f', 'v0.0.0-20240416160154-fe59bbe5cc7f']]],
    ['+incompatible as written', 'require github.com/legacy/config v2.3.1+incompatible\n', [['github.com/legacy/config', 'v2.3.1+incompatible', 'v2.3.1+incompatible']]],
    ['a quoted path', 'require "github.com/acme/ledger" v0.9.0\n', [['github.com/acme/ledger', 'v0.9.0', 'v0.9.0']]],
    ['a raw-quoted path', 'require `github.com/acme/ledger` v0.9.0\n', [['github.com/acme/ledger', 'v0.9.0', 'v0.9.0']]],
    ['a quoted version', 'require github.com/acme/ledger "v0.9.0"\n', [['github.com/acme/ledger', 'v0.9.0', 'v0.9.0']]],
    ['a comment after the version', 'require github.com/a/x v1.0.0// keep\n', [['github.com/a/x', 'v1.0.0', 'v1.0.0']]],
    ['CRLF line ends', 'module m\r\n\r\nrequire (\r\n\tgithub.com/a/x v1.0.0\r\n)\r\n', [['github.com/a/x', 'v1.0.0', 'v1.0.0']]],
    ['a byte-order mark', '\ufeffrequire github.com/a/x v1.0.0\n', [['github.com/a/x', 'v1.0.0', 'v1.0.0']]],
    ['indented, with spaces', '  require   github.com/a/x    v1.0.0  \n', [['github.com/a/x', 'v1.0.0', 'v1.0.0']]],
    ['an empty block', 'require ()\nrequire (\n)\n', []],
    ['a commented-out requirement', '// require github.com/a/x v1.0.0\nrequire (\n\t// github.com/b/y v1.0.0\n)\n', []],
    ['a branch name the go command has not resolved yet', 'require github.com/a/x master\n', [['github.com/a/x', 'master', 'master']]],
    ['replace, exclude and retract are not uses', 'replace github.com/a/x => ../x\nreplace github.com/b/y v1.0.0 => github.com/c/y v1.1.0\nexclude github.com/a/x v1.0.1\nretract [v1.0.0, v1.0.5]\n', []],
    ['replace and exclude blocks are not uses', 'replace (\n\tgithub.com/a/x => ../x\n)\nexclude (\n\tgithub.com/a/x v1.0.1\n)\n', []],
    ['the go and toolchain directives are the runtime module’s', 'module m\ngo 1.22\ntoolchain go1.23.0\n', []],
    // The go command splits words at spaces, tabs and line ends only (this once looped forever).
    ['a no-break space is part of a word', 'require\u00a0github.com/a/x v1.0.0\nrequire github.com/b/y\u00a0v1.0.0 v1.1.0\n'.replace(/\nrequire github.com\/b.*\n/, '\n'), []],
    ['the same module twice is two uses', 'require github.com/a/x v1.0.0\nrequire github.com/a/x v1.1.0\n', [['github.com/a/x', 'v1.0.0', 'v1.0.0'], ['github.com/a/x', 'v1.1.0', 'v1.1.0']]],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => assert.deepEqual(uses(text), expected));
  }

  it('marks the range 0-based on the version text and the name on the path', () => {
    const [u] = goModule.locate('module m\n\nrequire (\n\tgithub.com/a/x v1.0.0\n)\n', GO_MOD, goModule.parse('module m\n\nrequire (\n\tgithub.com/a/x v1.0.0\n)\n', GO_MOD).uses);
    assert.deepEqual(u!.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 22 } });
    assert.deepEqual(u!.nameRange, { start: { line: 3, character: 1 }, end: { line: 3, character: 15 } });
  });
});

describe('ecosystems/go: what the go command refuses is reported where it stands', () => {
  const table: Array<[string, string, string, string]> = [
    ['a requirement without a version', 'require github.com/a/x\nrequire github.com/b/y v1.0.0\n', 'github.com/a/x', 'a requirement is a module path and its version'],
    ['a requirement with too much on its line', 'require (\n\tgithub.com/a/x v1.0.0 v1.1.0\n)\n', 'github.com/a/x v1.0.0 v1.1.0', 'a requirement is a module path and its version'],
    ['a block never closed', 'require (\n\tgithub.com/a/x v1.0.0\n', '(', 'is never closed'],
    ['a quote never closed', 'require "github.com/a/x v1.0.0\n', '"github.com/a/x v1.0.0', 'not closed on its line'],
    ['a stray parenthesis', ')\nrequire github.com/b/y v1.0.0\n', ')', 'outside a block'],
    ['a block opened inside a block', 'require (\n\tfoo (\n)\n', '(', 'cannot hold another block'],
  ];
  for (const [what, text, under, message] of table) {
    it(what, () => {
      const parsed = goModule.parse(text, GO_MOD);
      assert.equal(parsed.problems.length, 1, JSON.stringify(parsed.problems));
      assert.match(parsed.problems[0]!.message, new RegExp(message));
      assert.equal(at(text, parsed.problems[0]!.range), under);
    });
  }

  it('keeps reading the other lines', () => {
    const parsed = goModule.parse('require github.com/a/x\nrequire github.com/b/y v1.0.0\n', GO_MOD);
    assert.deepEqual(parsed.uses.map((u) => u.name), ['github.com/b/y']);
  });
});

describe('ecosystems/go: rename', () => {
  const text = 'module m\n\nrequire (\n\tgithub.com/acme/sdk v1.2.3 // indirect\n\tgithub.com/acme/sdk-extra v1.0.0\n\tgithub.com/Acme/sdk v1.0.0\n)\nrequire "github.com/acme/sdk" v1.2.4\n';

  it('renames the module path in every require, keeping versions, comments and quotes', () => {
    const r = goModule.rename(text, GO_MOD, 'github.com/acme/sdk', 'github.com/acme/platform-sdk');
    assert.deepEqual(r.notes, []);
    assert.equal(
      applySplices(text, r.splices),
      'module m\n\nrequire (\n\tgithub.com/acme/platform-sdk v1.2.3 // indirect\n\tgithub.com/acme/sdk-extra v1.0.0\n\tgithub.com/Acme/sdk v1.0.0\n)\nrequire "github.com/acme/platform-sdk" v1.2.4\n',
    );
  });

  it('leaves a replace or exclude of the old path as written, and says so', () => {
    const withReplace = 'require github.com/acme/sdk v1.2.3\n\nreplace github.com/acme/sdk => ../sdk\n';
    const r = goModule.rename(withReplace, GO_MOD, 'github.com/acme/sdk', 'github.com/acme/platform-sdk');
    assert.equal(applySplices(withReplace, r.splices), 'require github.com/acme/platform-sdk v1.2.3\n\nreplace github.com/acme/sdk => ../sdk\n');
    assert.deepEqual(r.notes, ['go.mod line 3: the `replace` of github.com/acme/sdk was left as written; check whether it applies to github.com/acme/platform-sdk']);
  });

  const majors: Array<[string, string, string, string | undefined]> = [
    ['a /v2 path to another /v2 path', 'require github.com/acme/t/v2 v2.3.0\n', 'github.com/acme/u/v2', undefined],
    ['a v2 onto a /v3 path', 'require github.com/acme/t/v2 v2.3.0\n', 'github.com/acme/t/v3', 'go.mod line 1: github.com/acme/t/v3 cannot take v2.3.0'],
    ['a v1 onto a /v2 path', 'require github.com/acme/t v1.9.0\n', 'github.com/acme/t/v2', 'go.mod line 1: github.com/acme/t/v2 cannot take v1.9.0'],
    ['a v2 off its /v2 path', 'require github.com/acme/t/v2 v2.1.0\n', 'github.com/acme/t', 'go.mod line 1: github.com/acme/t cannot take v2.1.0'],
    ['an incompatible version stays off /vN paths', 'require github.com/acme/t v2.1.0+incompatible\n', 'github.com/acme/u', undefined],
    ['a v1 path to another v1 path', 'require github.com/acme/t v1.9.0\n', 'github.com/acme/u', undefined],
    ['gopkg.in paths follow their own rule', 'require gopkg.in/acme/t.v1 v1.9.0\n', 'gopkg.in/acme/t.v2', undefined],
  ];
  for (const [what, source, to, note] of majors) {
    it(`a path's /vN suffix and its version: ${what}`, () => {
      const from = goModule.parse(source, GO_MOD).uses[0]!.name;
      const r = goModule.rename(source, GO_MOD, from, to);
      if (note === undefined) {
        assert.deepEqual(r.notes, []);
        assert.equal(applySplices(source, r.splices), source.replace(from, to));
      } else {
        assert.deepEqual(r.splices, []);
        assert.equal(r.notes.length, 1);
        assert.ok(r.notes[0]!.startsWith(note), r.notes[0]);
      }
    });
  }

  it('refuses a new name that is no module path', () => {
    for (const to of ['', 'github.com/a b', 'github.com/a"b', 'a//b']) {
      const r = goModule.rename(text, GO_MOD, 'github.com/acme/sdk', to);
      assert.deepEqual(r.splices, [], to);
      assert.match(r.notes[0]!, /is not a module path/);
    }
  });
});

describe('ecosystems/go: never throws, ranges hold what they say', () => {
  totalityTests(goModule, [...goSamples, { file: 'x/go.mod', text: 'require (\n\ta v1.0.0\n)\n' }, { file: 'go.mod', text: 'require a v0.0.0-20240101120000-abcdef123456\n' }].map((s) => ({ path: s.file, text: s.text })), 20261130);
});
