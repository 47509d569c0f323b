import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Document, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import { tooDeepMessage } from '../../nesting';
import { MAX_YAML_CHARS, parseYaml } from '../../yamlParse';
import type { Scan } from './occurrence';
import { readReference } from './reference';
import { literal, substitute, type Span } from './sourced';

/** Merge keys and aliases followed per file: enough for any real file, bounded for an alias bomb. */
const ALIAS_BUDGET = 10_000;
const MAX_MERGE_DEPTH = 20;

/**
 * The `image:` of every service of a compose file (`services.<name>.image`), through YAML aliases
 * and `<<:` merge keys (an image written once under an anchor is one definition: its uses are one
 * place). A service that also has `build:` builds that image: its `image:` names what it builds,
 * not a use. `${VAR:-default}` takes its default (the module reads no `.env`); `${VAR}` alone stays
 * as written and is unknown; `$$` is a literal `$`. Never throws.
 */
export function scanCompose(text: string): Scan {
  const scan: Scan = { occurrences: [], problems: [] };
  // A compose file is a few kilobytes; a huge one is not worth a scan that stalls the editor.
  if (text.length > MAX_YAML_CHARS) {
    scan.problems.push({ message: `this compose file is larger than ${MAX_YAML_CHARS / 1024} KB, more than Platform Guide reads of a YAML file; it was not read`, span: { start: 0, end: 0 } });
    return scan;
  }
  // The library's own check for keys written twice is quadratic in a mapping's size; see below.
  const parsed = parseYaml(text, { version: '1.2', schema: 'core', prettyErrors: false, uniqueKeys: false, single: true });
  if (parsed.tooDeepAt !== undefined) {
    scan.problems.push({ message: tooDeepMessage('This compose file'), span: { start: parsed.tooDeepAt, end: parsed.tooDeepAt + 1 } });
    return scan;
  }
  for (const e of parsed.errors) {
    scan.problems.push({ message: e.code === 'THROWN' ? `could not read this file as YAML: ${e.message}` : `YAML syntax error: ${e.message}`, span: { start: e.pos[0], end: e.pos[1] } });
  }
  const doc = parsed.docs[0];
  if (!doc || parsed.errors.length > 0) return scan;
  const walk = new Walk(doc);
  const services = walk.map(walk.get(walk.map(doc.contents), 'services'));
  if (!services) return scan;
  const seen = new Map<string, number>();
  for (const pair of services.items) {
    if (writtenTwice(pair.key, seen, scan)) continue;
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const service = walk.map(pair.value as YamlNode | null);
    if (name === undefined || !service || walk.get(service, 'build') !== undefined) continue;
    const image = walk.resolve(walk.get(service, 'image'));
    if (!isScalar(image) || typeof image.value !== 'string') continue;
    const span = valueSpan(text, image as Scalar<string>);
    if (!span) {
      const [start, end] = image.range ?? [0, 0];
      scan.problems.push({ message: 'this image is written with escapes or folded over lines; write it on one line, plain or in quotes', span: { start, end } });
      continue;
    }
    const ref = readReference(text, substitute(literal(image.value, span.start), () => undefined, true));
    if (!ref) continue;
    if ('problem' in ref) {
      scan.problems.push({ message: ref.problem, span: ref.span });
      continue;
    }
    const key = text.slice(ref.nameSpan.start, ref.nameSpan.end);
    scan.occurrences.push({
      use: { ecosystem: 'docker', name: ref.name, constraint: ref.version?.text ?? null, section: `services.${name}.image`, key },
      nameSpan: ref.nameSpan,
      nameIsLiteral: ref.nameIsLiteral,
      span: ref.version?.span ?? ref.nameSpan,
    });
  }
  return scan;
}

/**
 * A service written twice: compose refuses the file, so the second is reported and skipped. (Keys
 * inside a service are left to compose: a use is read the same either way.)
 */
function writtenTwice(key: unknown, seen: Map<string, number>, scan: Scan): boolean {
  if (!isScalar(key) || !key.range) return false;
  const name = String(key.value);
  const first = seen.get(name);
  if (first === undefined) {
    seen.set(name, key.range[0]);
    return false;
  }
  scan.problems.push({ message: `service \`${name}\` is written twice in \`services\`; compose refuses the file, keep one`, span: { start: key.range[0], end: key.range[1] } });
  return true;
}

/** Where a scalar's value stands in the text, when it stands there character for character. */
function valueSpan(text: string, node: Scalar<string>): Span | undefined {
  const range = node.range;
  if (!range) return undefined;
  let [start, end] = range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  } else if (node.type !== 'PLAIN') {
    return undefined;
  }
  return end >= start && text.slice(start, end) === node.value ? { start, end } : undefined;
}

/**
 * Follows aliases and merge keys within a budget, so a crafted file cannot make the walk explode:
 * anchors are indexed once (the library's own alias lookup walks the whole document each time),
 * and each map answers each key once.
 */
class Walk {
  private budget = ALIAS_BUDGET;
  /** Each anchor's definitions in the order of the text: an alias means the last one before it. */
  private readonly anchors = new Map<string, { at: number; node: YamlNode }[]>();
  private readonly answers = new WeakMap<YAMLMap, Map<string, unknown>>();

  constructor(doc: Document.Parsed) {
    visit(doc, (_key, node) => {
      if (!isNode(node) || isAlias(node) || !node.anchor) return;
      let list = this.anchors.get(node.anchor);
      if (!list) this.anchors.set(node.anchor, (list = []));
      list.push({ at: node.range?.[0] ?? 0, node });
    });
  }

  resolve(node: unknown): unknown {
    let n = node;
    for (let hops = 0; isAlias(n); hops++) {
      if (hops >= MAX_MERGE_DEPTH || this.budget-- <= 0) return undefined;
      const at = n.range?.[0] ?? 0;
      const found = this.anchors.get(n.source)?.filter((d) => d.at < at).at(-1);
      n = found?.node;
    }
    return n;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.resolve(node);
    return isMap(n) ? n : undefined;
  }

  /** The value of `key` in `map`, else in the maps it merges (`<<: *base`, `<<: [*a, *b]`), first one wins. */
  get(map: YAMLMap | undefined, key: string, depth = 0): unknown {
    // Only what aliases and merge keys add is counted: a file's own keys are read once anyway.
    if (!map || depth > MAX_MERGE_DEPTH || (depth > 0 && this.budget-- <= 0)) return undefined;
    let answers = this.answers.get(map);
    if (answers?.has(key)) return answers.get(key);
    const merged: unknown[] = [];
    let found: unknown;
    for (const pair of map.items) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (k === key) {
        found = pair.value ?? null;
        break;
      }
      if (k === '<<') merged.push(pair.value);
    }
    for (let i = 0; found === undefined && i < merged.length; i++) {
      const m = merged[i];
      for (const source of isSeq(m) ? m.items : [m]) {
        found = this.get(this.map(source), key, depth + 1);
        if (found !== undefined) break;
      }
    }
    if (!answers) this.answers.set(map, (answers = new Map()));
    answers.set(key, found);
    return found;
  }
}
