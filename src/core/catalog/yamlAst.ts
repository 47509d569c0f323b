import { parseTree as parseJsonTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { fastYaml } from '../yamlFast';
import { jsonTooDeepAt, MAX_NESTING as MAX_DEPTH, tooDeepMessage } from '../nesting';
import { type Reporter, type Span, formatBytes, utf8Length } from './reporter';
import { MAX_YAML_CHARS, parseYaml } from '../yamlParse';

export type { Span };

/**
 * A small, parser-independent tree of a YAML or JSON file with source offsets. Checks and model
 * building read this tree instead of `toJS()` output, so every problem keeps its exact position, a
 * key such as `__proto__` is only ever a string in an array, and aliases are shared nodes whose
 * expansion was budgeted when the tree was built.
 */
export interface AstScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  readonly value: string | number | boolean | null;
  /** The text as written (without quotes for quoted strings); how `4.10` stays `4.10`. */
  readonly source: string;
}
export interface AstPair {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: AstNode;
}
export interface AstMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly pairs: readonly AstPair[];
}
export interface AstSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly AstNode[];
}
export type AstNode = AstScalar | AstMap | AstSeq;

/** Alias expansion may add at most this many nodes beyond the document's own (billion laughs). */
const ALIAS_NODE_BUDGET = 10_000;
const STANDARD_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`)]);

/**
 * Parses YAML (or JSON) text into an AstNode, reporting syntax and safety problems. `root` is
 * undefined when the text is unusable. JSON is read up to `maxBytes`; YAML, much slower to parse,
 * up to MAX_YAML_CHARS (yamlParse.ts says why).
 */
export function parseSourceTree(rep: Reporter, text: string, maxBytes: number): AstNode | undefined {
  if (text.length > maxBytes || utf8Length(text) > maxBytes) {
    rep.error({ start: 0, end: 0 }, `${rep.file} is larger than ${formatBytes(maxBytes)}; split it into several catalogs or remove unused entries`);
    return undefined;
  }
  // yaml reads `// comment` in JSONC as part of a key, silently; JSON files take jsonc-parser when it accepts them.
  if (/\.jsonc?$/i.test(rep.file)) {
    const deep = jsonTooDeepAt(text);
    if (deep !== undefined) return tooDeep(rep, deep);
    const errors: JsonParseError[] = [];
    const tree = parseJsonTree(text, errors, { allowTrailingComma: false, disallowComments: false });
    if (tree && errors.length === 0) return new JsonConverter(rep, text).convert(tree, 0);
    // Too large to ask the YAML parser for its (clearer) message: the JSON parser's first error says where.
    const first = errors[0];
    if (text.length > MAX_YAML_CHARS && first) {
      rep.error({ start: first.offset, end: Math.min(text.length, first.offset + Math.max(1, first.length)) }, `JSON syntax error: ${printParseErrorCode(first.error)}`);
      return undefined;
    }
  }
  if (text.length > MAX_YAML_CHARS) {
    rep.error({ start: 0, end: 0 }, `${rep.file} is larger than ${formatBytes(MAX_YAML_CHARS)}, more than Platform Guide reads as YAML; write it as JSON or split it into several files`);
    return undefined;
  }
  // The fast reader builds the same document for a plain catalog (no error, no warning, at most 200
  // columns deep), without warming up the package's parser.
  const fast = fastYaml(text);
  if (fast) return fast.contents === null || fast.contents === undefined ? undefined : new YamlConverter(rep, text).convert(fast.contents as YamlNode);
  const doc = parseYaml(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false, single: true });
  if (doc.tooDeepAt !== undefined) return tooDeep(rep, doc.tooDeepAt);
  for (const e of doc.errors) {
    if (e.code === 'THROWN') rep.error({ start: 0, end: 0 }, `could not read ${rep.file}: ${e.message}`);
    else rep.error({ start: e.pos[0], end: e.pos[1] }, `YAML syntax error: ${firstLine(e.message)}`);
  }
  for (const w of doc.warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED') rep.warning({ start: w.pos[0], end: w.pos[1] }, `YAML: ${firstLine(w.message)}`);
  }
  const contents = doc.docs[0]?.contents;
  if (doc.errors.length > 0 || contents === null || contents === undefined) return undefined;
  return new YamlConverter(rep, text).convert(contents as YamlNode);
}

