import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LOCKFILE_NAMES, parseLockfile } from '../../../../src/core/ecosystems/npm/lockfile';
import { uniqueKeyPlaces } from '../../../../src/core/ecosystems/npm/jsonPlaces';
import { scanManifest } from '../../../../src/core/ecosystems/npm/manifestScan';
import { locatePackageJson, parsePackageJson, readPackageJson, readPackageJsonParsed, splitNpmSpec } from '../../../../src/core/ecosystems/npm/packageJson';
import { parsePnpmWorkspace } from '../../../../src/core/ecosystems/npm/workspaces';
import type { Range } from '../../../../src/core/positions';
import { LineIndex } from '../../../../src/core/positions';
import type { DeclaredDependency } from '../../../../src/core/types';

const RUNS = { seed: 42, numRuns: 300 };

/** A range lies inside the text: offsets within [0, length] and start <= end. */
function assertInside(text: string, r: Range): void {
  const lines = new LineIndex(text);
  const start = lines.offsetAt(r.start);
  const end = lines.offsetAt(r.end);
  assert.ok(r.start.line >= 0 && r.start.character >= 0, JSON.stringify(r));
  assert.ok(r.start.line < lines.lineCount && r.end.line < lines.lineCount, JSON.stringify(r));
  // offsetAt clamps; a range that round-trips is one that really exists in the text.
  assert.deepEqual(lines.positionAt(start), r.start, JSON.stringify(r));
  assert.deepEqual(lines.positionAt(end), r.end, JSON.stringify(r));
  assert.ok(0 <= start && start <= end && end <= text.length, JSON.stringify(r));
}

const specs = fc.oneof(
  fc.string(),
  fc.constantFrom('^2.3.0', 'npm:@acme/ui@^3', 'npm:x', 'workspace:*', 'github:a/b', 'latest', '', 'a\\"b', 'npm:@a/b@\u00e9'),
);

/** Manifests with dependency sections of every shape, rendered with arbitrary spacing and line ends. */
const manifests = fc
  .record({
    name: fc.oneof(fc.string(), fc.integer()),
    dependencies: fc.oneof(fc.dictionary(fc.string(), fc.oneof(specs, fc.integer(), fc.constant(null))), fc.array(fc.string())),
    devDependencies: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', '@acme/ui', 'é'), specs),
    peerDependencies: fc.jsonValue(),
  })
  .chain((manifest) =>
    fc.tuple(fc.constant(manifest), fc.constantFrom(0, 2, '\t'), fc.constantFrom('\n', '\r\n'), fc.boolean()),
  )
  .map(([manifest, indent, eol, bom]) => (bom ? '\ufeff' : '') + JSON.stringify(manifest, null, indent).replace(/\n/g, eol));

function checkManifest(text: string): void {
  const read = readPackageJson(text);
  const parsed = parsePackageJson(text);
  assert.equal(parsed.ok, read.ok);
  if (!parsed.ok) {
    assert.ok(parsed.problems.length > 0);
    for (const p of parsed.problems) assertInside(text, p.range);
    return;
  }
  for (const d of parsed.value.dependencies) {
    assertInside(text, d.range);
    assertInside(text, d.nameRange);
  }
}

function checkLockfiles(text: string): void {
  for (const name of LOCKFILE_NAMES) {
    const result = parseLockfile(name, text);
    if (!result.ok) {
      assert.ok(result.problems.length > 0);
      for (const p of result.problems) assertInside(text, p.range);
      continue;
    }
    void result.value.members;
    const found = result.value.resolve('', { ecosystem: 'npm', name: 'a', key: 'a', constraint: '1', section: 'dependencies' });
    if (found) assertInside(text, found.locate());
  }
}

