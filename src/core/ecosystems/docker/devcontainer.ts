import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { jsonTooDeepAt, tooDeepMessage } from '../../nesting';
import type { Scan } from './occurrence';
import { readReference } from './reference';
import { literal } from './sourced';

/**
 * The `image` of a `devcontainer.json` (JSON with comments and trailing commas, as the Dev
 * Containers tools read it). `${localEnv:…}` is the tools' own syntax, not a shell variable: it is
 * left as written (a tag holding one is unknown, a name holding one is no use). Never throws.
 */
export function scanDevcontainer(text: string): Scan {
  const scan: Scan = { occurrences: [], problems: [] };
  // jsonc-parser refuses a byte-order mark; a space keeps every offset where it was.
  const json = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  // jsonc-parser recurses per level: thousands of levels overflow its stack.
  const deep = jsonTooDeepAt(json);
  if (deep !== undefined) {
    scan.problems.push({ message: tooDeepMessage('This devcontainer.json'), span: { start: deep, end: deep + 1 } });
    return scan;
  }
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    scan.problems.push({ message: `JSON syntax error: ${printParseErrorCode(e.error)}`, span: { start: e.offset, end: e.offset + e.length } });
  }
  if (!root || root.type !== 'object' || errors.length > 0) return scan;
  const image = findNodeAtLocation(root, ['image']);
  if (image?.type !== 'string' || typeof image.value !== 'string') return scan;
  const start = image.offset + 1;
  const end = image.offset + image.length - 1;
  if (text.slice(start, end) !== image.value) {
    scan.problems.push({ message: 'this image is written with escapes; write it without backslashes', span: { start: image.offset, end: image.offset + image.length } });
    return scan;
  }
  const ref = readReference(text, literal(image.value, start));
  if (!ref) return scan;
  if ('problem' in ref) {
    scan.problems.push({ message: ref.problem, span: ref.span });
    return scan;
  }
  scan.occurrences.push({
    use: { ecosystem: 'docker', name: ref.name, constraint: ref.version?.text ?? null, section: 'image', key: text.slice(ref.nameSpan.start, ref.nameSpan.end) },
    nameSpan: ref.nameSpan,
    nameIsLiteral: ref.nameIsLiteral,
    span: ref.version?.span ?? ref.nameSpan,
  });
  return scan;
}
