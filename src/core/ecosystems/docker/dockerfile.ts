import type { Occurrence, Scan } from './occurrence';
import { readReference } from './reference';
import { concat, literal, slice, substitute, unresolved, type Sourced, type Span } from './sourced';

/**
 * Reads the `FROM` images of a Dockerfile (or Containerfile), as BuildKit reads the file:
 * - parser directives (`# escape=\``, `# syntax=…`) only at the very top, before any comment,
 *   blank line or instruction;
 * - an instruction runs on over lines that end with the escape character (spaces may follow it);
 *   comment lines and blank lines inside it are dropped;
 * - instructions are case-insensitive and may be indented;
 * - a heredoc (`RUN <<EOF`, `COPY <<-'EOF' /x`) runs to its terminator line, and nothing in it is
 *   an instruction;
 * - `ARG`s before the first `FROM` are the only variables a `FROM` sees.
 * Line ends may be `\n` or `\r\n`; a byte-order mark is skipped. Never throws.
 */
export function scanDockerfile(text: string): Scan {
  const scan: Scan = { occurrences: [], problems: [] };
  const lines = physicalLines(text);
  let escape = '\\';
  let n = 0;
  // Parser directives; an unknown one is a comment, and ends them.
  for (; n < lines.length; n++) {
    const m = /^\s*#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(\S*)\s*$/.exec(lineText(text, lines[n]!));
    const directive = m ? m[1]!.toLowerCase() : '';
    if (!m || !['escape', 'syntax', 'check'].includes(directive)) break;
    if (directive === 'escape' && (m[2] === '\\' || m[2] === '`')) escape = m[2];
  }
  const state: FileState = { env: new Map(), stages: new Set(), stageIndex: 0, sawFrom: false };
  const heredocs: Heredoc[] = [];
  while (n < lines.length) {
    const line = lines[n]!;
    const content = lineText(text, line);
    if (heredocs.length > 0) {
      const h = heredocs[0]!;
      if ((h.stripTabs ? content.replace(/^\t+/, '') : content) === h.word) heredocs.shift();
      n++;
      continue;
    }
    if (/^\s*(#|$)/.test(content)) {
      n++;
      continue;
    }
    // The instruction's lines, without the escape characters that join them.
    const parts: Line[] = [];
    for (;;) {
      const body = lineText(text, lines[n]!);
      const cont = continuation(body, escape);
      parts.push({ start: lines[n]!.start, end: cont === undefined ? lines[n]!.end : lines[n]!.start + cont });
      n++;
      if (cont === undefined) break;
      while (n < lines.length && /^\s*(#|$)/.test(lineText(text, lines[n]!))) n++;
      if (n >= lines.length) break;
    }
    instruction(text, parts, state, scan, heredocs);
  }
  return scan;
}

interface Line {
  readonly start: number;
  readonly end: number;
}

interface Heredoc {
  readonly word: string;
  readonly stripTabs: boolean;
}

interface FileState {
  /** Global build arguments: their default (already expanded), undefined without one, null when it cannot be known. */
  readonly env: Map<string, Sourced | undefined | null>;
  /** Names of the stages so far, lower case: a `FROM` naming one builds on it, pulls nothing. */
  readonly stages: Set<string>;
  stageIndex: number;
  sawFrom: boolean;
}

/** The lines of the text without their line ends (`\n`, `\r\n`, a lone `\r`), after a byte-order mark. */
function physicalLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

function lineText(text: string, line: Line): string {
  return text.slice(line.start, line.end);
}

/** Where the escape character that continues this line stands, if it does. */
function continuation(line: string, escape: string): number | undefined {
  const trimmed = line.replace(/[ \t]+$/, '');
  return trimmed.endsWith(escape) ? trimmed.length - 1 : undefined;
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`; not `<<<` (a here-string) nor `1<<2` (a shift). */
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_INSTRUCTIONS = new Set(['run', 'copy', 'add']);

function instruction(file: string, parts: readonly Line[], state: FileState, scan: Scan, heredocs: Heredoc[]): void {
  const m = /^\s*([A-Za-z]+)/.exec(lineText(file, parts[0]!));
  if (!m) return;
  const keyword = m[1]!.toLowerCase();
  if (HEREDOC_INSTRUCTIONS.has(keyword)) {
    const joined = parts.map((p) => lineText(file, p)).join('');
    for (const h of joined.matchAll(HEREDOC)) heredocs.push({ word: h[3]!, stripTabs: h[1] === '-' });
    return;
  }
  if (keyword !== 'from' && (keyword !== 'arg' || state.sawFrom)) return;
  // Only the instructions read here pay for knowing where each character came from.
  const line = concat(parts.map((p) => literal(lineText(file, p), p.start)));
  const args = slice(line, m[0].length, line.text.length);
  if (keyword === 'arg') {
    for (const word of words(args, true)) defineArg(word, state);
  } else {
    state.sawFrom = true;
    from(file, line, m[0].length, args, state, scan);
  }
}

/** The whitespace-separated words of `s`; with `quotes`, a quoted stretch does not split a word. */
function words(s: Sourced, quotes: boolean): Sourced[] {
  const out: Sourced[] = [];
  let i = 0;
  while (i < s.text.length) {
    while (i < s.text.length && /\s/.test(s.text[i]!)) i++;
    const start = i;
    let quote = '';
    while (i < s.text.length && (quote !== '' || !/\s/.test(s.text[i]!))) {
      const c = s.text[i]!;
      if (quotes && quote === '' && (c === '"' || c === "'")) quote = c;
      else if (c === quote) quote = '';
      i++;
    }
    if (i > start) out.push(slice(s, start, i));
  }
  return out;
}

/** `NAME=value`, `NAME="value"`, `NAME`: the value is expanded with the arguments before it. */
function defineArg(word: Sourced, state: FileState): void {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(word.text);
  if (!m) return;
  if (m[2] === undefined) {
    if (!state.env.has(m[1]!)) state.env.set(m[1]!, undefined);
    return;
  }
  let value = slice(word, m[1]!.length + 1, word.text.length);
  const q = value.text[0];
  if ((q === '"' || q === "'") && value.text.length >= 2 && value.text.endsWith(q)) value = slice(value, 1, value.text.length - 1);
  const env = state.env;
  const expanded = q === "'" ? value : substitute(value, (name) => env.get(name), false);
  // `ARG B=${A#prefix}`: a value with a variable left in it is unknown, not its own text.
  state.env.set(m[1]!, q !== "'" && unresolved(expanded) ? null : expanded);
}

function from(file: string, line: Sourced, keywordEnd: number, args: Sourced, state: FileState, scan: Scan): void {
  const index = state.stageIndex++;
  const parts = words(args, false);
  let k = 0;
  while (k < parts.length && parts[k]!.text.startsWith('--')) k++;
  const image = parts[k];
  if (!image) {
    const at = line.at[Math.max(0, keywordEnd - 1)] ?? 0;
    scan.problems.push({ message: 'this FROM names no image; write `FROM image:tag`', span: { start: at - 3, end: at + 1 } });
    return;
  }
  const as = parts[k + 1]?.text.toLowerCase() === 'as' ? parts[k + 2]?.text : undefined;
  const expanded = substitute(image, (name) => state.env.get(name), false);
  const lower = expanded.text.toLowerCase();
  const isStage = lower === 'scratch' || state.stages.has(lower);
  if (as !== undefined) state.stages.add(as.toLowerCase());
  if (isStage) return;
  const ref = readReference(file, expanded);
  if (!ref) return;
  if ('problem' in ref) {
    scan.problems.push({ message: ref.problem, span: ref.span });
    return;
  }
  const section = `FROM ${as ?? index}`;
  const key = file.slice(ref.nameSpan.start, ref.nameSpan.end);
  const span: Span = ref.version?.span ?? ref.nameSpan;
  const occurrence: Occurrence = {
    use: { ecosystem: 'docker', name: ref.name, constraint: ref.version?.text ?? null, section, key },
    nameSpan: ref.nameSpan,
    nameIsLiteral: ref.nameIsLiteral,
    span,
  };
  scan.occurrences.push(occurrence);
}
