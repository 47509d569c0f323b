import type { Span } from '../yamlUses';

/**
 * A go.mod read into its directives with offsets, as the go command's own lexer reads it
 * (golang.org/x/mod/modfile): `//` comments to the end of the line, tokens split by spaces and tabs,
 * quoted strings (`"…"` with escapes, `` `…` `` raw) as single tokens, and the block form
 * `verb ( … )` in which each line is one directive of that verb. Lines end at `\n`; a `\r` before
 * it is a space, as for the go command; a byte-order mark is skipped. Never throws.
 */

/** One token of a directive: its value (unquoted) and where it is written. */
export interface Token {
  readonly value: string;
  /** The value's place: inside the quotes for a quoted token. */
  readonly span: Span;
  /** False when the value is not the text at `span` (a quoted string with escapes): `span` is then the whole token. */
  readonly exact: boolean;
}

/** One directive: `require example.com/m v1.2.3`, or a line of a `require ( … )` block. */
export interface Directive {
  /** The verb as written, on the directive's own line or on its block's opening line. */
  readonly verb: Token;
  readonly args: readonly Token[];
  /** The comment after it, without `//`, trimmed (`indirect`). */
  readonly comment: string;
  /** Where the directive's own line starts and ends (without its line end). */
  readonly line: Span;
}

export interface GoModRead {
  readonly directives: Directive[];
  readonly problems: { readonly message: string; readonly span: Span }[];
}

/** A go.mod is a few kilobytes; Kubernetes' is under 20. A file past this is not read. */
export const MAX_GO_MOD_CHARS = 5_000_000;

interface RawToken extends Token {
  /** `(` or `)` written as a token of its own. */
  readonly paren: boolean;
}

export function readGoMod(text: string): GoModRead {
  const read: GoModRead = { directives: [], problems: [] };
  if (typeof text !== 'string') return read;
  if (text.length > MAX_GO_MOD_CHARS) {
    read.problems.push({ message: `this go.mod is larger than ${MAX_GO_MOD_CHARS / 1_000_000} MB; it was not read`, span: { start: 0, end: 0 } });
    return read;
  }
  let block: { verb: Token; open: Span } | undefined;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    const { tokens, comment, problem } = tokenize(text, start, lineEnd);
    if (problem) read.problems.push(problem);
    else if (tokens.length > 0) {
      const line = { start, end: lineEnd };
      const first = tokens[0]!;
      if (block) {
        if (first.paren && first.value === ')') {
          block = undefined;
          if (tokens.length > 1) read.problems.push({ message: 'nothing may follow the `)` that closes a block on its line; move it to a line of its own', span: tokens[1]!.span });
        } else if (tokens.some((t) => t.paren)) {
          read.problems.push({ message: `a \`${block.verb.value} (\` block cannot hold another block; close it with \`)\` on a line of its own first`, span: tokens.find((t) => t.paren)!.span });
        } else {
          read.directives.push({ verb: block.verb, args: tokens, comment, line });
        }
      } else if (first.paren) {
        read.problems.push({ message: `\`${first.value}\` outside a block: a block starts with a verb, as in \`require (\``, span: first.span });
      } else if (tokens.length >= 2 && tokens[1]!.paren && tokens[1]!.value === '(') {
        if (tokens.length > 2 && !(tokens.length === 3 && tokens[2]!.paren && tokens[2]!.value === ')')) {
          read.problems.push({ message: `write the lines of a \`${first.value} (\` block on their own lines, after the \`(\``, span: tokens[2]!.span });
        } else if (tokens.length === 2) {
          block = { verb: first, open: tokens[1]!.span };
        }
      } else if (tokens.some((t) => t.paren)) {
        read.problems.push({ message: `unexpected \`${tokens.find((t) => t.paren)!.value}\` in a \`${first.value}\` line`, span: tokens.find((t) => t.paren)!.span });
      } else {
        read.directives.push({ verb: first, args: tokens.slice(1), comment, line });
      }
    }
    start = end + 1;
  }
  if (block) {
    read.problems.push({ message: `this \`${block.verb.value} (\` block is never closed; end it with \`)\` on a line of its own`, span: block.open });
  }
  return read;
}

/** The tokens of one line [start, end) and its trailing comment. */
function tokenize(text: string, start: number, end: number): { tokens: RawToken[]; comment: string; problem?: { message: string; span: Span } } {
  const tokens: RawToken[] = [];
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      return { tokens, comment: text.slice(i + 2, end).trim() };
    } else if (c === '(' || c === ')') {
      tokens.push({ value: c, span: { start: i, end: i + 1 }, exact: true, paren: true });
      i++;
    } else if (c === '"' || c === '`') {
      const close = closingQuote(text, i, end);
      if (close < 0) {
        return { tokens, comment: '', problem: { message: `this ${c === '"' ? 'quoted' : 'raw'} string is not closed on its line; end it with ${c}`, span: { start: i, end } } };
      }
      const raw = text.slice(i + 1, close);
      const escaped = c === '"' && raw.includes('\\');
      const value = escaped ? unquote(text.slice(i, close + 1)) : raw;
      if (value === undefined) {
        return { tokens, comment: '', problem: { message: 'this quoted string has an escape Go does not read; write the path without backslashes', span: { start: i, end: close + 1 } } };
      }
      tokens.push({ value, span: escaped ? { start: i, end: close + 1 } : { start: i + 1, end: close }, exact: !escaped, paren: false });
      i = close + 1;
    } else {
      let j = i;
      // The same characters end a word as start the other branches: the word holds at least one.
      while (j < end && !/[ \t\r\v\f()"`]/.test(text[j]!) && !(text[j] === '/' && text[j + 1] === '/')) j++;
      tokens.push({ value: text.slice(i, j), span: { start: i, end: j }, exact: true, paren: false });
      i = j;
    }
  }
  return { tokens, comment: '' };
}

function closingQuote(text: string, open: number, end: number): number {
  const q = text[open];
  for (let i = open + 1; i < end; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

/** A Go interpreted string literal's value, for the escapes JSON shares with Go; undefined for others. */
function unquote(quoted: string): string | undefined {
  try {
    const v: unknown = JSON.parse(quoted);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