/** Parsers and the converters below recurse per level: a file past the limit is refused where it passes it. */
function tooDeep(rep: Reporter, at: number): undefined {
  rep.error({ start: at, end: at + 1 }, tooDeepMessage('This file'));
  return undefined;
}

/**
 * The parser's message without its code frame, and without the rest of a line it quotes: the
 * file may not be YAML at all (a catalog path naming `.npmrc`), and the range already points there.
 */
function firstLine(s: string): string {
  return s.split('\n')[0]!.trim().replace(/^(Block scalar header includes extra characters):.*$/, '$1');
}

function spanOf(range: readonly number[] | null | undefined): Span {
  const start = range?.[0] ?? 0;
  return { start, end: range?.[1] ?? start };
}

/** A block collection's range runs to the next line; underline only up to its last character. */
function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1]!)) end--;
  return { start: span.start, end };
}

/**
 * Where the tag of a node starting at `start` is written (`!foo`, `!!js/function`, `!<…>`), if it
 * is there: the token before the node, or before its anchor. A backward scan, linear in the tokens.
 */
function tagSpan(text: string, start: number): Span | undefined {
  let end = start;
  const tokenBefore = (): number => {
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    let from = end;
    while (from > 0 && !/[\s,[\]{}]/.test(text[from - 1]!)) from--;
    return from;
  };
  let from = tokenBefore();
  if (text[from] === '&') {
    end = from;
    from = tokenBefore();
  }
  return text[from] === '!' && end > from ? { start: from, end } : undefined;
}

class DepthError extends Error {}

class YamlConverter {
  private readonly anchors = new Map<string, { node?: AstNode; size: number }>();
  private readonly sizes = new WeakMap<AstNode, number>();
  private aliasNodes = 0;
  private failed = false;

  constructor(private readonly rep: Reporter, private readonly text: string) {}

  convert(root: YamlNode): AstNode | undefined {
    try {
      const node = this.node(root, 0);
      return this.failed ? undefined : node;
    } catch (e) {
      if (!(e instanceof DepthError)) throw e;
      this.rep.error({ start: 0, end: 0 }, `the document is nested more than ${MAX_DEPTH} levels deep`);
      return undefined;
    }
  }

  private node(n: YamlNode, depth: number): AstNode {
    if (depth > MAX_DEPTH) throw new DepthError();
    if (isAlias(n)) return this.alias(n.source, spanOf(n.range));
    const anchor = n.anchor;
    if (anchor) this.anchors.set(anchor, { size: 0 }); // in progress: an alias inside refers to a cycle
    const tag = n.tag;
    if (tag !== undefined && !STANDARD_TAGS.has(tag)) {
      const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
      const span = spanOf(n.range);
      this.rep.error(tagSpan(this.text, span.start) ?? span, `custom YAML tag \`${shown}\` is not allowed in a catalog; remove it and write the plain value`);
    }
    let out: AstNode;
    let size = 1;
    if (isMap(n)) {
      const pairs: AstPair[] = [];
      for (const p of n.items) {
        const key = this.key(p.key as YamlNode | null, p.value as YamlNode | null, depth);
        if (key === undefined) continue;
        const value = p.value ? this.node(p.value as YamlNode, depth + 1) : emptyScalar(key.keySpan.end);
        size += 1 + this.size(value);
        pairs.push({ key: key.key, keySpan: key.keySpan, value });
      }
      reportDuplicateKeys(this.rep, pairs);
      out = { kind: 'map', span: trimEnd(this.text, spanOf(n.range)), pairs };
    } else if (isSeq(n)) {
      const items: AstNode[] = [];
      for (const it of n.items) {
        const item = it ? this.node(it as YamlNode, depth + 1) : emptyScalar(spanOf(n.range).start);
        size += this.size(item);
        items.push(item);
      }
      out = { kind: 'seq', span: trimEnd(this.text, spanOf(n.range)), items };
    } else if (isScalar(n)) {
      const span = trimEnd(this.text, spanOf(n.range));
      const v = n.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(n.source ?? '');
      out = { kind: 'scalar', span, value, source: typeof n.source === 'string' ? n.source : this.text.slice(span.start, span.end) };
    } else {
      out = emptyScalar(0);
    }
    this.sizes.set(out, size);
    if (anchor) this.anchors.set(anchor, { node: out, size });
    return out;
  }

