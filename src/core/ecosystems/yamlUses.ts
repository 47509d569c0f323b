import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { LineIndex, ZERO_RANGE, type Range } from '../positions';
import { tooDeepMessage } from '../nesting';
import { fastYaml, withoutAnchors } from '../yamlFast';
import { MAX_YAML_CHARS, parseYaml } from '../yamlParse';
import type { DeclaredDependency, LocatedDependency } from '../types';
import type { EcosystemModule, ParseProblem, RenameResult, Splice } from './types';

/**
 * Reading `name@ref` uses out of CI YAML (GitHub workflows, composite actions, GitLab CI) with
 * exact offsets. The `yaml` package's own nodes are walked, never `toJS()`: an alias is followed
 * to its anchored node and every node is read at most once, so an alias bomb costs nothing and two
 * uses of one anchored definition are one use (ecosystems spec, "Versions defined elsewhere").
 */

/** A stretch of the text as UTF-16 offsets, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A string value and where it is written. */
export interface Place {
  /** The value, trimmed. */
  readonly value: string;
  /** Where `value` is written, when it is written as one contiguous stretch of the text. */
  readonly span: Span;
  /**
   * False when the value cannot be cut out of the text as it is (escapes in a double-quoted
   * string, a plain or folded scalar over several lines): `span` is then the whole scalar, the use
   * is still read, but a rename leaves it alone.
   */
  readonly exact: boolean;
  /** Where the scalar ends in the text (after a closing quote): a comment may follow. */
  readonly after: number;
}

/** A use as an ecosystem's walker found it, with the places `locate` and `rename` need. */
export interface FoundUse {
  readonly dep: DeclaredDependency;
  readonly name: Place;
  /** The version text's place, or undefined when the use has none. */
  readonly version: Span | undefined;
}

/** What a walker found in one file: its uses in text order, and what made the file unreadable. */
export interface UseScan {
  readonly found: FoundUse[];
  readonly problems: ParseProblem[];
  readonly index: LineIndex;
}

/**
 * An ecosystem module from its description and a walker: `parse`, `locate` and `rename` all run
 * the same walk, so the three can never disagree about what a use is.
 */
export function moduleFromScan(
  base: Pick<EcosystemModule, 'id' | 'files' | 'wants' | 'versioning' | 'normaliseName'>,
  scan: (text: string, file: string) => UseScan,
  /** How requested uses are matched with found ones; by default in text order (locateInOrder). */
  locate: (found: readonly FoundUse[], uses: readonly DeclaredDependency[], index: LineIndex) => LocatedDependency[] = locateInOrder,
): EcosystemModule {
  const scanOnce = lastScanKept(scan);
  return {
    ...base,
    parse(text, file) {
      const { found, problems } = scanOnce(text, file);
      return { uses: found.map((f) => f.dep), problems: [...problems] };
    },
    locate(text, file, uses) {
      if (uses.length === 0) return [];
      const { found, index } = scanOnce(text, file);
      return locate(found, uses, index);
    },
    rename(text, file, from, to) {
      const { found, index, problems } = scanOnce(text, file);
      return renameUses(found, index, from, to, problems);
    },
  };
}

/**
 * `scan`, with the result for the last text kept: a scan locates the uses of the file it has just
 * parsed, and a rename (the quick fix, `migrate`) follows the same text, so the walk of that text
 * is kept for them (one text only, so nothing accumulates) and a file is parsed once, not thrice.
 */
export function lastScanKept<T>(scan: (text: string, file: string) => T): (text: string, file?: string) => T {
  let last: { text: string; file: string; scan: T } | undefined;
  return (text, file = '') => {
    if (last?.text === text && last.file === file) return last.scan;
    const result = scan(text, file);
    last = { text, file, scan: result };
    return result;
  };
}

export interface YamlRead {
  readonly docs: readonly Document.Parsed[];
  readonly problems: ParseProblem[];
  readonly index: LineIndex;
}

