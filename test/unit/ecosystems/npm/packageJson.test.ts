import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEPENDENCY_SECTIONS,
  locatePackageJson,
  parsePackageJson,
  isPlainRange,
  readPackageJson,
  splitNpmSpec,
  type PackageJsonInfo,
} from '../../../../src/core/ecosystems/npm/packageJson';
import type { LocatedDependency } from '../../../../src/core/types';
import { dep, range, slice } from './helpers';

function read(text: string): PackageJsonInfo {
  const result = readPackageJson(text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

function located(text: string): LocatedDependency[] {
  const result = parsePackageJson(text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value.dependencies;
}

describe('npm/packageJson', () => {
  describe('splitNpmSpec', () => {
    const registry: string[] = ['^2.3.0', '~1.2', '2.x', '>=1 <2', '1.0.0 - 2.0.0', '^1 || ^2', 'latest', 'next', '*', '', '2.3.4', 'v2.3.4', '=2.3.4', '~'];
    for (const value of registry) {
      it(`keeps the registry spec ${JSON.stringify(value)}`, () => {
        assert.deepEqual(splitNpmSpec(value), { constraint: value, constraintOffset: 0 });
      });
    }

    it('reads a plain range (the shortcut readPackageJson takes) exactly as it reads any spec', () => {
      const plain = ['^2.3.0', '~1.2', '1', '2.3.4', '^1 || ^2', '1.0.0 - 2.0.0', '^1.2.3-beta.1', '0.0.0-2026'];
      const notPlain = ['', ' ^1', '^1 ', 'npm:x@1', 'catalog:', '1.tgz', '1/2', 'file:1', '^1.x', '>=1', 'x'];
      assert.deepEqual(plain.filter(isPlainRange), plain);
      assert.deepEqual(notPlain.filter(isPlainRange), []);
      const spec = fc.oneof(
        fc.string(),
        fc.stringMatching(/^[\^~0-9][ -~]{0,12}[0-9]$/),
        fc.tuple(fc.constantFrom('^', '~', '1', '2'), fc.constantFrom('', '/', '.tgz', '.tar', '.tar.gz', ':', ' ', '\t'), fc.constantFrom('0', '9', '', ' ')).map((p) => p.join('')),
      );
      fc.assert(
        fc.property(spec, (value) => {
          if (isPlainRange(value)) assert.deepEqual(splitNpmSpec(value), { constraint: value, constraintOffset: 0 });
        }),
        { seed: 20261130, numRuns: 20_000 },
      );
    });

    const aliases: Array<[string, { name?: string; constraint: string | null; constraintOffset: number }]> = [
      ['npm:@acme/ui@^3', { name: '@acme/ui', constraint: '^3', constraintOffset: 13 }],
      ['npm:lodash@4.17.21', { name: 'lodash', constraint: '4.17.21', constraintOffset: 11 }],
      ['npm:@acme/ui', { name: '@acme/ui', constraint: null, constraintOffset: 0 }],
      ['npm:lodash', { name: 'lodash', constraint: null, constraintOffset: 0 }],
      ['npm:@acme/ui@', { name: '@acme/ui', constraint: '', constraintOffset: 13 }],
      ['npm:@acme/ui@latest', { name: '@acme/ui', constraint: 'latest', constraintOffset: 13 }],
      ['npm:', { constraint: null, constraintOffset: 0 }],
      // npm-package-arg reads the protocol in any case.
      ['NPM:lodash@4.17.21', { name: 'lodash', constraint: '4.17.21', constraintOffset: 11 }],
      // yarn berry: a range after the protocol is the same package at that range.
      ['npm:^2.0.0', { constraint: '^2.0.0', constraintOffset: 4 }],
      ['npm:2.x', { constraint: '2.x', constraintOffset: 4 }],
      ['npm:*', { constraint: '*', constraintOffset: 4 }],
      ['npm:>=1 <3', { constraint: '>=1 <3', constraintOffset: 4 }],
      ['npm:x', { name: 'x', constraint: null, constraintOffset: 0 }],
      ['npm:./ui', { constraint: null, constraintOffset: 0 }],
    ];
    for (const [value, expected] of aliases) {
      it(`splits the alias ${value}`, () => {
        const actual = splitNpmSpec(value);
        assert.deepEqual(actual, expected);
        if (actual.constraint !== null) assert.equal(value.slice(actual.constraintOffset), actual.constraint);
      });
    }

    const unknown = [
      'workspace:*', 'workspace:^', 'workspace:^1.2.0', 'file:../ui', 'file:ui-1.0.0.tgz', 'link:../ui', 'portal:../ui',
      'patch:@acme/ui@npm%3A2.3.0#./patches/ui.patch', 'git+https://github.com/acme/ui.git', 'git+ssh://git@github.com/acme/ui.git#v2',
      'git://github.com/acme/ui.git', 'github:acme/ui', 'gitlab:acme/ui#main', 'bitbucket:acme/ui', 'gist:11081aaa281',
      'http://example.com/ui.tgz', 'https://registry.acme.dev/ui/-/ui-2.3.0.tgz', 'acme/ui', 'acme/ui#v2.3.0', 'acme/ui#semver:^2',
      './vendor/ui', '../ui', '/abs/ui', '~/ui', 'ui-2.3.0.tgz', 'C:\\ui', 'exec:./build.js',
    ];
    for (const value of unknown) {
      it(`gives no constraint for ${value}`, () => {
        assert.equal(splitNpmSpec(value).constraint, null);
      });
    }

    for (const value of ['catalog:', 'catalog:react18']) {
      it(`keeps the pnpm catalog spec ${value} whole, for the project step to resolve`, () => {
        assert.deepEqual(splitNpmSpec(value), { constraint: value, constraintOffset: 0 });
      });
    }

    it('never throws on odd input', () => {
      assert.deepEqual(splitNpmSpec(undefined as unknown as string), { constraint: null, constraintOffset: 0 });
      assert.doesNotThrow(() => splitNpmSpec('npm:@'));
    });
  });

  describe('readPackageJson', () => {
    it('reads every dependency section, name and workspaces', () => {
      const info = read(
        JSON.stringify({
          name: 'app',
          workspaces: ['packages/*', '!packages/legacy'],
          dependencies: { '@acme/ui': '^2.3.0', ui: 'npm:@acme/ui@^3' },
          devDependencies: { '@acme/lint': '~1.0.0' },
          optionalDependencies: { '@acme/native': '1.x' },
          peerDependencies: { react: '>=17 <19' },
          bundledDependencies: ['@acme/ui'],
        }),
      );
      assert.equal(info.name, 'app');
      assert.deepEqual(info.workspaces, ['packages/*', '!packages/legacy']);
      assert.deepEqual(info.dependencies, [
        dep('@acme/ui', '^2.3.0'),
        dep('ui', '^3', 'dependencies', '@acme/ui'),
        dep('@acme/lint', '~1.0.0', 'devDependencies'),
        dep('@acme/native', '1.x', 'optionalDependencies'),
        dep('react', '>=17 <19', 'peerDependencies'),
      ]);
      assert.deepEqual(
        [...new Set(info.dependencies.map((d) => d.section))],
        [...DEPENDENCY_SECTIONS],
      );
    });

    it('reads workspaces written as { packages: [...] } and ignores other shapes', () => {
      assert.deepEqual(read('{"workspaces":{"packages":["apps/*",3],"nohoist":["**/x"]}}').workspaces, ['apps/*']);
      assert.deepEqual(read('{"workspaces":"apps/*"}').workspaces, []);
      assert.deepEqual(read('{}'), { workspaces: [], resolutions: new Map(), dependencies: [] });
    });

    it('reads yarn resolutions whose spec is a string', () => {
      const info = read('{"resolutions":{"ms":"2.1.1","**/semver":"^6.0.0","bad":3,"__proto__":"1.0.0"}}');
      assert.deepEqual([...info.resolutions], [['ms', '2.1.1'], ['**/semver', '^6.0.0'], ['__proto__', '1.0.0']]);
      assert.deepEqual([...read('{"resolutions":["ms"]}').resolutions], []);
    });

    it('skips sections and values of the wrong type but reads the rest', () => {
      const info = read('{"name":7,"dependencies":["@acme/ui"],"devDependencies":{"a":1,"b":null,"c":{},"d":"^1.0.0"},"peerDependencies":"x"}');
      assert.equal(info.name, undefined);
      assert.deepEqual(info.dependencies, [dep('d', '^1.0.0', 'devDependencies')]);
    });

    it('keeps no-version specs with a null constraint', () => {
      const info = read('{"dependencies":{"a":"workspace:*","b":"github:acme/b","c":"file:../c"}}');
      assert.deepEqual(info.dependencies.map((d) => [d.key, d.constraint]), [['a', null], ['b', null], ['c', null]]);
    });

    it('lets the last duplicate key win, as JSON.parse does', () => {
      const info = read('{"dependencies":{"@acme/ui":"^1.0.0","x":"1","@acme/ui":"^2.3.0"},"dependencies":{"@acme/ui":"^2.3.0","y":"2"}}');
      assert.deepEqual(info.dependencies, [dep('@acme/ui', '^2.3.0'), dep('y', '2')]);
    });

    it('treats __proto__ and constructor keys as data and pollutes nothing', () => {
      const info = read('{"__proto__":{"dependencies":{"evil":"1"}},"dependencies":{"__proto__":"1.0.0","constructor":"2.0.0"}}');
      assert.deepEqual(info.dependencies, [dep('__proto__', '1.0.0'), dep('constructor', '2.0.0')]);
      assert.equal(({} as Record<string, unknown>)['dependencies'], undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'evil'), false);
      const noDeps = read('{"__proto__":{"dependencies":{"evil":"1"}}}');
      assert.deepEqual(noDeps.dependencies, []);
    });

    it('reads a text with a byte-order mark', () => {
      assert.deepEqual(read('\ufeff{"dependencies":{"a":"^1.0.0"}}').dependencies, [dep('a', '^1.0.0')]);
    });

    const broken: Array<[string, string, string, ReturnType<typeof range>]> = [
      ['a missing comma', '{\n  "name": "x"\n  "version": "1.0.0"\n}', 'Expected a comma or closing brace', range(2, 2, 2, 11)],
      ['a missing comma in an array', '{"workspaces": ["a" "b"]}', 'Expected a comma or closing bracket', range(0, 20, 0, 23)],
      ['a trailing comma', '{\n  "dependencies": {\n    "a": "1",\n  }\n}', 'Trailing commas are not allowed in JSON', range(3, 2, 3, 3)],
      ['a comment', '{\n  // deps\n  "a": 1\n}', 'Comments are not allowed in JSON', range(1, 2, 1, 9)],
      ['a missing colon', '{"a" 1}', 'Expected a colon after the property name', range(0, 5, 0, 6)],
      ['an unterminated string', '{"a": "1', 'Unterminated string', range(0, 6, 0, 8)],
      ['a truncated file', '{"a": ', 'Unexpected end of file; expected a value', range(0, 6, 0, 6)],
      ['single quotes', "{'a': 1}", 'Unexpected "\'a\'"; expected a JSON value', range(0, 1, 0, 4)],
      ['text after the value', '{} {}', 'Expected the end of the file after the top-level value', range(0, 3, 0, 4)],
      ['an empty file', '  \n', 'The file is empty; expected a JSON object', range(0, 0, 0, 0)],
      ['an error after a BOM', '\ufeff{"a" 1}', 'Expected a colon after the property name', range(0, 6, 0, 7)],
      ['an error in CRLF text', '{\r\n  "a": 1\r\n  "b": 2\r\n}', 'Expected a comma or closing brace', range(2, 2, 2, 5)],
    ];
    for (const [what, text, message, where] of broken) {
      it(`reports ${what} with its position`, () => {
        const result = readPackageJson(text);
        assert.equal(result.ok, false);
        if (result.ok) return;
        assert.deepEqual(result.problems, [{ message, range: where }]);
      });
    }

    for (const [what, text] of [['an array', '[{"dependencies":{}}]'], ['a string', '"package"'], ['null', 'null'], ['a number', '42']]) {
      it(`refuses a top-level value that is ${what}`, () => {
        const result = readPackageJson(text!);
        assert.equal(result.ok, false);
        if (result.ok) return;
        assert.equal(result.problems.length, 1);
        assert.match(result.problems[0]!.message, /^A package\.json must be a JSON object/);
        assert.deepEqual(result.problems[0]!.range, range(0, 0, 0, 0));
      });
    }

    // CPU time, not wall time: a busy machine must not fail it, a quadratic read still does.
    it('reads a 5 MB manifest in linear time', function () {
      const deps: Record<string, string> = {};
      for (let i = 0; i < 120_000; i++) deps[`@acme/package-number-${i}`] = `^${i % 30}.${i % 7}.0`;
      const text = JSON.stringify({ name: 'huge', dependencies: deps }, null, 2);
      assert.ok(text.length > 5_000_000);
      const cpu = (): number => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      const t0 = cpu();
      const info = read(text);
      const readMs = cpu() - t0;
      assert.equal(info.dependencies.length, 120_000);
      const all = located(text);
      assert.equal(all.length, 120_000);
      assert.equal(slice(text, all[119_999]!.range), '^29.5.0');
      assert.ok(readMs < 1500, `read took ${readMs} ms of CPU`);
      assert.ok(cpu() - t0 < 10_000, 'reading and locating took over 10 s of CPU');
    });
  });

  describe('locatePackageJson / parsePackageJson', () => {
    it('spans the version without quotes and the key without quotes', () => {
      const text = '{\n  "name": "app",\n  "dependencies": {\n    "@acme/ui": "^2.3.0"\n  }\n}\n';
      const [ui] = located(text);
      assert.deepEqual(ui, { ...dep('@acme/ui', '^2.3.0'), range: range(3, 17, 3, 23), nameRange: range(3, 5, 3, 13) });
    });

    it('spans only the range of an alias', () => {
      const text = '{"dependencies": {\n  "ui": "npm:@acme/ui@^3"\n}}';
      const [ui] = located(text);
      assert.equal(slice(text, ui!.range), '^3');
      assert.deepEqual(ui!.range, range(1, 22, 1, 24));
      assert.equal(slice(text, ui!.nameRange), 'ui');
    });

    it('uses the name range when there is no version', () => {
      const text = '{"dependencies": {"a": "workspace:*", "b": "npm:@acme/b"}}';
      for (const d of located(text)) assert.deepEqual(d.range, d.nameRange);
      assert.deepEqual(located(text).map((d) => slice(text, d.range)), ['a', 'b']);
    });

    it('counts CRLF line ends as one', () => {
      const text = '{\r\n  "devDependencies": {\r\n    "@acme/lint": "~1.0.0"\r\n  }\r\n}\r\n';
      assert.deepEqual(located(text)[0]!.range, range(2, 19, 2, 25));
    });

    it('counts a byte-order mark as the first character of the text', () => {
      const text = '\ufeff{"dependencies": {"a": "^1.0.0"}}';
      const [a] = located(text);
      assert.deepEqual(a!.range, range(0, 25, 0, 31));
      assert.equal(text.slice(25, 31), "^1.0.0");
    });

    it('spans the version text as written, escapes included, when the value holds escapes', () => {
      const text = '{"dependencies": {"a": "\\u005e1.0.0", "b\\u0062": "npm:@acme/b@\\u005e2", "c": "npm:@acme/ design-\\"tokens@^1", "d": "npm:x@>=1.2.0 <1\\u002e9"}}';
      const [a, bb, c, d] = located(text);
      assert.equal(a!.constraint, '^1.0.0');
      assert.equal(slice(text, a!.range), '\\u005e1.0.0');
      assert.equal(bb!.key, 'bb');
      assert.equal(slice(text, bb!.nameRange), 'b\\u0062');
      // Only the range after the alias's `@`, as without escapes: read as JSON, it is the constraint.
      assert.equal(slice(text, bb!.range), '\\u005e2');
      assert.equal(slice(text, c!.range), '^1');
      assert.equal(c!.constraint, '^1');
      assert.equal(slice(text, d!.range), '>=1.2.0 <1\\u002e9');
      assert.equal(JSON.parse(`"${slice(text, d!.range)}"`), d!.constraint);
    });

    it('points at the last of duplicate keys and sections', () => {
      const text = '{\n"dependencies": {"a": "^1.0.0",\n "a": "^2.0.0"},\n"dependencies": {"b": "1", "a": "^3.0.0"}\n}';
      const deps = located(text);
      assert.deepEqual(deps.map((d) => [d.key, slice(text, d.range), d.range.start.line]), [['b', '1', 3], ['a', '^3.0.0', 3]]);
    });

    it('locates the same key in different sections separately', () => {
      const text = '{"dependencies": {"a": "^1.0.0"},\n"peerDependencies": {"a": ">=1"}}';
      assert.deepEqual(located(text).map((d) => [d.section, d.range.start.line, slice(text, d.range)]), [
        ['dependencies', 0, '^1.0.0'],
        ['peerDependencies', 1, '>=1'],
      ]);
    });

    it('keeps a dependency it cannot find, with a zero range', () => {
      const [missing] = locatePackageJson('{"dependencies": {}}', [dep('a', '^1.0.0')]);
      assert.deepEqual(missing!.range, range(0, 0, 0, 0));
      assert.deepEqual(locatePackageJson('not json', [dep('a', '1')])[0]!.nameRange, range(0, 0, 0, 0));
    });

    it('returns the problems of a broken manifest', () => {
      const result = parsePackageJson('{"dependencies": {"a": "1",}}');
      assert.equal(result.ok, false);
    });
  });
});
