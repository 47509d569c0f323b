import type * as Toml from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import { LineIndex } from '../../positions';
import { MAX_NESTING, tooDeepMessage } from '../../nesting';
import type { ParseProblem } from '../types';
import type { Place } from '../yamlUses';

// toml-eslint-parser ships as an ES module only; Node 20.19+ and the bundler load it with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('toml-eslint-parser') as typeof Toml;

export type TomlNode = Toml.AST.TOMLNode;
export type TomlKeyValue = Toml.AST.TOMLKeyValue;
export type TomlContent = Toml.AST.TOMLContentNode;

/** No pyproject.toml is this large; a lockfile of thousands of packages is a few megabytes. */
const MAX_CHARS = 20_000_000;

/** A TOML text read into its tree, or the problem that kept it from being read. */
export interface TomlRead {
  readonly program: Toml.AST.TOMLProgram | undefined;
  readonly problems: ParseProblem[];
}

/**
 * Parses TOML with offsets on every node, never throwing: a syntax error is a problem at the place
 * the parser names, a file too large or nested too deep is refused before the recursive parser sees it.
 */
export function readToml(text: string, file: string): TomlRead {
  const problem = (at: number, message: string): TomlRead => {
    const index = new LineIndex(text);
    const o = Math.max(0, Math.min(at, text.length));
    return { program: undefined, problems: [{ message, range: index.range(o, Math.min(text.length, o + 1)) }] };
  };
  if (typeof text !== 'string') return { program: undefined, problems: [] };
  if (text.length > MAX_CHARS) return problem(0, `${file} is larger than ${MAX_CHARS / 1_000_000} million characters; it was not read`);
  const deep = tomlTooDeepAt(text);
  if (deep !== undefined) return problem(deep, `${file}: ${tooDeepMessage('a TOML file')}`);
  try {
    return { program: toml.parseTOML(text), problems: [] };
  } catch (e) {
    const index = typeof (e as { index?: unknown }).index === 'number' ? (e as { index: number }).index : 0;
    const why = e instanceof Error ? e.message : String(e);
    return problem(index, `TOML syntax error in ${file}: ${why}; fix it so its dependencies can be read`);
  }
}

/**
 * The offset of the first `[` or `{` past MAX_NESTING levels, skipping comments and one-line
 * strings; brackets inside multi-line strings are counted, so the count can only be too high.
 */
export function tomlTooDeepAt(text: string, max: number = MAX_NESTING): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** One key/value of the document with its full dotted path (`tool.poetry.dependencies.requests`). */
export interface TomlEntry {
  readonly path: readonly string[];
  readonly node: TomlKeyValue;
}

/**
 * Every key/value of the document, inline tables included, with the path TOML gives it: the
 * table header's keys, then the dotted keys of the line, then the keys of enclosing inline tables.
 */
export function entries(program: Toml.AST.TOMLProgram): TomlEntry[] {
  const out: TomlEntry[] = [];
  const walk = (prefix: readonly string[], kv: TomlKeyValue): void => {
    const path = [...prefix, ...kv.key.keys.map(keyName)];
    out.push({ path, node: kv });
    if (kv.value.type === 'TOMLInlineTable') for (const inner of kv.value.body) walk(path, inner);
  };
  for (const item of program.body[0]?.body ?? []) {
    if (item.type === 'TOMLKeyValue') walk([], item);
    else for (const kv of item.body) walk(item.resolvedKey.map(String), kv);
  }
  return out;
}

export function keyName(k: Toml.AST.TOMLBare | Toml.AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

/**
 * Where a string value (or a key) is written: the text between its quotes when it is written as it
 * reads (no escapes, one line), else the whole node with `exact` false (read, but not renamed).
 */
export function stringPlace(text: string, node: TomlNode): Place | undefined {
  let value: string;
  let quoted: boolean;
  if (node.type === 'TOMLValue' && node.kind === 'string') {
    value = node.value;
    quoted = true;
  } else if (node.type === 'TOMLBare') {
    value = node.name;
    quoted = false;
  } else if (node.type === 'TOMLQuoted') {
    value = node.value;
    quoted = true;
  } else {
    return undefined;
  }
  const [start, end] = node.range;
  const inner = quoted ? { start: start + 1, end: Math.max(start + 1, end - 1) } : { start, end };
  const exact = !(node.type === 'TOMLValue' && node.multiline) && text.slice(inner.start, inner.end) === value;
  return exact ? { value, span: inner, exact, after: end } : { value, span: { start, end }, exact, after: end };
}

/**
 * For a one-line basic string written with escapes (`"a\\"b"`, `"\\u0061"`): for each UTF-16 unit of
 * its value, the offset in the file where the character or escape that writes it starts, and one
 * more for the end of the last; so a part of the value maps back to the text that writes it.
 * Undefined for any other string, and when the escapes do not account for the value.
 */
export function escapedOffsets(text: string, node: TomlNode): number[] | undefined {
  if (node.type !== 'TOMLValue' || node.kind !== 'string' || node.style !== 'basic' || node.multiline) return undefined;
  const [start, end] = node.range;
  const at: number[] = [];
  for (let i = start + 1; i < end - 1; ) {
    const c = text[i];
    const step = c !== '\\' ? 1 : text[i + 1] === 'u' ? 6 : text[i + 1] === 'U' ? 10 : text[i + 1] === 'x' ? 4 : 2;
    at.push(i);
    // `\U` beyond the basic plane writes two UTF-16 units.
    if (step === 10 && Number.parseInt(text.slice(i + 2, i + 10), 16) > 0xffff) at.push(i);
    i += step;
  }
  at.push(end - 1);
  return at.length === node.value.length + 1 ? at : undefined;
}

/** The string value under `key` of an inline table or a key/value list, or undefined. */
export function stringIn(body: readonly TomlKeyValue[], key: string): Toml.AST.TOMLStringValue | undefined {
  let found: Toml.AST.TOMLStringValue | undefined;
  for (const kv of body) {
    const v = kv.value;
    if (kv.key.keys.length === 1 && keyName(kv.key.keys[0]!) === key && v.type === 'TOMLValue' && v.kind === 'string') found = v;
  }
  return found;
}
