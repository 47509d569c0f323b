import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { anyGlob, compileGlob, MAX_GLOB_LENGTH, MAX_GLOB_NESTING } from '../../../src/core/globs';
import { editJson, replaceLiteral } from '../../../src/core/migrate/steps';
import { renameInManifest } from '../../../src/core/migrate/manifest';
import { MAX_FILE_BYTES } from '../../../src/core/migrate/types';
import { fewOpeningBrackets, jsonTooDeepAt, MAX_NESTING, valueTooDeep, yamlTooDeepAt } from '../../../src/core/nesting';
import { parsePackageLock } from '../../../src/core/ecosystems/npm/packageLock';
import { readPackageJson } from '../../../src/core/ecosystems/npm/packageJson';
import { readPnpmWorkspace } from '../../../src/core/ecosystems/npm/workspaces';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('nesting depth, measured before any recursive read', () => {
  it('finds the bracket that opens one level too many, and nothing within the limit', () => {
    assert.equal(jsonTooDeepAt(deep(MAX_NESTING)), undefined);
    assert.equal(jsonTooDeepAt(`{"a": ${deep(MAX_NESTING)}}`), 6 + MAX_NESTING - 1);
    assert.equal(yamlTooDeepAt(`a: ${deep(MAX_NESTING + 1)}\n`), 3 + MAX_NESTING);
  });

  it('does not count brackets in strings or comments', () => {
    const noise = '['.repeat(MAX_NESTING * 2);
    assert.equal(jsonTooDeepAt(`{"a": "${noise}", "b\\"${noise}": 1} // ${noise}\n/* ${noise} */`), undefined);
    assert.equal(yamlTooDeepAt(`a: "${noise}"\nb: '${noise}'\nc: |\n  ${noise}\n# ${noise}\nd: x ${noise}\n`), undefined);
  });

  it('a text with few opening brackets is never too deep; the parsed value is measured past them', () => {
    for (const n of [1, 50, MAX_NESTING, MAX_NESTING + 1, 500]) {
      const text = `{"a": ${n > 1 ? deep(n - 1) : 1}}`;
      const value: unknown = JSON.parse(text);
      // The shortcut may only say "fine" when the value is fine.
      if (fewOpeningBrackets(text)) assert.equal(valueTooDeep(value), false, `${n} levels`);
      assert.equal(valueTooDeep(value), n > MAX_NESTING, `${n} levels`);
      assert.equal(fewOpeningBrackets(text), n <= MAX_NESTING, `${n} levels`);
    }
    // Brackets in strings count: the shortcut gives way to the value's measure, which says fine.
    const noisy = `{"a": "${'['.repeat(MAX_NESTING)}", "b": {"c": [1]}}`;
    assert.equal(fewOpeningBrackets(noisy), false);
    assert.equal(valueTooDeep(JSON.parse(noisy)), false);
    assert.equal(readPackageJson(noisy).ok, true);
  });

  it('takes linear time on 5 MB of brackets', () => {
    const text = '['.repeat(2_500_000) + ']'.repeat(2_500_000);
    const start = Date.now();
    assert.equal(jsonTooDeepAt(text, Infinity), undefined);
    assert.ok(Date.now() - start < 2000);
  });

  it('a package.json 5,000 levels deep is a problem at its place, as is a broken lockfile', () => {
    const read = readPackageJson(`{"x": ${deep(5000)}}`);
    assert.equal(read.ok, false);
    if (!read.ok) assert.deepEqual(read.problems[0]!.range.start, { line: 0, character: 6 + MAX_NESTING - 1 });
    const lock = parsePackageLock(`{"lockfileVersion": 3, "x": ${'['.repeat(5000)}`);
    assert.equal(lock.ok, false);
    if (!lock.ok) assert.match(lock.problems[0]!.message, /more than 200 levels deep/);
    assert.equal(readPnpmWorkspace(`packages: ${deep(5000)}\n`).problems.length, 1);
  });

  it('the json and rename steps leave a file that deep alone, with a reason', () => {
    const text = `{"dependencies": {"a": "1.0.0"}, "x": ${deep(5000)}}`;
    const json = editJson(text, { y: 1 }, []);
    assert.equal(json.ok, false);
    if (!json.ok) assert.match(json.reason, /more than 200 levels deep \(at 1:238\)/);
    const renamed = renameInManifest(text, 'package.json', 'a', 'b');
    assert.equal(renamed.text, text);
    assert.match(renamed.notes.join('\n'), /^the rename step left it alone: it is nested more than 200 levels deep \(at 1:238\)$/);
  });
});

describe('the glob guard', () => {
  it('refuses a glob over 64 KiB, one nested too deep, and one V8 cannot compile', () => {
    assert.match((compileGlob('a'.repeat(MAX_GLOB_LENGTH + 1)) as { reason: string }).reason, /longer than 64 KiB/);
    assert.match((compileGlob('@('.repeat(MAX_GLOB_NESTING + 1) + 'a' + ')'.repeat(MAX_GLOB_NESTING + 1)) as { reason: string }).reason, /nests groups more than 32 levels deep/);
    assert.match((compileGlob('{a,b}'.repeat(12_000)) as { reason: string }).reason, /cannot be compiled \(Invalid regular expression/);
  });

  it('matches as picomatch does, and a refused glob matches nothing', () => {
    const globs = ['packages/*', 'apps/**/src', '!x', '.github/**', 'a{b,c}d'];
    const paths = ['packages/a', 'packages/a/b', 'apps/web/src', 'apps/src', 'x', 'y', '.github/workflows/ci.yml', 'abd', 'acd', 'add', ''];
    for (const dot of [true, false]) {
      const ours = anyGlob(globs, { dot });
      const theirs = picomatch(globs, { dot });
      for (const p of paths) assert.equal(ours(p), theirs(p), `${p} with dot: ${dot}`);
    }
    const refused: string[] = [];
    const m = anyGlob(['{a,b}'.repeat(12_000), 'ok/*'], {}, (_g, reason) => refused.push(reason));
    assert.equal(refused.length, 1);
    assert.equal(m('ok/1'), true);
    assert.equal(m('ab'.repeat(6000)), false);
  });
});

describe('a literal replace', () => {
  it('refuses a result over 1 MB before building it', () => {
    const r = replaceLiteral('a'.repeat(1_000_000), 'a', 'b'.repeat(1000));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /the result would be larger than 1 MB \(953\.7 MB, 1000000 replacements\); not edited/);
  });

  it('still makes a result of exactly 1 MB, and counts bytes, not characters', () => {
    const r = replaceLiteral('a'.repeat(MAX_FILE_BYTES / 2), 'a', 'bb');
    assert.equal(r.ok && r.text.length, MAX_FILE_BYTES);
    assert.equal(replaceLiteral('a'.repeat(MAX_FILE_BYTES / 2), 'a', 'é').ok, true);
    assert.equal(replaceLiteral('a'.repeat(MAX_FILE_BYTES / 2 + 1), 'a', 'é').ok, false);
  });
});
