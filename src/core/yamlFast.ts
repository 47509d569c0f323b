import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type DocumentOptions, type ParseOptions, type Schema, type SchemaOptions } from 'yaml';

/**
 * A small reader for the plain subset of YAML that nearly every CI file, Chart.yaml and catalog is
 * written in. It builds the `yaml` package's own nodes, with the same values, types and ranges the
 * package gives them, or returns undefined so that the caller parses with the package. A short
 * command-line run never gets the package's large parser warm (its first thousand files cost
 * several times its steady state); this reader is small enough to be fast from the first file.
 *
 * Exactness comes first: anything outside the subset is declined, never read approximately. The
 * subset: one document of block mappings and block sequences (`- key: value` included) written
 * with spaces; keys and values on one line, plain or quoted (`'it''s'`; double quotes without `\`);
 * empty values; flow sequences of such scalars on one line (`branches: [main]`); `#` comments and
 * blank lines. Declined: `---`, `...`, directives, anchors, aliases, tags, block scalars, values
 * over several lines, flow mappings, `?` keys, tabs, CR, a BOM, control characters, a root that
 * does not start at column 0. Plain scalars are typed by the package's own core-schema tags.
 *
 * What the package builds besides is not reproduced: comments (`comment`, `commentBefore`,
 * `spaceBefore`) are not kept, as no reader of these documents looks at them.
 */

/** Larger texts go to the package (it has its own limits); CI files are a few kilobytes. */
const MAX_CHARS = 1_000_000;
/** Deeper indentation is declined: the reader recurses once per level. */
const MAX_INDENT = 200;
/** The package warns about an implicit key longer than 1024 characters; no real key comes close. */
const MAX_KEY = 1000;

/** Characters outside the subset: controls, CR, tab, NEL, line separators, BOM, non-characters. */
const UNSUPPORTED_CHAR = /[^\n\x20-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\ufffd]/;

/** The first characters of text that a core tag other than the string's may match. */
const CORE_FIRST = /[~nNtTfF0-9+\-.]/;

const enum Kind {
  Blank,
  Comment,
  Content,
}

/** One line of the text: `end` excludes its line feed, `next` is where the following line starts. */
interface Line {
  readonly start: number;
  readonly end: number;
  readonly next: number;
  /** Leading spaces. */
  readonly indent: number;
  readonly kind: Kind;
}

/**
 * Comment and blank lines after a node that the package attaches to the collection they end in:
 * they stay in it (and lengthen its range) when it closes, if one of their comments is written at
 * or right of its indentation; else they move out to its parent, which decides the same way.
 */
interface Trailing {
  readonly end: number;
  readonly maxCommentIndent: number;
}

class Decline extends Error {}

type Options = DocumentOptions & ParseOptions & SchemaOptions;

/** How CI files and catalogs are parsed with the package: YAML 1.2, core schema, no merge keys, repeated keys kept. */
export const FAST_YAML_OPTIONS: Readonly<Options> = { version: '1.2', schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false };

/** The documents this reader built: they hold no anchor and no alias. */
const built = new WeakSet<object>();

/** True for a document `fastYaml` built: a walker has no anchors to collect in it. */
export function withoutAnchors(doc: object): boolean {
  return built.has(doc);
}

/** The document as `parseAllDocuments(text, FAST_YAML_OPTIONS)[0]` would build it, or undefined when the text is outside the subset. */
export function fastYaml(text: string): Document.Parsed | undefined {
  if (text.length > MAX_CHARS || UNSUPPORTED_CHAR.test(text)) return undefined;
  try {
    const doc = new Reader(text, { ...FAST_YAML_OPTIONS }).document();
    built.add(doc);
    return doc;
  } catch {
    // A decline, or anything unforeseen (a stack overflow): the package reads the text instead.
    return undefined;
  }
}

function decline(): never {
  throw new Decline();
}

