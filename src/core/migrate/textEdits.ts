import { diffLines } from 'diff';
import { LineIndex } from '../positions';
import type { TextEdit } from './types';

const BOM = '\uFEFF';

/** A text split into its byte-order mark (kept as is) and the body every step edits. */
export function splitBom(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}

/** The line end a file already uses (its first one), so inserted lines match it; `\n` when none. */
export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

/** The indentation unit of a JSON text: tabs, or the width of its first indented line; 2 spaces by default. */
export function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /(?:^|\n)([ \t]+)\S/.exec(text);
  if (!m) return { insertSpaces: true, tabSize: 2 };
  const ws = m[1]!;
  if (ws.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: Math.min(ws.length, 8) };
}

/**
 * The smallest edits that turn `before` into `after`: a line diff finds the changed hunks, then each
 * hunk is narrowed to the characters that really differ. Edits never split a surrogate pair or a
 * CRLF, so an editor can apply them as they are. Both texts may start with the same BOM; ranges
 * never count it (see TextEdit).
 */
export function computeEdits(before: string, after: string): TextEdit[] {
  const a = splitBom(before).body;
  const b = splitBom(after).body;
  if (a === b) return [];
  const index = new LineIndex(a);
  const edits: TextEdit[] = [];
  let oldAt = 0;
  let hunkStart = -1;
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (hunkStart < 0) return;
    // A hunk of as many new lines as old ones is edited line by line (a replace that touched two
    // neighbouring lines gives two small edits); otherwise it is one edit, narrowed at both ends.
    const oldLines = splitLines(removed);
    const newLines = splitLines(added);
    if (oldLines.length === newLines.length) {
      let at = hunkStart;
      oldLines.forEach((line, i) => {
        narrow(at, line, newLines[i]!);
        at += line.length;
      });
    } else {
      narrow(hunkStart, removed, added);
    }
    hunkStart = -1;
    removed = '';
    added = '';
  };
  const narrow = (at: number, was: string, now: string): void => {
    if (was === now) return;
    let p = commonPrefix(was, now);
    let s = commonSuffix(was.slice(p), now.slice(p));
    // Never cut between the halves of a surrogate pair or of a CRLF.
    while (p > 0 && (splitsPair(was, p) || splitsPair(now, p))) p--;
    while (s > 0 && (splitsPair(was, was.length - s) || splitsPair(now, now.length - s))) s--;
    edits.push({ range: index.range(at + p, at + was.length - s), newText: now.slice(p, now.length - s) });
  };
  for (const change of diffLines(a, b)) {
    if (!change.added && !change.removed) {
      flush();
      oldAt += change.value.length;
      continue;
    }
    if (hunkStart < 0) hunkStart = oldAt;
    if (change.removed) {
      removed += change.value;
      oldAt += change.value.length;
    } else {
      added += change.value;
    }
  }
  flush();
  return edits;
}

/** Applies edits made by computeEdits (or any sorted, non-overlapping ones); a leading BOM is kept. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const { bom, body } = splitBom(text);
  const index = new LineIndex(body);
  const sorted = [...edits].sort((x, y) => index.offsetAt(x.range.start) - index.offsetAt(y.range.start));
  let out = '';
  let last = 0;
  for (const e of sorted) {
    const start = index.offsetAt(e.range.start);
    const end = index.offsetAt(e.range.end);
    if (start < last || end < start) throw new Error('overlapping text edits');
    out += body.slice(last, start) + e.newText;
    last = end;
  }
  return bom + out + body.slice(last);
}

/** Lines with their line ends. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function commonPrefix(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  let i = 0;
  while (i < n && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  let i = 0;
  while (i < n && x.charCodeAt(x.length - 1 - i) === y.charCodeAt(y.length - 1 - i)) i++;
  return i;
}

/** Is offset `i` between a high and a low surrogate, or between `\r` and `\n`? */
function splitsPair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}
