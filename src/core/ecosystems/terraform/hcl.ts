import type { Span } from '../yamlUses';

/**
 * A small, total reader of HCL's native syntax: enough structure to find a file's blocks
 * (`module "vpc" { … }`, `terraform { required_providers { … } }`) and the string values of their
 * attributes, with exact offsets. Why not a full parser: no small pure-JS HCL parser with positions
 * is kept up, and a tree-sitter grammar costs several MB of WebAssembly and an asynchronous start
 * for the few values read here. What it must never be fooled by, it reads as HCL does: quoted
 * strings with `${…}`/`%{…}` templates (which may hold strings and braces of their own), heredocs
 * (`<<EOF`, `<<-EOF`), comments (`#`, `//`, `/* … *\/`), and blocks, objects, tuples and calls
 * nested in any way. Expressions are not evaluated: a value is read only when it is one literal
 * string. Never throws; every span lies inside the text; time is linear in the text.
 */

export type TokenKind = 'ident' | 'string' | 'open' | 'close' | 'newline' | 'punct' | 'other';

export interface Token {
  readonly kind: TokenKind;
  /** The whole token as written (with quotes for a string). */
  readonly span: Span;
  /** A string's content between its quotes, as written (escapes and templates kept). */
  readonly inner?: Span;
}

export interface HclProblem {
  readonly message: string;
  readonly span: Span;
}

/**
 * Terraform files are kilobytes; a generated one of megabytes is not read for uses. The reader
 * takes about 0.1 s per megabyte, three times that on a busy machine: this keeps a file well
 * under a second.
 */
export const MAX_HCL_CHARS = 1_000_000;

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

/** The tokens of a text; comments and blanks dropped, newlines kept (they end attributes). */
export function tokenize(text: string): { tokens: Token[]; problems: HclProblem[] } {
  const tokens: Token[] = [];
  const problems: HclProblem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '\n') {
      tokens.push({ kind: 'newline', span: { start: i, end: i + 1 } });
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        problems.push({ message: 'this `/*` comment is never closed; end it with `*/`', span: { start: i, end: i + 2 } });
        i = text.length;
      } else {
        i = close + 2;
      }
    } else if (c === '"') {
      const end = stringEnd(text, i + 1);
      if (end.closed) {
        tokens.push({ kind: 'string', span: { start: i, end: end.at + 1 }, inner: { start: i + 1, end: end.at } });
        i = end.at + 1;
      } else {
        problems.push({ message: 'this string is not closed on its line; end it with `"`', span: { start: i, end: end.at } });
        tokens.push({ kind: 'other', span: { start: i, end: end.at } });
        i = end.at;
      }
    } else if (c === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const end = heredocEnd(text, i, problems);
      tokens.push({ kind: 'other', span: { start: i, end } });
      i = end;
    } else if (c === '{' || c === '[' || c === '(') {
      tokens.push({ kind: 'open', span: { start: i, end: i + 1 } });
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      tokens.push({ kind: 'close', span: { start: i, end: i + 1 } });
      i++;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j]!)) j++;
      tokens.push({ kind: 'ident', span: { start: i, end: j } });
      i = j;
    } else {
      tokens.push({ kind: c === '=' || c === ',' || c === ':' ? 'punct' : 'other', span: { start: i, end: i + 1 } });
      i++;
    }
  }
  return { tokens, problems };
}

/**
 * Where a quoted string that starts at `from` (after its `"`) ends: the offset of its closing quote,
 * or of the line end when it has none (inside a template's `${ … }`, lines may break, as HCL allows). A template sequence `${…}` or `%{…}` is an expression of its
 * own, with its own braces and strings; `$${` and `%%{` are escapes, not templates. An explicit
 * stack keeps the nesting off the call stack.
 */
function stringEnd(text: string, from: number): { at: number; closed: boolean } {
  // Each entry is what the level waits for: a `"` (inside a string) or a `}` (inside a template).
  const stack: ('"' | '}')[] = ['"'];
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1]!;
    // A string's own text ends at its line; the expression of a template may go on to the next.
    if (c === '\n' && top === '"') break;
    if (top === '"') {
      if (c === '\\') i += 2;
      else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') i += 3;
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        stack.push('}');
        i += 2;
      } else if (c === '"') {
        stack.pop();
        if (stack.length === 0) return { at: i, closed: true };
        i++;
      } else i++;
    } else if (c === '"') {
      stack.push('"');
      i++;
    } else if (c === '{') {
      stack.push('}');
      i++;
    } else if (c === '}') {
      stack.pop();
      i++;
    } else i++;
  }
  return { at: Math.min(i, text.length), closed: false };
}

/** Where a heredoc that starts at `from` (`<<EOF` or `<<-EOF`) ends: after its closing line. */
function heredocEnd(text: string, from: number, problems: HclProblem[]): number {
  const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(from, from + 300));
  if (!m) return from + 2;
  const marker = m[1]!;
  let line = from + m[0].length;
  while (line <= text.length) {
    let end = text.indexOf('\n', line);
    if (end < 0) end = text.length;
    if (text.slice(line, end).trim() === marker) return end;
    if (end === text.length) break;
    line = end + 1;
  }
  problems.push({ message: `this heredoc is never closed; end it with a line holding only \`${marker}\``, span: { start: from, end: from + 2 + marker.length } });
  return text.length;
}

/** One item of a body: an attribute `name = value` or a block `type "label" … { … }`. */
export type Item =
  | { readonly kind: 'attribute'; readonly name: Token; readonly value: Value }
  | { readonly kind: 'block'; readonly type: Token; readonly labels: readonly Token[]; readonly body: Body };

