import { Lexer } from 'yaml';

/**
 * How deep a file's arrays and objects may nest. jsonc-parser's parseTree and visit, the yaml
 * package's composer and the engine's own tree walks recurse once per level, so about 5,000 levels
 * (a 10 KB file) overflow the stack, and deep flow collections make the yaml package run out of
 * memory, which cannot be caught. Files are measured here first, in one linear pass, and refused
 * past this depth with the place where it is exceeded. No tool writes manifests, lockfiles or
 * catalogs anywhere near this deep.
 */
export const MAX_NESTING = 200;

const QUOTE = 34; // "
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const NEWLINE = 10;

/**
 * The offset of the first `[` or `{` that opens level `max + 1` in JSON or JSONC text, or undefined
 * when the text stays within `max`. Strings and comments are skipped; brackets that do not balance
 * are counted as written (a syntax error is the parser's to report).
 */
export function jsonTooDeepAt(text: string, max: number = MAX_NESTING): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE || s === NEWLINE) break;
      }
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Whether a value JSON.parse returned nests past `max` levels of arrays and objects: the same test
 * as jsonTooDeepAt, over the parsed value instead of every character of the text, so a scan pays
 * per object and array (a manifest has a few dozen), not per character. Any depth: it stops past `max`.
 */
export function valueTooDeep(value: unknown, max: number = MAX_NESTING): boolean {
  return deeperThan(value, 1, max);
}

/**
 * Whether a JSON text holds at most `max` brackets that open an object or an array (counting those
 * inside strings too): each level of nesting opens one, so such a text cannot nest past `max`. A
 * manifest holds a handful; finding them with indexOf costs far less than walking its value.
 */
export function fewOpeningBrackets(text: string, max: number = MAX_NESTING): boolean {
  let n = 0;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) if (++n > max) return false;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++n > max) return false;
  return true;
}

/** Recursive, but never past `max` + 1 levels: it stops there. */
function deeperThan(v: unknown, depth: number, max: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (depth > max) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const child: unknown = v[i];
      if (typeof child === 'object' && child !== null && deeperThan(child, depth + 1, max)) return true;
    }
    return false;
  }
  // No array of values per object: a scan measures every manifest it reads.
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    const child: unknown = (v as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && deeperThan(child, depth + 1, max)) return true;
  }
  return false;
}

/** Tokens of yaml's lexer that mark a token's type and are not part of the source text. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

/** Block indicators (`- `, `? `, `key: `) that open a collection on the line they are written on (outside brackets). */
const BLOCK_INDICATORS = new Set(['-', '?', ':']);

/**
 * The same for YAML: the offset of the first flow `[` or `{` past `max` levels, or of the first
 * block indicator past `max` on one line (`- - - x`, `? ? x`, `a: b: c` nest without indenting), read
 * with the yaml package's lexer (linear, and it stops here), so quoted and block scalars and comments
 * never count. Block collections that nest by indentation the yaml package reads without trouble;
 * nested on one line it recurses per level, and thousands of levels (a few kilobytes) make it
 * overflow its stack, which it survives slowly (a second for 200 KB).
 */
export function yamlTooDeepAt(text: string, max: number = MAX_NESTING): number | undefined {
  const depth = new YamlDepth(max);
  for (const token of new Lexer().lex(text)) if (!depth.step(token)) return depth.offset;
  return undefined;
}

/**
 * The count of yamlTooDeepAt, one lexer token at a time, for a reader that lexes the text itself
 * (yamlParse.ts feeds the same tokens to the parser, so the check costs no second pass).
 */
export class YamlDepth {
  /** The offset of the token last stepped over, or of the one past the limit once `step` is false. */
  offset = 0;
  private flow = 0;
  private onLine = 0;

  constructor(private readonly max: number = MAX_NESTING) {}

  /** False when `token` opens a level past the limit. */
  step(token: string): boolean {
    if (CONTROL.has(token)) return true;
    if (token === '[' || token === '{') {
      if (++this.flow > this.max) return false;
    } else if ((token === ']' || token === '}') && this.flow > 0) this.flow--;
    else if (this.flow === 0 && BLOCK_INDICATORS.has(token)) {
      if (++this.onLine > this.max) return false;
    } else if (token === '\n' || token === '\r\n') this.onLine = 0;
    this.offset += token.length;
    return true;
  }
}

/** The sentence a refused file gets, at the offset the functions above return. */
export function tooDeepMessage(what: string, max: number = MAX_NESTING): string {
  return `${what} is nested more than ${max} levels deep here, more than Platform Guide reads; flatten it`;
}
