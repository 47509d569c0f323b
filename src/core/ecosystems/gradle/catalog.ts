import type { AST } from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import type { ParseProblem } from '../types';
import { keyName, readToml, stringPlace } from '../pypi/toml';
import type { Definition, GradleUse, Span } from './found';

/**
 * A version catalog (`gradle/*.versions.toml`, ecosystems spec, "gradle"): each `[libraries]`
 * entry is a use, written `"g:a:v"`, `{ module = "g:a", version… }` or `{ group, name, version… }`.
 * Its version is a string, a `version.ref` to `[versions]` (the range spans that value; two
 * libraries of one package on one ref are one use), or a rich version `{ strictly, require,
 * prefer }`, of which the first of `strictly`, `require`, `prefer` is the version text: `strictly`
 * is what Gradle enforces, `require` the usual lower bound, `prefer` only a hint. `[plugins]` and
 * `[bundles]` name no library.
 */
export interface CatalogRead {
  readonly uses: GradleUse[];
  readonly problems: ParseProblem[];
}

type Value = AST.TOMLContentNode;
type TomlString = AST.TOMLStringValue;


export function catalogUses(text: string, file: string): CatalogRead {
  // The shared reader: depth measured first, a syntax error is a problem at the parser's place.
  const read = readToml(text, file);
  const top = read.program?.body[0];
  if (!read.program) return { uses: [], problems: read.problems };
  const tables = new Map<string, AST.TOMLKeyValue[]>();
  for (const node of top?.body ?? []) {
    if (node.type === 'TOMLKeyValue') continue; // keys before any table are no part of a catalog
    if (node.kind !== 'standard' || node.resolvedKey.length !== 1) continue;
    const name = String(node.resolvedKey[0]);
    tables.set(name, [...(tables.get(name) ?? []), ...node.body]);
  }
  const versions = new Map<string, Definition>();
  for (const kv of tables.get('versions') ?? []) {
    const def = versionValue(text, kv.value);
    if (kv.key.keys.length === 1 && def) versions.set(keyName(kv.key.keys[0]!), def);
  }
  const uses: GradleUse[] = [];
  const seen = new Set<string>();
  for (const kv of tables.get('libraries') ?? []) {
    const use = library(text, kv, versions);
    if (!use) continue;
    if (use.ref) {
      const key = `${use.use.name}\0${use.ref.start}`;
      if (seen.has(key)) {
        uses.push({ ...use.use, duplicate: true });
        continue;
      }
      seen.add(key);
    }
    uses.push(use.use);
  }
  return { uses, problems: [] };
}

function library(text: string, kv: AST.TOMLKeyValue, versions: ReadonlyMap<string, Definition>): { use: GradleUse; ref?: Definition } | undefined {
  const section = 'libraries';
  const v = kv.value;
  if (isString(v)) {
    // `guava = "com.google.guava:guava:33.1.0-jre"`
    const s = stringSpan(text, v);
    const m = /^([\w.-]+):([\w.-]+)(?::(.*))?$/.exec(v.value);
    if (!m || !s) return undefined;
    const group = { start: s.start, end: s.start + m[1]!.length };
    const artifact = { start: group.end + 1, end: group.end + 1 + m[2]!.length };
    const nameRange = { start: s.start, end: artifact.end };
    const name = `${m[1]}:${m[2]}`;
    const version = m[3];
    if (version === undefined || version === '') return { use: { name, constraint: null, section, key: name, range: nameRange, nameRange, group, artifact } };
    return { use: { name, constraint: version, section, key: name, range: { start: artifact.end + 1, end: s.end }, nameRange, group, artifact } };
  }
  if (v.type !== 'TOMLInlineTable') return undefined;
  let module: TomlString | undefined;
  let group: TomlString | undefined;
  let artifact: TomlString | undefined;
  let version: Definition | undefined;
  let ref: Definition | undefined;
  for (const entry of v.body) {
    const path = entry.key.keys.map(keyName).join('.');
    const value = entry.value;
    if (path === 'module' && isString(value)) module = value;
    else if (path === 'group' && isString(value)) group = value;
    else if (path === 'name' && isString(value)) artifact = value;
    else if (path === 'version.ref' && isString(value)) ref = versions.get(value.value);
    else if (path === 'version' && value.type === 'TOMLInlineTable' && value.body.some((e) => e.key.keys.map(keyName).join('.') === 'ref')) {
      const r = value.body.find((e) => keyName(e.key.keys[0]!) === 'ref')?.value;
      if (r && isString(r)) ref = versions.get(r.value);
    } else if (path === 'version') version = versionValue(text, value);
    else if (path.startsWith('version.')) version ??= dottedRichVersion(text, v);
  }
  let name: string;
  let parts: { key: string; nameRange: Span; group?: Span; artifact?: Span };
  if (module) {
    const s = stringSpan(text, module);
    const m = /^([\w.-]+):([\w.-]+)$/.exec(module.value);
    if (!m) return undefined;
    name = module.value;
    const nameRange = s ?? rangeOf(module);
    parts = {
      key: name,
      nameRange,
      ...(s ? { group: { start: s.start, end: s.start + m[1]!.length }, artifact: { start: s.start + m[1]!.length + 1, end: s.end } } : {}),
    };
  } else if (group && artifact) {
    name = `${group.value}:${artifact.value}`;
    const g = stringSpan(text, group);
    const a = stringSpan(text, artifact);
    parts = { key: artifact.value, nameRange: a ?? rangeOf(artifact), ...(g && a ? { group: g, artifact: a } : {}) };
  } else return undefined;
  const at = ref ?? version;
  if (!at) return { use: { name, constraint: null, section, range: parts.nameRange, ...parts } };
  return { use: { name, constraint: at.value, section, range: { start: at.start, end: at.end }, ...parts }, ...(ref ? { ref } : {}) };
}

/** A version: a string, or a rich version's `strictly`, else `require`, else `prefer`. */
function versionValue(text: string, value: Value): Definition | undefined {
  if (isString(value)) return definition(text, value);
  if (value.type !== 'TOMLInlineTable') return undefined;
  for (const want of RICH) {
    const hit = value.body.find((e) => e.key.keys.map(keyName).join('.') === want)?.value;
    if (hit && isString(hit)) return definition(text, hit);
  }
  return undefined;
}

/** `version.strictly = "…"` written as dotted keys in the library's own table. */
function dottedRichVersion(text: string, table: AST.TOMLInlineTable): Definition | undefined {
  for (const want of RICH) {
    const hit = table.body.find((e) => e.key.keys.map(keyName).join('.') === `version.${want}`)?.value;
    if (hit && isString(hit)) return definition(text, hit);
  }
  return undefined;
}

const RICH = ['strictly', 'require', 'prefer'] as const;

function definition(text: string, v: TomlString): Definition {
  const s = stringSpan(text, v) ?? rangeOf(v);
  return { value: v.value, start: s.start, end: s.end };
}

function isString(v: Value | undefined): v is TomlString {
  return v?.type === 'TOMLValue' && v.kind === 'string';
}

/** The content of a one-line string without its quotes, when it reads as written (no escapes). */
function stringSpan(text: string, v: TomlString): Span | undefined {
  const place = stringPlace(text, v);
  return place?.exact ? place.span : undefined;
}

/** The whole value, quotes included: a string with escapes is still located, never cut. */
function rangeOf(v: AST.TOMLValue): Span {
  return { start: v.range[0], end: v.range[1] };
}
