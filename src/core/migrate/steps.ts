import { findNodeAtLocation, modify, applyEdits as applyJsonEdits, parseTree, type JSONPath, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from '../positions';
import { jsonTooDeepAt, MAX_NESTING } from '../nesting';
import type { RegexRunner } from './regex';
import { MAX_FILE_BYTES } from './types';
import { detectEol, detectIndent } from './textEdits';

export type StepResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string; readonly timedOut?: boolean };

/**
 * `replace` with `find`: every occurrence, and `with` is taken literally (no `$1` here). The size of
 * the result is worked out first: a short `find` and a long `with` can grow a 1 MB file past the
 * longest string JavaScript can hold, and no file over 1 MB is edited in any case.
 */
export function replaceLiteral(text: string, find: string, replacement: string): StepResult {
  if (find === '') return { ok: false, reason: 'the replace step has an empty `find`' };
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length)) count++;
  if (count === 0) return { ok: true, text };
  const bytes = Buffer.byteLength(text, 'utf8') + count * (Buffer.byteLength(replacement, 'utf8') - Buffer.byteLength(find, 'utf8'));
  if (bytes > MAX_FILE_BYTES) {
    return { ok: false, reason: `the result would be larger than 1 MB (${(bytes / MAX_FILE_BYTES).toFixed(1)} MB, ${count} replacements); not edited` };
  }
  return { ok: true, text: text.split(find).join(replacement) };
}

/**
 * `replace` with `regex` over the files of a step: JavaScript syntax, global, `$1`… and `$<name>` in
 * `with`. Files are independent within a step, so they run as one batch; the first file the regex
 * is stopped on is reported and the files after it are not run (one runaway pattern costs the
 * time limit about once, not once per file of a large package).
 */
export function replaceRegexAll(texts: readonly string[], pattern: string, replacement: string, runner: RegexRunner): StepResult[] {
  const r = runner.replaceAll(texts, pattern, replacement);
  const results: StepResult[] = r.done.map((text) => ({ ok: true, text }));
  if (r.stopped && results.length < texts.length) {
    results.push(
      r.stopped.timedOut
        ? { ok: false, timedOut: true, reason: `the regex /${pattern}/ ${r.stopped.message} on this file and was stopped; the file is left as the earlier steps made it` }
        : { ok: false, reason: `the regex /${pattern}/ failed: ${r.stopped.message}` },
    );
  }
  return results;
}

/**
 * `json`: `set` each dotted path, then `remove` each one, through jsonc-parser so comments,
 * trailing commas, indentation (the file's own: tabs or its width) and line ends are kept and only
 * the touched property changes. A path segment of digits indexes an array where there is one.
 */
export function editJson(text: string, set: Readonly<Record<string, unknown>>, remove: readonly string[]): StepResult {
  const refused = tooDeep(text);
  if (refused) return { ok: false, reason: `${refused}; the json step left it alone` };
  const errors: ParseError[] = [];
  const first = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || first?.type !== 'object') {
    const why = errors[0] ? printParseErrorCode(errors[0].error) : 'the top level is not an object';
    return { ok: false, reason: `not a JSON object (${why}); the json step left it alone` };
  }
  const formattingOptions = { ...detectIndent(text), eol: detectEol(text) };
  let out = text;
  try {
    for (const [dotted, value] of Object.entries(set)) {
      const root = parseTree(out, [], { allowTrailingComma: true });
      const jsonPath = toPath(root, dotted);
      const current = root && findNodeAtLocation(root, jsonPath);
      if (current && sameJson(nodeValue(current), value)) continue;
      out = applyJsonEdits(out, modify(out, jsonPath, value, { formattingOptions }));
    }
    for (const dotted of remove) {
      const root = parseTree(out, [], { allowTrailingComma: true });
      const jsonPath = toPath(root, dotted);
      if (!root || !findNodeAtLocation(root, jsonPath)) continue;
      out = applyJsonEdits(out, modify(out, jsonPath, undefined, { formattingOptions }));
    }
  } catch (e) {
    return { ok: false, reason: `the json step could not edit it: ${(e as Error).message}` };
  }
  return { ok: true, text: out };
}

/**
 * Why a JSON file is too deeply nested to edit (jsonc-parser recurses once per level), naming the
 * place as line:column, or undefined.
 */
export function tooDeep(text: string): string | undefined {
  const at = jsonTooDeepAt(text);
  if (at === undefined) return undefined;
  const { line, character } = new LineIndex(text).positionAt(at);
  return `it is nested more than ${MAX_NESTING} levels deep (at ${line + 1}:${character + 1})`;
}

/** `a.b.0.c` → ['a', 'b', 0, 'c'], a digit segment becoming an index only where the value is an array. */
function toPath(root: Node | undefined, dotted: string): JSONPath {
  const out: JSONPath = [];
  let node = root;
  for (const segment of dotted.split('.')) {
    const key = node?.type === 'array' && /^\d+$/.test(segment) ? Number(segment) : segment;
    out.push(key);
    node = node && findNodeAtLocation(node, [key]);
  }
  return out;
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children?.[0]?.value as string, p.children?.[1] && nodeValue(p.children[1])]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Equal as JSON values: key order and object prototypes (the catalog's maps have none) do not count. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
