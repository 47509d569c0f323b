import { LineIndex } from '../../positions';
import type { ParseProblem } from './common';

/**
 * A reader for the indented `key: value` text that yarn and pnpm write. Why not the `yaml` package:
 * it reads a realistic 8 MB pnpm-lock.yaml in ~12 s, and the scan budget for a whole monorepo is
 * about what JSON.parse of its files costs. Lockfiles are machine-written in a small, stable subset
 * (block mappings, one key per line, plain or quoted scalars, one-line flow values), which this
 * reads in one pass with exact offsets and can skip whole sections (pnpm's `packages`) unread.
 *
 * Two syntaxes share it:
 * - `yaml`: `key: value` / `key:` (yarn berry, pnpm); keys and values plain, 'single' or "double" quoted.
 * - `yarn1`: yarn classic, where fields are `key value` and a top-level line is an entry header
 *   ending in `:` whose key is the raw, still quoted list of descriptors (see splitDescriptors).
 */
export type LineSyntax = 'yaml' | 'yarn1';

export interface KeyLine {
  readonly indent: number;
  readonly key: string;
  /** The value without quotes; undefined when the line opens a nested block (`key:`). */
  readonly value: string | undefined;
  /** Offsets of the value's text without quotes (an empty span at the line's end without a value). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/**
 * Called for each key line with the keys of its ancestors (a view that is only valid during the
 * call). Returning true skips the line's children unread.
 */
export type LineVisitor = (line: KeyLine, parents: readonly string[]) => boolean | void;

const NEXT_TOP_LEVEL_LINE = /\n(?=[^\s#])/g;

export function scanKeyLines(text: string, syntax: LineSyntax, visit: LineVisitor): ParseProblem | undefined {
  const indents: number[] = [];
  const parents: string[] = [];
  let skipDeeperThan = -1;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const end = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const lineStart = pos;
    pos = eol + 1;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    if (i === end || text.charCodeAt(i) === 35 /* # */) continue;
    if (skipDeeperThan >= 0) {
      if (indent > skipDeeperThan) continue;
      skipDeeperThan = -1;
    }
    // YAML document markers: pnpm may write an environment document before the main one.
    if (indent === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(text.slice(i, i + 4))) continue;
    const line = syntax === 'yarn1' && indent === 0 ? readHeader(text, i, end) : readKeyLine(text, i, end, syntax, indent);
    if (typeof line === 'string') return { message: line, range: new LineIndex(text).range(lineStart, end) };
    while (indents.length > 0 && indents[indents.length - 1]! >= indent) {
      indents.pop();
      parents.pop();
    }
    const skip = visit(line, parents);
    if (line.value === undefined) {
      indents.push(indent);
      parents.push(line.key);
    }
    if (skip && line.value === undefined) {
      if (indent > 0) {
        skipDeeperThan = indent;
      } else {
        // Skipping a top-level section (pnpm's `packages`) is a regular-expression jump, not a loop.
        NEXT_TOP_LEVEL_LINE.lastIndex = lineStart;
        const next = NEXT_TOP_LEVEL_LINE.exec(text);
        pos = next ? next.index + 1 : text.length;
      }
    }
  }
  return undefined;
}

/** A yarn classic entry header: everything before the final colon. */
function readHeader(text: string, start: number, end: number): KeyLine | string {
  let last = end;
  while (last > start && /\s/.test(text.charAt(last - 1))) last--;
  if (text.charCodeAt(last - 1) !== 58 /* : */) return 'Expected an entry like `name@range:` in this yarn.lock';
  return { indent: 0, key: text.slice(start, last - 1).trim(), value: undefined, valueStart: last, valueEnd: last };
}

function readKeyLine(text: string, start: number, end: number, syntax: LineSyntax, indent: number): KeyLine | string {
  let key: string;
  let i: number;
  const first = text.charCodeAt(start);
  if (first === 34 /* " */ || first === 39 /* ' */) {
    const quoted = readQuoted(text, start, end);
    if (!quoted) return 'Unterminated quoted string';
    key = quoted.value;
    i = quoted.next;
  } else if (syntax === 'yaml') {
    i = plainKeyEnd(text, start, end);
    if (i < 0) return 'Expected `key: value` (this file is not in the format the package manager writes)';
    key = text.slice(start, i).trimEnd();
  } else {
    i = start;
    while (i < end && !/[\s:]/.test(text.charAt(i))) i++;
    key = text.slice(start, i);
  }
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) === 58 /* : */) i++;
  else if (syntax === 'yaml') return 'Expected a colon after the key';
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (i >= end || text.charCodeAt(i) === 35 /* # */) return { indent, key, value: undefined, valueStart: end, valueEnd: end };
  const c = text.charCodeAt(i);
  if (c === 34 || c === 39) {
    const quoted = readQuoted(text, i, end);
    if (!quoted) return 'Unterminated quoted string';
    return { indent, key, value: quoted.value, valueStart: i + 1, valueEnd: quoted.next - 1 };
  }
  // A plain scalar runs to the end of the line or to a ` #` comment (searched within the line only:
  // a search of the rest of the text on every line would make a big lockfile quadratic).
  const comment = syntax === 'yaml' ? text.slice(i, end).indexOf(' #') : -1;
  let valueEnd = comment >= 0 ? i + comment : end;
  while (valueEnd > i && /\s/.test(text.charAt(valueEnd - 1))) valueEnd--;
  return { indent, key, value: text.slice(i, valueEnd), valueStart: i, valueEnd };
}

/** A plain YAML key ends at the first `:` followed by a space or the end of the line. */
function plainKeyEnd(text: string, start: number, end: number): number {
  let i = text.indexOf(':', start);
  while (i >= 0 && i < end) {
    const next = text.charCodeAt(i + 1);
    if (i + 1 >= end || next === 32 || next === 9) return i;
    i = text.indexOf(':', i + 1);
  }
  return -1;
}

/** A quoted scalar starting at `start`: its decoded value and the offset after the closing quote. */
export function readQuoted(text: string, start: number, end: number): { value: string; next: number } | undefined {
  const quote = text.charCodeAt(start);
  let i = start + 1;
  let escaped = false;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92 /* \ */) {
      escaped = true;
      i += 2;
      continue;
    }
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        escaped = true;
        i += 2;
        continue;
      }
      const raw = text.slice(start + 1, i);
      return { value: escaped ? unescape(raw, quote) : raw, next: i + 1 };
    }
    i++;
  }
  return undefined;
}

function unescape(raw: string, quote: number): string {
  if (quote === 39) return raw.replace(/''/g, "'");
  try {
    // YAML's double-quoted escapes are a superset of JSON's; the common ones decode the same.
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Descriptors of one yarn entry: classic writes `"a@^1", "a@^1.2"` (each quoted when needed),
 * berry writes one quoted string `"a@npm:^1, a@npm:^1.2"`. Commas never occur in a descriptor.
 */
export function splitDescriptors(key: string): string[] {
  const descriptors: string[] = [];
  let i = 0;
  while (i < key.length) {
    while (i < key.length && /[\s,]/.test(key.charAt(i))) i++;
    if (i >= key.length) break;
    const c = key.charCodeAt(i);
    if (c === 34 || c === 39) {
      const quoted = readQuoted(key, i, key.length);
      if (quoted) {
        descriptors.push(quoted.value);
        i = quoted.next;
        continue;
      }
    }
    let j = key.indexOf(',', i);
    if (j < 0) j = key.length;
    descriptors.push(key.slice(i, j).trim());
    i = j;
  }
  return descriptors;
}
