/**
 * Positions inside the core are 0-based lines and UTF-16 characters, the convention of VS Code and
 * LSP. They are converted once at each edge: 1-based for the CLI and SARIF, vscode.Range in the editor.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Maps offsets of one text to positions and back; built once per text, answers in O(log lines). */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // Most texts break lines with \n alone: indexOf finds them far faster than a loop over characters.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * A range within one line, the same object for every caller that asks for the same one: ranges are
 * immutable values, and a scan of a monorepo keeps tens of thousands of findings whose versions sit
 * at the same few lines and columns (the same indentation, manifest after manifest), each of which
 * would otherwise keep three objects of its own. Ranges past the first 4,096 lines, 1,024 columns
 * or 255 characters are made anew, and so is every one past the first 100,000 kept.
 */
export function lineRange(line: number, start: number, end: number): Range {
  const length = end - start;
  if (!(line >= 0 && line < 4096 && start >= 0 && start < 1024 && length >= 0 && length < 256)) return newLineRange(line, start, end);
  const key = (line * 1024 + start) * 256 + length;
  let range = lineRanges.get(key);
  if (range === undefined) {
    range = newLineRange(line, start, end);
    if (lineRanges.size < 100_000) lineRanges.set(key, range);
  }
  return range;
}

function newLineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const lineRanges = new Map<number, Range>();