/** Parses every document of a YAML stream (GitLab allows a `spec:` header document); problems instead of throws. */
export function readYaml(text: string, file: string): YamlRead {
  const index = new LineIndex(text);
  const problem = (start: number, end: number, message: string): ParseProblem => ({
    message,
    range: index.range(clamp(start, text), clamp(Math.max(start, end), text)),
  });
  if (text.length > MAX_YAML_CHARS) {
    return { docs: [], problems: [problem(0, 0, `${file} is larger than ${MAX_YAML_CHARS / 1024} KB, more than Platform Guide reads of a YAML file; it was not read`)], index };
  }
  const deep = tooDeep(text);
  if (deep !== undefined) return { docs: [], problems: [problem(deep.at, deep.at + 1, `${file} ${deep.why}; no CI file needs that, so it was not read`)], index };
  const fast = fastYaml(text); // the same document as below for plain files, without warming up the package's parser
  if (fast) return { docs: [fast], problems: [], index };
  const parsed = parseYaml(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false, single: false });
  // Nested on one line (`- - - x`), which the count above does not see.
  if (parsed.tooDeepAt !== undefined) return { docs: [], problems: [problem(parsed.tooDeepAt, parsed.tooDeepAt + 1, tooDeepMessage(file))], index };
  const problems = parsed.errors.map((e) => problem(e.pos[0], e.pos[1], `YAML syntax error in ${file}: ${e.message}; fix it so its uses can be read`));
  // A broken document has no reliable structure: none of its uses is read, the problem says why.
  return { docs: problems.length > 0 ? [] : parsed.docs, problems, index };
}

/** Deeper than any CI file is written; the limits keep the recursive parser far from the stack's end. */
const MAX_FLOW_DEPTH = 200;
const MAX_INDENT = 400;

/**
 * Whether the text nests deeper than a parser should be asked to follow. The `yaml` parser turns a
 * stack overflow into an error, but V8 may have to compile a regular expression at that depth and
 * then aborts the whole process (a fatal "out of memory", not an exception): a guard before parsing
 * is the only safe answer. Brackets are counted without regard to quotes, so the count may only be
 * too high, never too low.
 */
function tooDeep(text: string): { at: number; why: string } | undefined {
  let depth = 0;
  let lineStart = 0;
  let indenting = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      lineStart = i + 1;
      indenting = true;
      continue;
    }
    if (indenting && (c === 0x20 || c === 0x09)) {
      if (i - lineStart >= MAX_INDENT) return { at: i, why: `indents a line more than ${MAX_INDENT} columns` };
      continue;
    }
    indenting = false;
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_FLOW_DEPTH) return { at: i, why: `nests brackets more than ${MAX_FLOW_DEPTH} deep` };
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function clamp(offset: number, text: string): number {
  return Math.max(0, Math.min(offset, text.length));
}

/**
 * Walks one document's nodes: aliases resolve to the last anchor of that name before them (as YAML
 * says), and `once` hands out each node a single time however many aliases reach it.
 */
export class YamlWalker {
  private readonly anchors = new Map<string, YamlNode[]>();
  private readonly seen = new Set<YamlNode>();
  private readonly reported = new Set<unknown>();

  /** `problems` receives an alias with no anchor before it (the parser accepts one; GitHub and GitLab do not). */
  constructor(
    readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly read: Pick<YamlRead, 'problems' | 'index'>,
  ) {
    if (withoutAnchors(doc)) return; // nothing to collect, and the package's visitor is slow while cold
    try {
      visit(doc, {
        Node: (_key, node) => {
          if (!isAlias(node) && node.anchor) {
            const list = this.anchors.get(node.anchor) ?? [];
            list.push(node);
            this.anchors.set(node.anchor, list);
          }
        },
      });
    } catch {
      // Too deep to visit: aliases stay unresolved, plain nodes are still read.
    }
  }

  get root(): YamlNode | undefined {
    return this.deref(this.doc.contents);
  }

