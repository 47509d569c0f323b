/**
 * Tokens of a Groovy or Kotlin build script, enough to read dependency declarations exactly:
 * comments (`//`, `/* *\/`) are skipped, strings (`'…'`, `"…"`, `'''…'''`, `"""…"""`) keep the
 * offsets of their content, and a GString's `${…}` is skipped as a whole so a quote or brace
 * inside it never ends the string early. Anything else is an identifier or one punctuation
 * character. Linear in the text; any text is read, nothing throws.
 */
export interface Token {
  readonly kind: 'ident' | 'string' | 'punct';
  /** The identifier, the punctuation character, or the string's content as written. */
  readonly text: string;
  /** Offsets of the identifier or the string's content (without quotes). */
  readonly start: number;
  readonly end: number;
  /** A double-quoted string with `$name` or `${…}` in it: its text is not its value. */
  readonly interpolated: boolean;
  /** A line ends between the previous token and this one. */
  readonly newline: boolean;
}

const IDENT_START = /[A-Za-z_]/;

/** Char-code tests: a regular expression per character costs several times more on large scripts. */
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function tokenize(text: string, kotlin: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let newline = true;
  const n = text.length;
  const push = (kind: Token['kind'], start: number, end: number, interpolated = false): void => {
    tokens.push({ kind, text: text.slice(start, end), start, end, interpolated, newline });
    newline = false;
  };
  if (text.startsWith('#!')) i = lineEnd(text, 0);
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      newline = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\uFEFF') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      if (text.slice(i, end).includes('\n')) newline = true;
      i = end;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      const start = i + quote.length;
      // Kotlin's raw strings have no escapes; Groovy's triple-quoted ones do.
      const escapes = !(kotlin && triple);
      const read = readString(text, start, quote, escapes, c === '"');
      // An unclosed string (a script being typed) is no value: never read as a declaration.
      push(read.closed ? 'string' : 'punct', start, read.end, read.interpolated);
      i = Math.min(n, read.end + (read.closed ? quote.length : 0));
    } else if (isLetter(text.charCodeAt(i))) {
      let j = i + 1;
      for (let k = text.charCodeAt(j); j < n && (isLetter(k) || isDigit(k) || k === 36); k = text.charCodeAt(++j));
      push('ident', i, j);
      i = j;
    } else if (isDigit(text.charCodeAt(i))) {
      let j = i + 1;
      for (let k = text.charCodeAt(j); j < n && (isLetter(k) || isDigit(k) || k === 46); k = text.charCodeAt(++j));
      push('punct', i, j);
      i = j;
    } else {
      push('punct', i, i + 1);
      i++;
    }
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/**
 * The content of a string from `start` up to its closing quote (exclusive). A one-line string
 * ends at the line's end when it is not closed (the script is being edited): the rest of the file
 * is still read.
 */
function readString(text: string, start: number, quote: string, escapes: boolean, templates: boolean): { end: number; closed: boolean; interpolated: boolean } {
  const n = text.length;
  const single = quote.length === 1;
  let interpolated = false;
  let i = start;
  while (i < n) {
    const c = text[i]!;
    if (escapes && c === '\\') {
      i += 2;
      continue;
    }
    if (single && (c === '\n' || c === '\r')) return { end: i, closed: false, interpolated };
    if (text.startsWith(quote, i)) {
      // `""""` ends a triple-quoted string with a quote inside it: the last three close it.
      if (!single) while (text[i + 3] === quote[0] && i + 3 < n) i++;
      return { end: i, closed: true, interpolated };
    }
    if (templates && c === '$' && i + 1 < n) {
      const next = text[i + 1]!;
      if (next === '{') {
        interpolated = true;
        i = skipTemplate(text, i + 2);
        continue;
      }
      if (IDENT_START.test(next)) interpolated = true;
    }
    i++;
  }
  return { end: Math.min(i, n), closed: false, interpolated };
}

/** Past the `}` that closes a `${`, counting nested braces; strings inside are skipped whole. */
function skipTemplate(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if ((c === '\n' || c === '\r') && i - from > 400) return i; // no real template runs this long
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    else if (c === '"' || c === "'") {
      // A string inside the template, closed on its own line; else the template ends here. Scanned
      // char by char (never indexOf to the file's end, which made many templates quadratic).
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n' && text[j] !== '\r') j++;
      if (text[j] !== c) return i;
      i = j;
    }
    i++;
  }
  return i;
}
