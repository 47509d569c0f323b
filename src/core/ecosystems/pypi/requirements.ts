import { LineIndex } from '../../positions';
import type { FoundUse, UseScan } from '../yamlUses';
import { readRequirement } from './requirement';

/** The section of a requirement read from a requirements or constraints file. */
export const REQUIREMENTS_SECTION = 'requirements';

/**
 * A pip requirements file (`requirements*.txt`, pip-tools' `*.in`, constraints): each requirement
 * line is a use. Lines continued with `\` are one; comments (`#` at the start or after a blank),
 * options (`-r`, `-c`, `-e`, `--index-url`…) and options after a requirement (`--hash=…`) are not
 * part of it; a line that names no package (a path, a URL, a wheel file) is not a use.
 */
export function scanRequirements(text: string): UseScan {
  const t = typeof text === 'string' ? text : '';
  const index = new LineIndex(t);
  const found: FoundUse[] = [];
  for (const line of logicalLines(t)) {
    const use = requirementOf(line);
    if (use) found.push(use);
  }
  return { found, problems: [], index };
}

/**
 * One logical line: its text with continuations joined, and where each physical piece of it
 * starts, in the logical text (`at`) and in the file (`file`), for mapping offsets back.
 */
interface Logical {
  readonly text: string;
  readonly pieces: readonly { readonly at: number; readonly file: number }[];
}

/** The offset in the file of the logical line's character `i` (0 past its end, as for an empty line). */
function fileOffset(line: Logical, i: number): number {
  if (i < 0 || i >= line.text.length) return 0;
  let piece = line.pieces[0]!;
  for (const p of line.pieces) {
    if (p.at > i) break;
    piece = p;
  }
  return piece.file + (i - piece.at);
}

/** Physical lines in slices, not character by character: a file of megabytes is read in a few milliseconds. */
function* logicalLines(text: string): Generator<Logical> {
  let parts: string[] = [];
  let pieces: { at: number; file: number }[] = [];
  let length = 0;
  let i = 0;
  while (i <= text.length) {
    let end = i;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const last = end >= text.length;
    const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    // pip joins a line ending in `\` with the next, before it strips comments.
    const continued = !last && end > i && text.charCodeAt(end - 1) === 92;
    const piece = text.slice(i, continued ? end - 1 : end);
    if (piece.length > 0) {
      pieces.push({ at: length, file: i });
      parts.push(piece);
      length += piece.length;
    }
    if (!continued) {
      yield { text: parts.join(''), pieces };
      parts = [];
      pieces = [];
      length = 0;
    }
    i = next;
  }
}

function requirementOf(line: Logical): FoundUse | undefined {
  // A comment starts at a `#` at the start of the line or after a blank (pip's rule): `pkg#egg` is no comment.
  const comment = /(?:^|\s)#/.exec(line.text);
  let body = comment ? line.text.slice(0, comment.index) : line.text;
  if (/^\s*-/.test(body)) return undefined;
  // Options after a requirement (`--hash=sha256:…`, `--config-settings …`) start with a blank and a dash.
  const option = /\s-{1,2}[A-Za-z]/.exec(body);
  if (option) body = body.slice(0, option.index);
  const req = readRequirement(body);
  if (!req) return undefined;
  const offset = (s: number, e: number) => ({ start: fileOffset(line, s), end: e > s ? fileOffset(line, e - 1) + 1 : fileOffset(line, s) });
  const nameSpan = offset(req.nameSpan.start, req.nameSpan.end);
  const exact = nameSpan.end - nameSpan.start === req.name.length;
  const versionSpan = req.versionSpan && offset(req.versionSpan.start, req.versionSpan.end);
  return {
    dep: { ecosystem: 'pypi', name: req.name, constraint: req.version, section: REQUIREMENTS_SECTION, key: req.name },
    name: { value: req.name, span: nameSpan, exact, after: nameSpan.end },
    version: versionSpan,
  };
}
