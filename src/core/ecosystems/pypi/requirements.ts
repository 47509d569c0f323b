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

/** One logical line: its text with continuations joined, and the offset in the file of each of its characters. */
interface Logical {
  readonly text: string;
  readonly at: readonly number[];
}

function* logicalLines(text: string): Generator<Logical> {
  let chars: string[] = [];
  let at: number[] = [];
  let i = 0;
  while (i <= text.length) {
    const c = text[i];
    const eol = c === undefined || c === '\n' || c === '\r';
    if (!eol) {
      chars.push(c);
      at.push(i);
      i++;
      continue;
    }
    const next = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
    // pip joins a line ending in `\` with the next, before it strips comments.
    if (chars[chars.length - 1] === '\\' && c !== undefined) {
      chars.pop();
      at.pop();
    } else {
      yield { text: chars.join(''), at };
      chars = [];
      at = [];
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
  const offset = (s: number, e: number) => ({ start: line.at[s] ?? 0, end: e > s ? line.at[e - 1]! + 1 : (line.at[s] ?? 0) });
  const nameSpan = offset(req.nameSpan.start, req.nameSpan.end);
  const exact = nameSpan.end - nameSpan.start === req.name.length;
  const versionSpan = req.versionSpan && offset(req.versionSpan.start, req.versionSpan.end);
  return {
    dep: { ecosystem: 'pypi', name: req.name, constraint: req.version, section: REQUIREMENTS_SECTION, key: req.name },
    name: { value: req.name, span: nameSpan, exact, after: nameSpan.end },
    version: versionSpan,
  };
}
