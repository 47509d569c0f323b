import * as assert from 'node:assert/strict';
import { applyEdits, computeEdits } from '../../../src/core/migrate';
import { detectEol, detectIndent } from '../../../src/core/migrate/textEdits';

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('migration text edits', () => {
  it('narrows each changed line to the characters that differ', () => {
    const before = 'import a from "@acme/ui/legacy";\n<Button kind="x" />\nkeep\n';
    const after = 'import a from "@acme/ui";\n<Button variant="x" />\nkeep\n';
    assert.deepEqual(computeEdits(before, after), [
      { range: r(0, 23, 0, 30), newText: '' },
      { range: r(1, 8, 1, 12), newText: 'variant' },
    ]);
  });

  it('gives one edit for a hunk whose line count changes, narrowed at both ends', () => {
    const before = '{\n  "a": 1,\n  "b": 2\n}\n';
    const after = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n';
    assert.deepEqual(computeEdits(before, after), [{ range: r(2, 8, 2, 8), newText: ',\n  "c": 3' }]);
  });

  it('does not count a byte-order mark, as editors do not', () => {
    const edits = computeEdits('\uFEFFab\n', '\uFEFFaXb\n');
    assert.deepEqual(edits, [{ range: r(0, 1, 0, 1), newText: 'X' }]);
    assert.equal(applyEdits('\uFEFFab\n', edits), '\uFEFFaXb\n');
  });

  it('never cuts a CRLF or a surrogate pair in two', () => {
    for (const [before, after] of [
      ['a\r\nb', 'a\nb'],
      ['x😀y', 'x😃y'],
      ['a\r\n', 'a\r\r\n'],
    ] as const) {
      const edits = computeEdits(before, after);
      assert.equal(applyEdits(before, edits), after);
      for (const e of edits) {
        for (const p of [e.range.start, e.range.end]) {
          const line = before.split(/\r\n|\r|\n/)[p.line] ?? '';
          const code = line.charCodeAt(p.character - 1);
          assert.ok(!(code >= 0xd800 && code <= 0xdbff), `${JSON.stringify(before)}: not inside a surrogate pair`);
        }
      }
    }
    assert.deepEqual(computeEdits('a\r\nb', 'a\nb'), [{ range: r(0, 1, 1, 0), newText: '\n' }]);
  });

  it('no change, no edit', () => {
    assert.deepEqual(computeEdits('same\r\n', 'same\r\n'), []);
  });

  it('refuses overlapping edits instead of guessing', () => {
    assert.throws(() => applyEdits('abcdef', [{ range: r(0, 0, 0, 3), newText: '' }, { range: r(0, 2, 0, 4), newText: '' }]), /overlapping/);
  });

  it('detects the line end and indentation a file already uses', () => {
    assert.equal(detectEol('{\r\n}'), '\r\n');
    assert.equal(detectEol('{\n}'), '\n');
    assert.equal(detectEol('{}'), '\n');
    assert.deepEqual(detectIndent('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 1 });
    assert.deepEqual(detectIndent('{\n    "a": 1\n}'), { insertSpaces: true, tabSize: 4 });
    assert.deepEqual(detectIndent('{"a": 1}'), { insertSpaces: true, tabSize: 2 });
  });
});