  /** The node itself, or the anchored node an alias stands for. */
  deref(node: unknown): YamlNode | undefined {
    if (!isAlias(node)) return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
    const at = node.range?.[0] ?? 0;
    const candidates = this.anchors.get(node.source) ?? [];
    let found: YamlNode | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) found = c;
    if (!found && !this.reported.has(node)) {
      this.reported.add(node);
      const end = Math.min(node.range?.[1] ?? at, this.text.length);
      this.read.problems.push({ message: `alias \`*${node.source}\` has no anchor \`&${node.source}\` before it; define the anchor first`, range: this.read.index.range(at, end) });
    }
    // An alias to an alias cannot be written (an alias has no anchor), so one step is enough.
    return found && !isAlias(found) ? found : undefined;
  }

  /** True the first time a node is offered, false after: one anchored definition is read once. */
  once(node: YamlNode): boolean {
    if (this.seen.has(node)) return false;
    this.seen.add(node);
    return true;
  }

  /** The value of `key` in a mapping (the last one when written twice, as GitHub and GitLab read it). */
  get(map: YamlNode | undefined, key: string): YamlNode | undefined {
    if (!isMap(map)) return undefined;
    let found: YamlNode | undefined;
    for (const pair of map.items) {
      const k = this.deref(pair.key);
      if (isScalar(k) && String(k.value) === key) found = this.deref(pair.value) ?? undefined;
    }
    return found;
  }

  /** The pairs of a mapping with plain-text keys, values dereferenced. */
  entries(map: YamlNode | undefined): { key: string; value: YamlNode | undefined }[] {
    if (!isMap(map)) return [];
    const out: { key: string; value: YamlNode | undefined }[] = [];
    for (const pair of map.items) {
      const k = this.deref(pair.key);
      if (isScalar(k)) out.push({ key: String(k.value), value: this.deref(pair.value) });
    }
    return out;
  }

  /** The items of a sequence, dereferenced. */
  items(seq: YamlNode | undefined): YamlNode[] {
    if (!isSeq(seq)) return [];
    return seq.items.flatMap((it) => this.deref(it) ?? []);
  }

  /** Where a string scalar's value is written; undefined for anything that is not a non-empty scalar. */
  place(node: YamlNode | undefined): Place | undefined {
    if (!isScalar(node) || !node.range || node.value === null || typeof node.value === 'object') return undefined;
    const place = scalarPlace(this.text, node as Scalar.Parsed);
    if (place && !place.exact) {
      // A finding spans its version text as written, and a fix edits it there: a value that is not
      // written as one stretch of the text (escapes, or folded over several lines) has no such place.
      this.read.problems.push({
        message: 'this value is written over several lines or with escape sequences; write it on one line, unquoted or in plain quotes, so it can be read',
        range: this.read.index.range(place.span.start, place.span.end),
      });
      return undefined;
    }
    return place;
  }
}

function scalarPlace(text: string, node: Scalar.Parsed): Place | undefined {
  const [start, valueEnd] = node.range;
  const raw = text.slice(start, valueEnd);
  const after = valueEnd;
  let inner: Span;
  let value: string;
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      inner = { start: start + 1, end: Math.max(start + 1, valueEnd - 1) };
      value = String(node.value);
      break;
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL': {
      // `uses: >-` then the value on the next line: look for the value after the header line.
      value = String(node.value).trim();
      const header = raw.search(/[\r\n]/);
      const at = header < 0 || value === '' ? -1 : raw.indexOf(value, header);
      inner = at < 0 ? { start, end: valueEnd } : { start: start + at, end: start + at + value.length };
      return value === '' ? undefined : { value, span: inner, exact: at >= 0, after };
    }
    default:
      // Plain: the source as written (`ref: 1.10` stays `1.10`, not the number 1.1).
      inner = { start, end: valueEnd };
      value = /[\r\n]/.test(raw) ? String(node.value) : raw;
  }
  const written = text.slice(inner.start, inner.end);
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (written === value) {
    const lead = value.length - value.trimStart().length;
    return { value: trimmed, span: { start: inner.start + lead, end: inner.start + lead + trimmed.length }, exact: true, after };
  }
  return { value: trimmed, span: { start, end: valueEnd }, exact: false, after };
}