/** An attribute's value: its tokens and where they start among the file's tokens. */
export interface Value {
  readonly tokens: readonly Token[];
  readonly at: number;
}

/** A body: the tokens between a block's (or an object's) braces, read lazily. */
export interface Body {
  readonly from: number;
  readonly to: number;
}

/** A text's tokens with each bracket's partner, so a body or a value is skipped without recursion. */
export class HclFile {
  readonly tokens: Token[];
  readonly problems: HclProblem[];
  /** For each opening bracket, the index of its closing one (or the end when it has none). */
  private readonly partner = new Map<number, number>();

  constructor(readonly text: string) {
    const read = text.length > MAX_HCL_CHARS ? { tokens: [], problems: [{ message: `this file is larger than ${MAX_HCL_CHARS / 1_000_000} MB; it was not read`, span: { start: 0, end: 0 } }] } : tokenize(text);
    this.tokens = read.tokens;
    this.problems = read.problems;
    const open: number[] = [];
    this.tokens.forEach((t, i) => {
      if (t.kind === 'open') open.push(i);
      else if (t.kind === 'close' && open.length > 0) this.partner.set(open.pop()!, i);
    });
    for (const i of open) this.partner.set(i, this.tokens.length);
    // The outermost one says where to look; the ones inside it are the same mistake's echo.
    const first = open[0];
    if (first !== undefined) this.problems.push({ message: `this \`${text[this.tokens[first]!.span.start]}\` is never closed`, span: this.tokens[first]!.span });
  }

  get root(): Body {
    return { from: 0, to: this.tokens.length };
  }

  /** The text a token is written as. */
  textOf(t: Token): string {
    return this.text.slice(t.span.start, t.span.end);
  }

  /**
   * The items of a body. Newlines and commas separate items (commas only appear in objects); `:`
   * stands for `=` in objects. A line that is neither an attribute nor a block is skipped.
   */
  items(body: Body): Item[] {
    const out: Item[] = [];
    const tokens = this.tokens;
    let i = body.from;
    while (i < body.to) {
      const t = tokens[i]!;
      if (t.kind === 'newline' || (t.kind === 'punct' && this.textOf(t) === ',')) {
        i++;
        continue;
      }
      const next = tokens[i + 1];
      if ((t.kind === 'ident' || t.kind === 'string') && next && i + 1 < body.to && (this.textOf(next) === '=' || this.textOf(next) === ':')) {
        const end = this.valueEnd(i + 2, body.to);
        out.push({ kind: 'attribute', name: t, value: { tokens: tokens.slice(i + 2, end), at: i + 2 } });
        i = end;
        continue;
      }
      if (t.kind === 'ident') {
        let j = i + 1;
        const labels: Token[] = [];
        while (j < body.to && (tokens[j]!.kind === 'string' || tokens[j]!.kind === 'ident')) labels.push(tokens[j++]!);
        if (j < body.to && tokens[j]!.kind === 'open' && this.textOf(tokens[j]!) === '{') {
          const close = this.partner.get(j)!;
          out.push({ kind: 'block', type: t, labels, body: { from: j + 1, to: Math.min(close, body.to) } });
          i = close + 1;
          continue;
        }
      }
      // Not an item: skip to the end of its line, brackets and all.
      const end = this.valueEnd(i, body.to);
      i = end > i ? end : i + 1;
    }
    return out;
  }

  /** The end of a value that starts at `from`: the first newline or comma outside brackets. */
  private valueEnd(from: number, to: number): number {
    let i = from;
    while (i < to) {
      const t = this.tokens[i]!;
      if (t.kind === 'newline' || (t.kind === 'punct' && this.textOf(t) === ',')) return i;
      i = t.kind === 'open' ? Math.min(this.partner.get(i)! + 1, to) : i + 1;
    }
    return to;
  }

  /** An object value `{ … }` as a body, or undefined for any other value. */
  object(value: Value): Body | undefined {
    const first = value.tokens[0];
    if (!first || first.kind !== 'open' || this.textOf(first) !== '{') return undefined;
    const close = this.partner.get(value.at)!;
    if (close !== value.at + value.tokens.length - 1) return undefined;
    return { from: value.at + 1, to: close };
  }
}

/** A value that is one quoted string: its content as written and where it is; undefined otherwise. */
export function literal(file: HclFile, value: Value | undefined): { value: string; span: Span } | undefined {
  if (!value || value.tokens.length !== 1 || value.tokens[0]!.kind !== 'string') return undefined;
  const inner = value.tokens[0]!.inner!;
  return { value: file.text.slice(inner.start, inner.end), span: inner };
}

/** The name of an attribute or an object key, unquoted. */
export function keyOf(file: HclFile, t: Token): string {
  return t.kind === 'string' && t.inner ? file.text.slice(t.inner.start, t.inner.end) : file.textOf(t);
}

/** The attributes and blocks of a body, by name: the last attribute of a name, every block of a type. */
export function attribute(file: HclFile, items: readonly Item[], name: string): Value | undefined {
  let found: Value | undefined;
  for (const it of items) if (it.kind === 'attribute' && keyOf(file, it.name) === name) found = it.value;
  return found;
}

export function blocks(file: HclFile, items: readonly Item[], type: string): Extract<Item, { kind: 'block' }>[] {
  return items.filter((it): it is Extract<Item, { kind: 'block' }> => it.kind === 'block' && file.textOf(it.type) === type);
}
