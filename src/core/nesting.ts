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
 * per object and array (a manifest has a few dozen), not per character. Iterative: any depth.
 */
export function valueTooDeep(value: unknown, max: number = MAX_NESTING): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Tokens of yaml's lexer that mark a token's type and are not part of the source text. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

/**
 * The same for YAML: the offset of the first flow `[` or `{` past `max` levels, read with the yaml
 * package's lexer (linear, and it stops here), so quoted and block scalars and comments never count.
 * Block collections nest by indentation, which the yaml package reads without trouble.
 */
export function yamlTooDeepAt(text: string, max: number = MAX_NESTING): number | undefined {
  if (!text.includes('[') && !text.includes('{')) return undefined;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) continue;
    if (token === '[' || token === '{') {
      if (++depth > max) return offset;
    } else if ((token === ']' || token === '}') && depth > 0) depth--;
    offset += token.length;
  }
  return undefined;
}

/** The sentence a refused file gets, at the offset the functions above return. */
export function tooDeepMessage(what: string, max: number = MAX_NESTING): string {
  return `${what} is nested more than ${max} levels deep here, more than Platform Guide reads; flatten it`;
}
