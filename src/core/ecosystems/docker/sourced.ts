/**
 * Text that remembers where each of its characters came from in the file: a Dockerfile line joined
 * across `\` continuations, a value after `${VAR}` substitution. A reference read out of it can
 * then be traced back to the text a user wrote (a tag, an `ARG` default, a `${VAR:-default}`
 * word), which is what a finding underlines and a bump edits.
 */
export interface Sourced {
  readonly text: string;
  /** Offset in the file of each character of `text`. */
  readonly at: readonly number[];
  /**
   * The written stretch each character stands for: itself for a literal, the whole `${VAR}`
   * expression for a character that came out of a variable.
   */
  readonly written: readonly (readonly [number, number])[];
}

/** A stretch of the file's text, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** `text` as it stands in the file from `offset` on. */
export function literal(text: string, offset: number): Sourced {
  // Plain loops: Array.from with a callback and flatMap are many times slower, and a Dockerfile
  // may hold thousands of these lines.
  const at: number[] = new Array<number>(text.length);
  const written: (readonly [number, number])[] = new Array<readonly [number, number]>(text.length);
  for (let i = 0; i < text.length; i++) {
    at[i] = offset + i;
    written[i] = [offset + i, offset + i + 1];
  }
  return { text, at, written };
}

export function slice(s: Sourced, start: number, end: number): Sourced {
  return { text: s.text.slice(start, end), at: s.at.slice(start, end), written: s.written.slice(start, end) };
}

export function concat(parts: readonly Sourced[]): Sourced {
  if (parts.length === 1) return parts[0]!;
  let text = '';
  const at: number[] = [];
  const written: (readonly [number, number])[] = [];
  for (const p of parts) {
    text += p.text;
    for (let i = 0; i < p.at.length; i++) {
      at.push(p.at[i]!);
      written.push(p.written[i]!);
    }
  }
  return { text, at, written };
}

/** Where the characters [start, end) of `s` came from, if they lie side by side in `file` as they are. */
export function faithfulSpan(file: string, s: Sourced, start: number, end: number): Span | undefined {
  if (end <= start) return undefined;
  const from = s.at[start]!;
  const to = s.at[end - 1]! + 1;
  return to - from === end - start && file.slice(from, to) === s.text.slice(start, end) ? { start: from, end: to } : undefined;
}

/** The stretch of `file` written for the characters [start, end) of `s` (variables as written). */
export function writtenSpan(s: Sourced, start: number, end: number): Span | undefined {
  if (end <= start) return undefined;
  return { start: s.written[start]![0], end: s.written[end - 1]![1] };
}

/**
 * What a variable stands for: its value (with its own origins); undefined when it has none (a
 * build argument declared without a default: a `${NAME:-word}` takes the word); null when it has
 * one nobody can know here (a default made of another unknown), which expands nothing.
 */
export type Lookup = (name: string) => Sourced | undefined | null;

/** Whether substitution left a variable as written. */
export function unresolved(s: Sourced): boolean {
  return s.text.includes('$');
}

/** A `${...}` or `$NAME` that could not be expanded is left as written. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Expands `$NAME`, `${NAME}` and the default forms both Dockerfiles and compose files know
 * (`${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`); `${NAME:?msg}` and anything
 * else expands only when the variable has a value. A variable without a value (a build argument
 * given only on the command line, an environment variable) stays as written, so the text keeps
 * its `$` and reads as unknown. `$$` is a literal `$` when `dollarEscape` (compose).
 */
export function substitute(s: Sourced, lookup: Lookup, dollarEscape: boolean): Sourced {
  if (!s.text.includes('$')) return s;
  const out: Sourced[] = [];
  let i = 0;
  let lit = 0;
  const flush = (to: number): void => {
    if (to > lit) out.push(slice(s, lit, to));
  };
  while (i < s.text.length) {
    if (s.text[i] !== '$') {
      i++;
      continue;
    }
    if (dollarEscape && s.text[i + 1] === '$') {
      flush(i);
      out.push(slice(s, i + 1, i + 2));
      i += 2;
      lit = i;
      continue;
    }
    const expr = readExpression(s.text, i);
    if (!expr) {
      i++;
      continue;
    }
    const value = expand(expr, s, lookup);
    if (value !== undefined) {
      flush(i);
      // Characters from a variable stand for the whole expression as written.
      const span: readonly [number, number] = [s.written[i]![0], s.written[expr.end - 1]![1]];
      out.push({ text: value.text, at: value.at, written: value.written.map((w) => (value.fromWord ? w : span)) });
      lit = expr.end;
    }
    i = expr.end;
  }
  flush(s.text.length);
  return concat(out);
}

interface Expression {
  readonly name: string;
  readonly op: string;
  /** Where the word after the operator starts and ends in the text being expanded. */
  readonly wordStart: number;
  readonly wordEnd: number;
  readonly end: number;
}

function readExpression(text: string, at: number): Expression | undefined {
  if (text[at + 1] !== '{') {
    const m = NAME.exec(text.slice(at + 1, at + 1 + 256));
    return m ? { name: m[0], op: '', wordStart: at, wordEnd: at, end: at + 1 + m[0].length } : undefined;
  }
  const close = text.indexOf('}', at + 2);
  if (close < 0) return undefined;
  const inner = text.slice(at + 2, close);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+?]|)/.exec(inner);
  if (!m) return undefined;
  const wordStart = at + 2 + m[0].length;
  // `${NAME}` must end after the name; `${NAME#x}` and other shell operators are not expanded.
  if (m[2] === '' && wordStart !== close) return undefined;
  return { name: m[1]!, op: m[2]!, wordStart, wordEnd: close, end: close + 1 };
}

function expand(e: Expression, s: Sourced, lookup: Lookup): (Sourced & { fromWord: boolean }) | undefined {
  const value = lookup(e.name);
  if (value === null) return undefined;
  const word = slice(s, e.wordStart, e.wordEnd);
  const fromValue = value ? { ...value, fromWord: false } : undefined;
  const fromWord = { ...word, fromWord: true };
  const empty = { text: '', at: [], written: [], fromWord: false };
  switch (e.op) {
    case '':
    case ':?':
    case '?':
      return fromValue;
    case ':-':
      return value && value.text !== '' ? fromValue : fromWord;
    case '-':
      return value ? fromValue : fromWord;
    case ':+':
      return value && value.text !== '' ? fromWord : value ? empty : undefined;
    case '+':
      return value ? fromWord : undefined;
    default:
      return undefined;
  }
}