describe('npm parsers: properties', () => {
  it('readPackageJson and parsePackageJson never throw on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkManifest), RUNS);
  });

  it('readPackageJson and parsePackageJson never throw on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'), checkManifest), RUNS);
  });

  it('every range of a manifest lies inside the text and spans what the manifest wrote', () => {
    fc.assert(
      fc.property(manifests, (text) => {
        checkManifest(text);
        const parsed = parsePackageJson(text);
        assert.ok(parsed.ok);
        for (const d of parsed.value.dependencies) {
          const lines = new LineIndex(text);
          const version = text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end));
          if (d.constraint !== null && !version.includes('\\')) assert.ok(version === d.constraint, `${version} vs ${d.constraint}`);
        }
      }),
      RUNS,
    );
  });

  it('locatePackageJson finds in strict JSON, in one pass, the places jsonc-parser\'s tree gives', () => {
    // A comment at the end sends the same text to jsonc-parser's tree without moving any offset.
    const same = (text: string) => {
      const read = readPackageJson(text);
      if (!read.ok) return;
      const deps = read.value.dependencies;
      const sections = locatePackageJson(text, deps, { keyScan: false });
      assert.deepEqual(sections, locatePackageJson(`${text}\n// jsonc`, deps, { keyScan: false }));
      // The key scan, where it answers, gives the same places.
      assert.deepEqual(locatePackageJson(text, deps), sections);
    };
    fc.assert(fc.property(manifests, same), RUNS);
    // Keys and sections written twice (the last wins), escapes, a section that is not an object.
    same('{"dependencies":{"a":"1","a":"^2.0.0","b\\u0041":"npm:@x/y@~3"},"devDependencies":[],"dependencies ":{},"peerDependencies":{"c":{"d":1},"e":"\\"1\\""}}');
    same('{"devDependencies":{"a":"1"},"devDependencies":{"b":"2"}, "optionalDependencies": null}');
    // Keys that also appear as values, inside other strings, or under other objects.
    same('{"name":"a","scripts":{"x":"echo \\"a\\": 1, {\\"b\\":2}"},"dependencies":{"a":"^1.0.0","b":"npm:@x/b@2"}}');
    same('{"dependencies":{"a":"1"},"peerDependencies":{"a":">=1"},"peerDependenciesMeta":{"a":{"optional":true}}}');
    same('{\n  "dependencies": {\n    "@acme/ui":   "~1.2.3",\r\n "\\/x": "1", "y": "a\\\\"\n}}');
  });

  it('the key scan answers for keys written once as keys, and refuses every text where that proves nothing', () => {
    const cases: Array<[string, string, string[], boolean]> = [
      ['a key written once', '{"dependencies": {"@acme/ui": "^1.2.0"}}', ['@acme/ui'], true],
      ['the same key as a value and inside another string', '{"name": "@acme/ui", "scripts": {"x": "\\"@acme/ui\\": 1"}, "dependencies": {"@acme/ui": "1"}}', ['@acme/ui'], true],
      ['a key written in two sections', '{"dependencies": {"a": "1"}, "peerDependencies": {"a": "1"}}', ['a'], false],
      ['a key written twice in one section', '{"dependencies": {"a": "1", "a": "2"}}', ['a'], false],
      ['a key under another object too', '{"dependencies": {"a": "1"}, "pnpm": {"overrides": {"a": "2"}}}', ['a'], false],
      ['an escape that spells a name character', '{"dependencies": {"a\\/b": "1", "c": "1"}}', ['c'], false],
      ['a value that is not a string', '{"dependencies": {"a": 1}}', ['a'], false],
      ['a key that starts as what follows a closing quote', '{"dependencies": {",a": "1"}}', [',a'], false],
    ];
    for (const [name, text, keys, answers] of cases) {
      const places = uniqueKeyPlaces(text, keys);
      assert.equal(places !== undefined, answers, name);
      for (const [key, place] of places ?? []) {
        assert.equal(text.slice(place.key.offset, place.key.offset + place.key.length), JSON.stringify(key), name);
        assert.equal(text[place.value.offset], '"', name);
      }
    }
  });

  describe('the one-pass reader', () => {
    /** Whether JSON.parse reads the text. */
    const parses = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    /** The one-pass reader reads exactly what JSON.parse reads, and gives what the JSON.parse path gives. */
    const agrees = (text: string): void => {
      const scanned = scanManifest(text);
      if (scanned) assert.ok(parses(text), `read a text JSON.parse refuses: ${JSON.stringify(text)}`);
      const read = readPackageJson(text);
      assert.deepEqual(read, readPackageJsonParsed(text), JSON.stringify(text));
      if (!read.ok) return;
      // The places noted while reading are the ones the one-pass section reader finds.
      const deps = read.value.dependencies;
      assert.deepEqual(locatePackageJson(text, deps), locatePackageJson(text, deps, { keyScan: false }), JSON.stringify(text));
    };
    /** One character put in, taken out or changed: JSON that is nearly valid, or nearly not. */
    const mutated = (texts: fc.Arbitrary<string>) =>
      fc
        .tuple(texts, fc.nat(), fc.constantFrom(...'{}[]:,"\\/ \t\r\n0123456789.-+eEtrufalsn\u0000\u001fxu'.split(''), ''), fc.constantFrom('insert', 'delete', 'replace'))
        .map(([text, at, c, how]) => {
          const i = text.length === 0 ? 0 : at % text.length;
          return how === 'insert' ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + (how === 'replace' ? c : '') + text.slice(i + 1);
        });
    const numbers = fc.constantFrom('0', '-0', '1.5', '1e5', '1E+5', '-1.25e-3', '01', '1.', '.5', '-', '1e', '+1', '0x1', '1_0', 'NaN', 'Infinity', '1.e3', '00');
    const literals = fc.constantFrom('true', 'false', 'null', 'tru', 'nul', 'True', 'falsey', 'nulll');
    const strings = fc.constantFrom('"a"', '"\\u0041"', '"\\x41"', '"\\u12"', '"\\""', '"a\tb"', '"\\/"', '"\\uD800"', '"\u2028"', '"é"', '"');
    /** Texts put together from JSON's tokens and near-tokens, with any spacing. */
    const soup = fc
      .array(fc.oneof(numbers, literals, strings, fc.constantFrom('{', '}', '[', ']', ':', ',', ' ', '\r', '\n', '\r\n', '\t', '\u00a0', '"dependencies"', '"name"', '"workspaces"', '"resolutions"', '"0"', '"12"', '"__proto__"')), { maxLength: 40 })
      .map((tokens) => tokens.join(''));
    const valued = fc
      .record({
        name: fc.oneof(fc.string(), fc.jsonValue()),
        workspaces: fc.oneof(fc.array(fc.string()), fc.record({ packages: fc.array(fc.constantFrom('packages/*', '../x', '')) }), fc.jsonValue()),
        resolutions: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), fc.jsonValue()),
        dependencies: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('0', '7', '01', '4294967295', '4294967294', 'a b', '\u2028')), fc.oneof(specs, fc.jsonValue())),
        optionalDependencies: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), specs)),
      })
      .chain((m) => fc.tuple(fc.constant(m), fc.constantFrom(0, 1, '\t', ' \r'), fc.constantFrom('\n', '\r\n', '\r')))
      .map(([m, indent, eol]) => JSON.stringify(m, null, indent).replace(/\n/g, eol));

    it('reads what JSON.parse reads, the same way, on manifests of every shape', () => {
      fc.assert(fc.property(fc.oneof(manifests, valued), agrees), { seed: 42, numRuns: 2000 });
    });

    it('refuses every text JSON.parse refuses, one character away from valid JSON', () => {
      fc.assert(fc.property(mutated(fc.oneof(manifests, valued)), agrees), { seed: 42, numRuns: 3000 });
    });

    it('refuses every text JSON.parse refuses, made of JSON tokens in any order', () => {
      fc.assert(fc.property(soup.map((t) => `{"dependencies":${t}}`), agrees), { seed: 42, numRuns: 3000 });
      fc.assert(fc.property(soup, agrees), { seed: 7, numRuns: 3000 });
    });

    it('reads nearly every manifest itself, and leaves the rest to JSON.parse', () => {
      const cases: Array<[string, string, boolean]> = [
        ['a plain manifest', '{\n  "name": "a",\n  "dependencies": {"@acme/ui": "^1.2.0"}\n}\n', true],
        ['an empty object', ' {} ', true],
        ['a byte-order mark', '\ufeff{"dependencies": {}}', false],
        ['a root that is an array', '[]', false],
        ['a dependency key that is an array index', '{"dependencies": {"b": "1", "7": "2"}}', false],
        ['a key that is a number but no index', '{"dependencies": {"b": "1", "07": "2"}}', true],
        ['nesting past what it reads', `{"x": ${'['.repeat(70)}${']'.repeat(70)}}`, false],
        ['a trailing comma', '{"dependencies": {"a": "1",}}', false],
        ['a comment', '{"dependencies": {"a": "1"}} // x', false],
        ['text after the root', '{} {}', false],
      ];
      // Long sections (past the point where a map of the keys takes over) with keys written twice
      // on either side of it, and keys that share a slot (same length and ends) without being equal.
      const long = Array.from({ length: 100 }, (_, i) => `"dep-${String(i).padStart(3, '0')}-x": "^${i}.0.0"`);
      long.splice(90, 0, '"dep-003-x": "~9.9.9"', '"dep-070-x": null');
      long.splice(20, 0, '"dep-013-x": "^7.0.0"');
      cases.push(['a long section with keys written twice', `{"dependencies": {${long.join(',\n')}}}`, true]);
      cases.push(['keys that share a slot', '{"dependencies": {"a-1-zz": "1", "a-2-zz": "2", "a-1-zz": "3", "b-1-zz": "4"}}', true]);
      for (const [name, text, own] of cases) {
        assert.equal(scanManifest(text) !== undefined, own, name);
        agrees(text);
      }
      const read = readPackageJson(cases.at(-2)![1]);
      assert.ok(read.ok);
      const deps = new Map(read.value.dependencies.map((d) => [d.key, d.constraint]));
      assert.equal(deps.size, 99, 'dep-070-x became null, which is no string: skipped');
      assert.equal(deps.get('dep-003-x'), '~9.9.9');
      assert.equal(deps.get('dep-013-x'), '^7.0.0');
      assert.equal(read.value.dependencies[3]!.key, 'dep-003-x', 'a key written twice keeps its first place');
    });

    it('places each dependency on its own line and character, across \\r\\n, lone \\r and tabs', () => {
      const text = '{\r\n\t"dependencies": {\r\t\t"a": "^1.0.0",\n "b":\r\n\t"npm:@x/b@~2.0.0"}}';
      const read = readPackageJson(text);
      assert.ok(read.ok);
      const [a, b] = locatePackageJson(text, read.value.dependencies);
      assert.deepEqual(a!.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 14 } });
      assert.deepEqual(a!.nameRange, { start: { line: 2, character: 3 }, end: { line: 2, character: 4 } });
      assert.deepEqual(b!.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 17 } });
      assert.equal(b!.name, '@x/b');
    });
  });

  it('locatePackageJson never throws, whatever text and dependencies it is given', () => {
    const deps = fc.array(
      fc.record({ name: fc.string(), key: fc.string(), constraint: fc.option(fc.string()), section: fc.constantFrom('dependencies', 'x') }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), deps, (text, list) => {
        const declared: DeclaredDependency[] = list.map((d) => ({ ...d, ecosystem: 'npm' }));
        for (const d of locatePackageJson(text, declared)) {
          assertInside(text, d.range);
          assertInside(text, d.nameRange);
        }
      }),
      RUNS,
    );
  });

  it('splitNpmSpec never throws and its offset points at its constraint', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => 'npm:' + s)), (value) => {
        const spec = splitNpmSpec(value);
        if (spec.constraint !== null) assert.equal(value.slice(spec.constraintOffset, spec.constraintOffset + spec.constraint.length), spec.constraint);
      }),
      RUNS,
    );
  });

  it('parseLockfile never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkLockfiles), RUNS);
  });

  it('parseLockfile never throws on arbitrary JSON values', () => {
    const lockLike = fc.oneof(
      fc.jsonValue(),
      fc.record({ lockfileVersion: fc.jsonValue(), packages: fc.dictionary(fc.string(), fc.jsonValue()) }),
      fc.record({ lockfileVersion: fc.constant(3), packages: fc.dictionary(fc.constantFrom('', 'node_modules/a', 'a', '__proto__'), fc.jsonValue()) }),
    );
    fc.assert(fc.property(lockLike.map((v) => JSON.stringify(v, null, 2) ?? 'null'), checkLockfiles), RUNS);
  });

  it('parseLockfile never throws on line-shaped text', () => {
    const line = fc.tuple(
      fc.constantFrom('', '  ', '    ', '      ', '        '),
      fc.constantFrom('lockfileVersion', 'importers', '.', 'dependencies', "'a'", '"a@^1, a@npm:1"', 'a@1', 'version', 'specifier', '__metadata', '---', '#', '"x'),
      fc.constantFrom(':', ': ', ' ', ''),
      fc.constantFrom('', '1', "'9.0'", '5.4', '"1.0.0"', 'link:../a', '1.0.0(b@2)', '{}', '"unterminated', ' # c'),
    ).map((parts) => parts.join(''));
    const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
    fc.assert(fc.property(text, checkLockfiles), RUNS);
  });

  it('parsePnpmWorkspace never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void parsePnpmWorkspace(text)), RUNS);
  });
});