  private key(k: YamlNode | null, v: YamlNode | null, depth: number): { key: string; keySpan: Span } | undefined {
    if (k === null) {
      const at = spanOf(v?.range).start;
      this.rep.error({ start: at, end: at }, 'this entry has no key; write `key: value`');
      return undefined;
    }
    const node = this.node(k, depth + 1);
    if (node.kind !== 'scalar') {
      this.rep.error(spanOf(k.range), 'keys must be plain text, not a list or mapping');
      return undefined;
    }
    return { key: typeof node.value === 'string' ? node.value : node.source, keySpan: spanOf(k.range) };
  }

  private alias(name: string, span: Span): AstNode {
    const target = this.anchors.get(name);
    if (!target?.node) {
      this.rep.error(span, target ? `alias \`*${name}\` refers to the node that contains it; YAML cycles are not allowed` : `alias \`*${name}\` has no anchor \`&${name}\` before it`);
      this.failed = true;
      return emptyScalar(span.start);
    }
    this.aliasNodes += target.size;
    if (this.aliasNodes > ALIAS_NODE_BUDGET && !this.failed) {
      this.rep.error(span, `aliases expand to more than ${ALIAS_NODE_BUDGET} nodes (an alias bomb?); write the values out instead of nesting aliases`);
      this.failed = true;
    }
    return target.node;
  }

  private size(n: AstNode): number {
    return this.sizes.get(n) ?? 1;
  }
}

function emptyScalar(at: number): AstScalar {
  return { kind: 'scalar', span: { start: at, end: at }, value: null, source: '' };
}

class JsonConverter {
  constructor(private readonly rep: Reporter, private readonly text: string) {}

  convert(n: JsonNode, depth: number): AstNode | undefined {
    if (depth > MAX_DEPTH) {
      this.rep.error({ start: n.offset, end: n.offset }, `the document is nested more than ${MAX_DEPTH} levels deep`);
      return undefined;
    }
    const span = { start: n.offset, end: n.offset + n.length };
    if (n.type === 'object') {
      const pairs: AstPair[] = [];
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        const keySpan = { start: k.offset, end: k.offset + k.length };
        const key = String(k.value);
        const value = this.convert(v, depth + 1);
        if (!value) return undefined;
        pairs.push({ key, keySpan, value });
      }
      reportDuplicateKeys(this.rep, pairs);
      return { kind: 'map', span, pairs };
    }
    if (n.type === 'array') {
      const items: AstNode[] = [];
      for (const c of n.children ?? []) {
        const item = this.convert(c, depth + 1);
        if (!item) return undefined;
        items.push(item);
      }
      return { kind: 'seq', span, items };
    }
    const v: unknown = n.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    return { kind: 'scalar', span, value, source: this.text.slice(span.start, span.end) };
  }
}

/** Reports a key written twice in one mapping, at the second, naming the first. */
export function reportDuplicateKeys(rep: Reporter, pairs: readonly AstPair[]): void {
  const first = new Map<string, Span>();
  for (const p of pairs) {
    const prev = first.get(p.key);
    if (prev) {
      const at = rep.index.positionAt(prev.start);
      rep.error(p.keySpan, `\`${p.key}\` is written twice in this mapping (first on line ${at.line + 1}); keep one`);
    } else first.set(p.key, p.keySpan);
  }
}
