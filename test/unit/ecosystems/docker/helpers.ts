import * as assert from 'node:assert/strict';
import { dockerModule } from '../../../../src/core/ecosystems/docker';
import { LineIndex, type Range } from '../../../../src/core/positions';

/**
 * One use as a row of a table: section, name, constraint, key, then the text its range spans and
 * the 1-based line it starts on, so a table shows at a glance what a finding would underline.
 */
export type Row = readonly [section: string, name: string, constraint: string | null, key: string, at: string, line: number];

/** The text a range spans (pass the text's LineIndex when asking many times). */
export function textAt(text: string, r: Range, lines = new LineIndex(text)): string {
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

/**
 * Parses `text` as `file`, locates every use and returns them as rows; problems as
 * `line:column message` (1-based). Checks on the way that locate returns the uses parse returned,
 * in order, and that the name range spans the key.
 */
export function read(text: string, file: string): { rows: Row[]; problems: string[] } {
  const parsed = dockerModule.parse(text, file);
  const located = dockerModule.locate(text, file, parsed.uses);
  assert.equal(located.length, parsed.uses.length);
  const lines = new LineIndex(text);
  const rows = located.map((l, i): Row => {
    const { range, nameRange, ...use } = l;
    assert.deepEqual(use, parsed.uses[i]);
    assert.equal(textAt(text, nameRange, lines), l.key);
    return [l.section, l.name, l.constraint, l.key, textAt(text, range, lines), range.start.line + 1];
  });
  const problems = parsed.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
  return { rows, problems };
}

/** Applies a rename's splices to the text. */
export function renamed(text: string, file: string, from: string, to: string): { text: string; notes: string[] } {
  const result = dockerModule.rename(text, file, from, to);
  let out = text;
  for (const s of [...result.splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return { text: out, notes: result.notes };
}

/** A table case: a title, the file's text and the rows it must read, without problems. */
export type Case = readonly [title: string, text: string, rows: readonly Row[]];

/** One test per case, reading each text as `file`. */
export function itReads(cases: readonly Case[], file: string): void {
  for (const [title, text, rows] of cases) {
    it(title, () => {
      const { rows: got, problems } = read(text, file);
      assert.deepEqual(problems, []);
      assert.deepEqual(got, rows);
    });
  }
}

/** Lines joined with `\n` (a case about other line ends writes them out). */
export function lines(...l: string[]): string {
  return l.join('\n');
}
