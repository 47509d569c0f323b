import { LineIndex, type Range } from '../../src/core/positions';

/**
 * What a target asserts about a parser's answer besides "it returned": every range lies inside the
 * text, and where the contract says what a range spans (a dependency's version text or name), the
 * text there is that. Violations are collected, not thrown, so a crash and a bad range stay apart.
 */
export class Checks {
  readonly violations: string[] = [];
  private index: LineIndex | undefined;

  constructor(readonly text: string) {}

  private lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  /** The range round-trips through the text's line table: its lines exist and its characters are on them. */
  inside(range: Range | undefined, what: string): boolean {
    if (!isRange(range)) {
      this.violations.push(`${what}: not a range: ${JSON.stringify(range)}`);
      return false;
    }
    const lines = this.lines();
    const ok =
      [range.start, range.end].every(
        (p) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.lineCount,
      ) &&
      samePosition(lines.positionAt(lines.offsetAt(range.start)), range.start) &&
      samePosition(lines.positionAt(lines.offsetAt(range.end)), range.end) &&
      lines.offsetAt(range.start) <= lines.offsetAt(range.end);
    if (!ok) this.violations.push(`${what}: range ${show(range)} lies outside the text (${lines.lineCount} lines, ${this.text.length} characters)`);
    return ok;
  }

  /**
   * The text at the range is one of `expected`, as written or read as its format reads it: escapes
   * decoded as JSON/YAML double quotes do, or lines continued with a `\\` at their end joined (pip's
   * requirement lines, a Dockerfile's instructions; README, "Where the format leaves a choice open").
   */
  spans(range: Range, expected: readonly (string | null | undefined)[], what: string): void {
    if (!this.inside(range, what)) return;
    const lines = this.lines();
    const at = this.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
    const wanted = expected.filter((e): e is string => typeof e === 'string');
    const readings = at.includes('\\') ? [decodeEscapes(at), at.replace(/\\(?:\r\n|\r|\n)/g, '')] : [];
    if (wanted.includes(at) || readings.some((r) => r !== undefined && wanted.includes(r))) return;
    this.violations.push(`${what}: range ${show(range)} spans ${clip(at)}, expected ${wanted.map(clip).join(' or ')}`);
  }

  /** The text at the range holds one of `expected` (a lockfile's reference around its version). */
  contains(range: Range, expected: readonly string[], what: string): void {
    if (!this.inside(range, what)) return;
    const lines = this.lines();
    const at = this.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
    if (!expected.some((e) => at.includes(e))) this.violations.push(`${what}: range ${show(range)} spans ${clip(at)}, which holds none of ${expected.map((e) => clip(e)).join(', ')}`);
  }

  /** Every range anywhere inside `value` (problems, source references, fields) lies inside the text. */
  allInside(value: unknown, what: string): void {
    const seen = new Set<unknown>();
    const visit = (v: unknown, path: string): void => {
      if (typeof v !== 'object' || v === null || seen.has(v)) return;
      seen.add(v);
      if (isRange(v)) {
        this.inside(v, `${what}${path}`);
        return;
      }
      for (const [k, child] of Object.entries(v)) visit(child, `${path}.${k}`);
    };
    visit(value, '');
  }

  ok(condition: boolean, message: string): void {
    if (!condition) this.violations.push(message);
  }
}

function isRange(v: unknown): v is Range {
  const r = v as Range | undefined;
  return typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end);
}

function isPosition(p: unknown): boolean {
  return typeof p === 'object' && p !== null && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

function decodeEscapes(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

function show(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A value short enough for a one-line report. */
export function clip(s: string, max = 60): string {
  const j = JSON.stringify(s);
  return j.length <= max ? j : `${j.slice(0, max - 12)}…(${s.length} chars)`;
}
