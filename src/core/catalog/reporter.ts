import { LineIndex, type Range } from '../positions';
import type { SourceProblem } from '../types';

/** A stretch of the text as UTF-16 offsets, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const MAX_PROBLEMS = 1000;

/** Collects problems of one file with ranges that always lie inside its text. */
export class Reporter {
  readonly problems: SourceProblem[] = [];
  readonly index: LineIndex;
  // A node reached through several aliases is checked once per use; say each problem once.
  private readonly seen = new Set<string>();
  constructor(readonly file: string, text: string) {
    this.index = new LineIndex(text);
  }
  range(span: Span): Range {
    return this.index.range(span.start, Math.max(span.start, span.end));
  }
  error(span: Span, message: string): void {
    this.add(span, message, 'error');
  }
  warning(span: Span, message: string): void {
    this.add(span, message, 'warning');
  }
  get hasErrors(): boolean {
    return this.errorSpans.length > 0;
  }
  /** Whether an error was reported inside `span`: the builder leaves such entries out of the model. */
  hasErrorWithin(span: Span): boolean {
    // Sorted once and searched, so a huge file full of errors stays linear-ish, not quadratic.
    if (!this.sorted) {
      this.errorSpans.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
    let lo = 0;
    let hi = this.errorSpans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.errorSpans[mid]!.start < span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.errorSpans.length && this.errorSpans[i]!.start <= span.end; i++) {
      if (this.errorSpans[i]!.end <= span.end) return true;
    }
    return false;
  }
  private readonly errorSpans: Span[] = [];
  private sorted = true;
  private add(span: Span, message: string, severity: SourceProblem['severity']): void {
    const key = `${span.start}:${span.end}:${severity}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (severity === 'error') {
      this.errorSpans.push(span);
      this.sorted = false;
    }
    // Nobody reads the 1001st problem of a broken file; the editor and the CLI stay responsive.
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ file: this.file, range: this.range(span), message, severity });
    else this.overflow ??= { file: this.file, range: this.range(span), message: `more than ${MAX_PROBLEMS} problems; fix these first, the rest are not shown`, severity: 'error' };
  }

  /** The problems in the order of the text, the note about any left out at the end. */
  sortedProblems(): SourceProblem[] {
    const sorted = [...this.problems].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return this.overflow ? [...sorted, this.overflow] : sorted;
  }
  private overflow: SourceProblem | undefined;
}

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}