/** Splits `name@ref` at the first `@`: the name's and the ref's places (the ref undefined when there is none). */
export function splitAtRef(place: Place): { name: Place; ref: Place | undefined } {
  const at = place.value.indexOf('@');
  if (at < 0) return { name: place, ref: undefined };
  // `a/b @v1` is no valid use, but its parts are still read without the spaces.
  const name = place.value.slice(0, at).trimEnd();
  const rawRef = place.value.slice(at + 1);
  const ref = rawRef.trimStart();
  const s = place.span.start;
  const sub = (value: string, from: number): Place =>
    place.exact ? { value, span: { start: from, end: from + value.length }, exact: true, after: place.after } : { ...place, value };
  return { name: sub(name, s), ref: ref === '' ? undefined : sub(ref, s + at + 1 + rawRef.length - ref.length) };
}

/**
 * The comment on the same line after a scalar (`uses: a/b@<sha>  # v4.1.1`), without its `#`; a
 * flow collection's closing brackets and commas may stand between them.
 */
export function trailingComment(text: string, after: number): string | undefined {
  const m = /^[ \t,\]}]*[ \t]#([^\r\n]*)/.exec(text.slice(after, after + 500));
  return m ? m[1]!.trim() : undefined;
}

/**
 * `locate` for walkers that find their uses in text order: the n-th requested use is matched with
 * the next found use that has the same section, name and version text. A use that is no longer in
 * the text (it changed since `parse`) gets an empty range at the start, as npm's locate does.
 */
export function locateInOrder(found: readonly FoundUse[], uses: readonly DeclaredDependency[], index: LineIndex): LocatedDependency[] {
  let next = 0;
  return uses.map((use) => {
    for (let i = next; i < found.length; i++) {
      const f = found[i]!;
      if (f.dep.section === use.section && f.dep.name === use.name && f.dep.constraint === use.constraint) {
        next = i + 1;
        const nameRange = index.range(f.name.span.start, f.name.span.end);
        const range: Range = f.version ? index.range(f.version.start, f.version.end) : nameRange;
        return { ...use, range, nameRange };
      }
    }
    return { ...use, range: ZERO_RANGE, nameRange: ZERO_RANGE };
  });
}

/** Characters a new name may not hold: they would change how the YAML scalar or the `@` split reads. */
const UNSAFE_NAME = /[\s"'#@\\{}[\],&*!|>%`]|^-|:$|: /;

/**
 * The splices that rename every found use whose name equals `from` (case-insensitively: GitHub and
 * GitLab paths are) to `to`, touching only the name: the ref and any comment stay as written.
 */
export function renameUses(found: readonly FoundUse[], index: LineIndex, from: string, to: string, problems: readonly ParseProblem[]): RenameResult {
  const wanted = from.trim().toLowerCase();
  const splices: Splice[] = [];
  const notes: string[] = [];
  // An unreadable file is left untouched; the problem already says where and why.
  if (problems.length > 0) return { splices, notes: [`not renamed: ${problems[0]!.message}`] };
  if (to.trim() === '' || UNSAFE_NAME.test(to)) {
    return { splices, notes: [`\`${to}\` is not a name that can be written here (spaces, quotes, \`#\`, \`@\` or YAML markers); nothing was renamed`] };
  }
  for (const f of found) {
    if (f.dep.name.toLowerCase() !== wanted) continue;
    const line = index.positionAt(f.name.span.start).line + 1;
    if (!f.name.exact) {
      notes.push(`${f.dep.name} on line ${line} is written over several lines or with escapes; rename it by hand`);
      continue;
    }
    if (f.name.value === to) continue;
    splices.push({ start: f.name.span.start, end: f.name.span.end, text: to });
  }
  splices.sort((a, b) => a.start - b.start);
  return { splices, notes };
}