class Reader {
  private readonly lines: Line[] = [];
  private readonly doc: Document.Parsed;
  private readonly schema: Schema;
  /** The index of the next line to read: a content line, or lines.length at the end. */
  private li = 0;
  /** Trailing lines of the innermost collection that closed last, not yet placed. */
  private trailing: Trailing | undefined;

  constructor(private readonly text: string, options: Options) {
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      const next = end < 0 ? text.length : end + 1;
      if (end < 0) end = text.length;
      let i = start;
      while (i < end && text.charCodeAt(i) === 0x20) i++;
      // Each level of nesting is indented further, and each costs this reader a few stack frames.
      if (i - start > MAX_INDENT) throw new Decline();
      const kind = i === end ? Kind.Blank : text[i] === '#' ? Kind.Comment : Kind.Content;
      // Document markers end or start a document wherever they are.
      if (i === start && (text.startsWith('---', i) || text.startsWith('...', i))) throw new Decline();
      this.lines.push({ start, end, next, indent: i - start, kind });
      start = next;
    }
    this.doc = new Document(undefined, options) as unknown as Document.Parsed;
    this.schema = this.doc.schema;
  }

  document(): Document.Parsed {
    this.skipTrivia();
    const first = this.lines[this.li];
    if (!first || first.indent !== 0) decline();
    const root = this.block(first.start, 0);
    if (this.li < this.lines.length) decline();
    this.doc.contents = root;
    // Trailing lines no collection kept are the document's.
    this.doc.range = [first.start, root.range[2], this.trailing?.end ?? root.range[2]];
    return this.doc;
  }

  /** Moves past blank and comment lines. */
  private skipTrivia(): void {
    while (this.li < this.lines.length && this.lines[this.li]!.kind !== Kind.Content) this.li++;
  }

  /** A block mapping or sequence starting at `at` (column `col`) of the current line. */
  private block(at: number, col: number): YAMLMap.Parsed | YAMLSeq.Parsed {
    return this.isSeqItem(at) ? this.seq(at, col) : this.map(at, col);
  }

  private isSeqItem(at: number): boolean {
    const t = this.text;
    return t[at] === '-' && (t[at + 1] === ' ' || t[at + 1] === '\n' || at + 1 === t.length);
  }

  private seq(first: number, indent: number): YAMLSeq.Parsed {
    const seq = new YAMLSeq(this.schema) as YAMLSeq.Parsed;
    const t = this.text;
    let at = first;
    let end: number;
    for (;;) {
      const line = this.lines[this.li]!;
      // After `-`: the item on the same line. An empty item, or one written on the next line, is declined.
      let c = at + 1;
      while (c < line.end && t.charCodeAt(c) === 0x20) c++;
      if (c === line.end || t[c] === '#' || this.isSeqItem(c)) decline();
      const item = this.keyEnd(c, line) >= 0 ? this.map(c, c - line.start) : this.valueOnLine(c, line, indent);
      seq.items.push(item);
      end = item.range[2];
      const next = this.lines[this.li];
      if (!next || next.indent !== indent || !this.isSeqItem(next.start + indent)) break;
      this.trailing = undefined;
      at = next.start + indent;
    }
    const next = this.lines[this.li];
    if (next && next.indent > indent) decline();
    seq.range = this.closeRange(first, end, indent);
    return seq;
  }

  private map(first: number, indent: number): YAMLMap.Parsed {
    const map = new YAMLMap(this.schema) as YAMLMap.Parsed;
    const t = this.text;
    let at = first;
    let valueEnd: number;
    for (;;) {
      const line = this.lines[this.li]!;
      const colon = this.keyEnd(at, line);
      if (colon < 0) decline();
      const key = this.key(at, colon);
      // After `:`: a value on the same line, or nothing (an empty value or a block below).
      let c = colon + 1;
      while (c < line.end && t.charCodeAt(c) === 0x20) c++;
      let value: Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed;
      if (c === line.end || (t[c] === '#' && c > colon + 1)) {
        value = this.emptyOrBlock(c, line, indent);
      } else {
        if (this.isSeqItem(c)) decline();
        value = this.valueOnLine(c, line, indent);
      }
      map.items.push(new Pair(key, value) as Pair<Scalar.Parsed, typeof value>);
      valueEnd = value.range[2];
      const next = this.lines[this.li];
      if (!next || next.indent !== indent) break;
      if (this.isSeqItem(next.start + indent)) {
        // `- ` at a mapping's own indentation after a complete pair is a syntax error.
        decline();
      }
      this.trailing = undefined;
      at = next.start + indent;
    }
    const next = this.lines[this.li];
    if (next && next.indent > indent) decline();
    map.range = this.closeRange(first, valueEnd, indent);
    return map;
  }

  /**
   * The range of a collection that closes: it runs to its last item's end, and on to the end of
   * trailing comment lines that stay in it (see `Trailing`; the package's parser moves them to the
   * parent when all their comments are left of the collection's indentation, or at column 0).
   */
  private closeRange(start: number, end: number, indent: number): [number, number, number] {
    const tr = this.trailing;
    if (tr && indent > 0 && tr.maxCommentIndent >= indent) {
      this.trailing = undefined;
      return [start, end, tr.end];
    }
    return [start, end, end];
  }

  /**
   * Where the `:` of an implicit key starting at `at` is, or -1: the first `:` followed by a space
   * or the line's end, unless the key is quoted (then right after its closing quote) or a comment
   * comes first.
   */
  private keyEnd(at: number, line: Line): number {
    const t = this.text;
    const q = t[at];
    if (q === '"' || q === "'") {
      const close = this.quoteEnd(at, line.end);
      return close >= 0 && t[close] === ':' && (close + 1 === line.end || t[close + 1] === ' ') ? close : -1;
    }
    const stop = this.commentStart(at, line.end);
    for (let i = at; i < stop; i++) {
      if (t.charCodeAt(i) === 0x3a /* : */ && (i + 1 === line.end || t.charCodeAt(i + 1) === 0x20)) return i;
    }
    return -1;
  }

  /** Where a comment (` #`) starts on the line from `at` to `end`, else `end`. */
  private commentStart(at: number, end: number): number {
    const t = this.text;
    for (let i = at + 1; i < end; i++) if (t.charCodeAt(i) === 0x23 /* # */ && t.charCodeAt(i - 1) === 0x20) return i - 1;
    return end;
  }

  /** The key that starts at `at` and ends right before `colon`. */
  private key(at: number, colon: number): Scalar.Parsed {
    if (colon - at > MAX_KEY || colon === at || this.text[colon - 1] === ' ') decline();
    const q = this.text[at];
    const source = this.text.slice(at, colon);
    const node = q === '"' || q === "'" ? this.quoted(at, colon) : this.plain(source, at, true);
    node.range = [at, colon, colon];
    return node;
  }

  /** Where the quoted scalar starting at `at` ends (after its closing quote), or -1 when it does not end on this line or holds an escape. */
  private quoteEnd(at: number, end: number): number {
    const t = this.text;
    const q = t.charCodeAt(at);
    for (let i = at + 1; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x5c /* backslash */ && q === 0x22 /* " */) return -1;
      if (c === q) {
        // `''` is a quote inside single quotes.
        if (q === 0x27 && t.charCodeAt(i + 1) === 0x27) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  /** A quoted scalar from `at` to `end` (after the closing quote): always a string. */
  private quoted(at: number, end: number): Scalar.Parsed {
    const t = this.text;
    const inner = t.slice(at + 1, end - 1);
    const value = t[at] === "'" ? inner.replace(/''/g, "'") : inner;
    const node = new Scalar(value) as Scalar.Parsed;
    node.source = value;
    node.type = t[at] === "'" ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    return node;
  }

  /** A plain scalar, typed as the package types it: the first default core tag whose test matches. */
  private plain(source: string, at: number, atKey: boolean): Scalar.Parsed {
    const first = source[0];
    // Indicators a plain scalar may not start with (the package reads or rejects them otherwise).
    if ((first !== undefined && ',[]{}#&*!|>\'"%@`?:'.includes(first)) || (first === '-' && (source.length === 1 || source[1] === ' '))) decline();
    if (source.includes(' #') || source.endsWith(' ')) decline();
    // Every core tag but the string's matches only text that is empty or starts with one of
    // `~nNtTfF0-9+-.` (null, bool, int and float); other text is a string without testing them all.
    const tag = first === undefined || CORE_FIRST.test(first) ? this.schema.tags.find((tg) => (tg.default === true || (atKey && tg.default === 'key')) && tg.test?.test(source)) : undefined;
    let node: Scalar.Parsed;
    if (tag === undefined) {
      node = new Scalar(source) as Scalar.Parsed;
    } else {
      // The package reports a tag's complaint (or throw) as an error: such text is declined.
      let failed = false;
      let res: unknown;
      try {
        res = (tag as { resolve(v: string, onError: (m: string) => void, o: ParseOptions): unknown }).resolve(source, () => (failed = true), this.doc.options);
      } catch {
        failed = true;
      }
      if (failed) decline();
      node = (isScalar(res) ? res : new Scalar(res)) as Scalar.Parsed;
    }
    node.range = [at, at + source.length, at + source.length];
    node.source = source;
    node.type = 'PLAIN';
    const format = (tag as { format?: string } | undefined)?.format;
    if (format) node.format = format;
    return node;
  }

  /**
   * A value written on its line from `at` (a scalar or a flow sequence), then the comment and blank
   * lines after it: comments right of the collection's indentation `indent` before any other
   * comment belong to the value's range; the rest is left as the collection's trailing lines.
   */
  private valueOnLine(at: number, line: Line, indent: number): Scalar.Parsed | YAMLSeq.Parsed {
    const t = this.text;
    let node: Scalar.Parsed | YAMLSeq.Parsed;
    let end: number;
    const q = t[at];
    if (q === '"' || q === "'") {
      end = this.quoteEnd(at, line.end);
      if (end < 0) decline();
      node = this.quoted(at, end);
      node.range = [at, end, end];
    } else if (q === '[') {
      ({ node, end } = this.flowSeq(at, line));
    } else {
      end = this.plainEnd(at, line);
      const source = t.slice(at, end);
      if (source.includes(': ') || source.endsWith(':')) decline();
      node = this.plain(source, at, false);
    }
    // After the value: spaces, then a comment (after a space) or the line's end.
    let c = end;
    while (c < line.end && t.charCodeAt(c) === 0x20) c++;
    if (c < line.end && !(t[c] === '#' && c > end)) decline();
    let nodeEnd = line.next;
    this.li++;
    // Blank lines and comments indented right of the collection, up to the first other comment.
    let tr: { end: number; maxCommentIndent: number } | undefined;
    for (; this.li < this.lines.length; this.li++) {
      const l = this.lines[this.li]!;
      if (l.kind === Kind.Content) break;
      if (l.kind === Kind.Comment && tr === undefined && l.indent > indent) {
        nodeEnd = l.next;
        continue;
      }
      if (l.kind === Kind.Comment || tr !== undefined) {
        tr ??= { end: l.next, maxCommentIndent: -1 };
        tr.end = l.next;
        if (l.kind === Kind.Comment) tr.maxCommentIndent = Math.max(tr.maxCommentIndent, l.indent);
      }
    }
    // Blank lines after the last absorbed comment (with no comment after them) are trailing lines
    // too, and so are the spaces that indent the next content line.
    const restEnd = this.li < this.lines.length ? this.lines[this.li]!.start + this.lines[this.li]!.indent : t.length;
    if (tr) tr.end = restEnd;
    else if (restEnd > nodeEnd) tr = { end: restEnd, maxCommentIndent: -1 };
    this.trailing = tr;
    node.range[2] = nodeEnd;
    this.checkNext(indent);
    return node;
  }

  /** The next content line after a complete value may not be indented right of its collection (that would continue the value). */
  private checkNext(indent: number): void {
    const next = this.lines[this.li];
    if (next && next.indent > indent) decline();
  }

  /** Where a plain scalar in block context starting at `at` ends: before ` #` or trailing spaces. */
  private plainEnd(at: number, line: Line): number {
    const t = this.text;
    let end = this.commentStart(at, line.end);
    while (end > at && t.charCodeAt(end - 1) === 0x20) end--;
    return end;
  }

  /** `[a, 'b', 1]` on one line: scalars only, no trailing comma. */
  private flowSeq(at: number, line: Line): { node: YAMLSeq.Parsed; end: number } {
    const t = this.text;
    const seq = new YAMLSeq(this.schema) as YAMLSeq.Parsed;
    seq.flow = true;
    let i = at + 1;
    const skip = (): void => {
      while (i < line.end && t.charCodeAt(i) === 0x20) i++;
    };
    skip();
    if (t[i] !== ']') {
      for (;;) {
        const s = i;
        let item: Scalar.Parsed;
        if (t[s] === '"' || t[s] === "'") {
          const e = this.quoteEnd(s, line.end);
          if (e < 0) decline();
          item = this.quoted(s, e);
          i = e;
        } else {
          while (i < line.end && !',[]{}#:"\''.includes(t[i]!)) i++;
          let e = i;
          while (e > s && t.charCodeAt(e - 1) === 0x20) e--;
          if (e === s) decline();
          item = this.plain(t.slice(s, e), s, false);
          i = e;
        }
        const valueEnd = i;
        skip();
        item.range = [s, valueEnd, i];
        seq.items.push(item);
        if (t[i] === ']') break;
        if (t[i] !== ',') decline();
        i++;
        skip();
        if (t[i] === ']') decline();
      }
    }
    i++;
    seq.range = [at, i, i];
    return { node: seq, end: i };
  }

  /**
   * After `key:` with nothing more on its line (but maybe a comment at `at`): a block below (more
   * indented, or a sequence at the key's own indentation), else an empty value, whose range
   * follows the package: it sits after the `:` and its spaces, and runs over the comments after it
   * up to where the next key's own comment lines begin.
   */
  private emptyOrBlock(at: number, line: Line, indent: number): Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed {
    const keyLine = this.li;
    this.li++;
    this.skipTrivia();
    const next = this.lines[this.li];
    if (next && (next.indent > indent || (next.indent === indent && this.isSeqItem(next.start + indent)))) {
      return this.block(next.start + next.indent, next.indent);
    }
    const node = this.plain('', at, false);
    // The tokens after `:` as the package's parser keeps them: the key line's comment and line
    // feed, then each line's comment and line feed. When the next key follows at this indentation,
    // the value keeps the tokens before the second line feed counted after the last comment
    // indented right of the mapping (the rest are the next key's); otherwise it keeps them all.
    let hasComment = this.text[at] === '#';
    let end = line.next;
    let restart = keyLine;
    for (let j = keyLine + 1; j < this.li; j++) {
      const l = this.lines[j]!;
      if (l.kind === Kind.Comment && l.indent > indent) restart = j;
    }
    let split = -1;
    if (next !== undefined && next.indent === indent) {
      let count = 0;
      for (let j = restart; j < this.li; j++) {
        const l = this.lines[j]!;
        if (l.next > l.end && ++count === 2) {
          split = j;
          break;
        }
      }
    }
    const last = split >= 0 ? split : this.li - 1;
    for (let j = keyLine + 1; j <= last; j++) {
      const l = this.lines[j]!;
      if (l.kind === Kind.Comment) hasComment = true;
      end = j === split ? l.end : l.next;
    }
    // Unsplit, they run on over the spaces that indent the next content line.
    if (split < 0 && next) end = next.start + next.indent;
    node.range = [at, at, hasComment ? end : at];
    this.trailing = undefined;
    return node;
  }
}
