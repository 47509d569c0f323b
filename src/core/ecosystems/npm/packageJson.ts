import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import * as semver from 'semver';
import { globProblem } from '../../globs';
import { lineRange, ZERO_RANGE, type Range } from '../../positions';
import type { DeclaredDependency, LocatedDependency } from '../../types';
import { failure, isRecord, lazyRanges, own, stripBom, type ParseProblem, type ReadResult } from './common';
import { jsonSyntaxProblem } from './jsonProblems';
import { scanManifest, type ManifestScan, type SectionMember } from './manifestScan';
import { sectionProperties, uniqueKeyPlaces, type KeyPlace } from './jsonPlaces';
import { readResolutions } from './resolutions';
import { fewOpeningBrackets, jsonTooDeepAt, tooDeepMessage, valueTooDeep } from '../../nesting';
import { alternativeCount, MAX_ALTERNATIVES } from '../../versions';

export type { ParseProblem, ReadResult } from './common';

export const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const SECTIONS: ReadonlySet<string> = new Set(DEPENDENCY_SECTIONS);

export interface PackageJsonInfo {
  name?: string;
  /** Workspace globs as written (`workspaces: [...]` or `workspaces: { packages: [...] }`). */
  workspaces: string[];
  /** Workspace globs the glob guard refused, at their place; they are left out of `workspaces`. */
  workspaceProblems?: ParseProblem[];
  /** yarn `resolutions`, selector → spec (read in every manifest; yarn honours the root's). */
  resolutions: ReadonlyMap<string, string>;
  dependencies: DeclaredDependency[];
}

/**
 * What a package.json declares. Nearly every manifest is read in one pass that also notes where
 * each dependency is written (manifestScan.ts), so locatePackageJson needs no second pass over the
 * same text; anything that pass does not read exactly as JSON.parse would is read with JSON.parse.
 *
 * A dependency section that is not an object, or a dependency whose value is not a string, is
 * skipped without a problem: npm itself reports those, and the rest of the manifest still counts.
 */
export function readPackageJson(text: string): ReadResult<PackageJsonInfo> {
  const scanned = scanManifest(text);
  if (scanned) return { ok: true, value: fromScan(text, scanned) };
  lastScan = undefined;
  return readPackageJsonParsed(text);
}

/**
 * The places of the dependencies the last manifest read in one pass declared, for locatePackageJson
 * of the same text (a scan locates a manifest's findings right after reading it). One text only.
 */
let lastScan:
  | { readonly text: string; readonly keys: readonly string[]; readonly dependencies: readonly DeclaredDependency[]; readonly members: readonly SectionMember[] }
  | undefined;

/**
 * The keys of the root object of `text` when it is the text readPackageJson last read in one pass
 * (every module that reads package.json after npm's parse asks about that text), else undefined.
 */
export function lastRootKeys(text: string): readonly string[] | undefined {
  return lastScan?.text === text ? lastScan.keys : undefined;
}

function fromScan(text: string, scanned: ManifestScan): PackageJsonInfo {
  const dependencies: DeclaredDependency[] = [];
  const members: SectionMember[] = [];
  for (let s = 0; s < DEPENDENCY_SECTIONS.length; s++) {
    const read = scanned.sections[s];
    if (read === undefined) continue;
    const section = DEPENDENCY_SECTIONS[s]!;
    for (let j = 0; j < read.length; j++) {
      const member = read[j]!;
      const value = member.value;
      if (value === undefined) continue;
      if (isPlainRange(value)) {
        dependencies.push({ ecosystem: 'npm', name: member.key, constraint: value, section, key: member.key });
      } else {
        const spec = splitNpmSpec(value);
        dependencies.push({ ecosystem: 'npm', name: spec.name ?? member.key, constraint: spec.constraint, section, key: member.key });
      }
      members.push(member);
    }
  }
  lastScan = { text, keys: scanned.keys, dependencies, members };
  // Most manifests write neither `workspaces` nor `resolutions`: nothing to read for those.
  const info: PackageJsonInfo = scanned.workspaces === undefined ? { workspaces: [], resolutions: NO_RESOLUTIONS, dependencies } : { ...workspaceGlobs(text, valueAt(text, scanned.workspaces)), resolutions: NO_RESOLUTIONS, dependencies };
  if (scanned.resolutions !== undefined) info.resolutions = readResolutions(valueAt(text, scanned.resolutions));
  const name = scanned.name === undefined ? undefined : valueAt(text, scanned.name);
  if (typeof name === 'string') info.name = name;
  return info;
}

/** The value written at [start, end) of a text the one-pass reader read: valid JSON. */
function valueAt(text: string, at: readonly [number, number]): unknown {
  return JSON.parse(text.slice(at[0], at[1]));
}

/** No resolutions: one empty map for every manifest that writes none (no caller changes it). */
const NO_RESOLUTIONS: ReadonlyMap<string, string> = new Map();

/**
 * The usual way: JSON.parse and no positions (a tree with offsets costs ~5x more and is only
 * needed for the manifests that have findings; see locatePackageJson). What the one-pass reader
 * is held to by the tests.
 */
export function readPackageJsonParsed(text: string): ReadResult<PackageJsonInfo> {
  // JSON.parse reads any depth, but locatePackageJson and the migration's edits walk a tree: a
  // file too deep for them is refused here. The parsed value is measured (cheap); the text only
  // when it is too deep (for the place) or broken (before the syntax error is located with a tree).
  const tooDeep = (deep: number): ReadResult<PackageJsonInfo> =>
    failure([{ message: tooDeepMessage('This package.json'), range: lazyRanges(text)(deep, deep + 1) }]);
  let root: unknown;
  try {
    root = JSON.parse(stripBom(text));
  } catch {
    const deep = jsonTooDeepAt(text);
    return deep !== undefined ? tooDeep(deep) : failure([jsonSyntaxProblem(text)]);
  }
  if (!fewOpeningBrackets(text) && valueTooDeep(root)) return tooDeep(jsonTooDeepAt(text) ?? 0);
  if (!isRecord(root)) {
    const found = Array.isArray(root) ? 'an array' : root === null ? 'null' : `a ${typeof root}`;
    return failure([{ message: `A package.json must be a JSON object, but this one is ${found}`, range: ZERO_RANGE }]);
  }
  const info: PackageJsonInfo = { ...workspaceGlobs(text, own(root, 'workspaces')), resolutions: readResolutions(own(root, 'resolutions')), dependencies: [] };
  const name = own(root, 'name');
  if (typeof name === 'string') info.name = name;
  for (const section of DEPENDENCY_SECTIONS) {
    const deps = own(root, section);
    if (!isRecord(deps)) continue;
    // Object.keys lists own keys only, `__proto__` included, so such a key is data like any other.
    for (const key of Object.keys(deps)) {
      const value = deps[key];
      if (typeof value !== 'string') continue;
      // Most values are plain ranges, kept whole under the key's name: no spec to split for them.
      const spec = isPlainRange(value) ? undefined : splitNpmSpec(value);
      info.dependencies.push({ ecosystem: 'npm', name: spec?.name ?? key, constraint: spec ? spec.constraint : value, section, key });
    }
  }
  return { ok: true, value: info };
}

function workspaceGlobs(text: string, value: unknown): Pick<PackageJsonInfo, 'workspaces' | 'workspaceProblems'> {
  const nested = isRecord(value);
  const list = nested ? own(value, 'packages') : value;
  if (!Array.isArray(list)) return { workspaces: [] };
  const workspaces: string[] = [];
  const refused: Array<{ index: number; reason: string }> = [];
  list.forEach((glob: unknown, index) => {
    if (typeof glob !== 'string') return;
    const reason = globProblem(glob);
    if (reason === undefined) workspaces.push(glob);
    else refused.push({ index, reason });
  });
  if (refused.length === 0) return { workspaces };
  // Rare: only now is the text read for positions (its depth was checked before JSON.parse).
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const root = parseTree(src, [], { disallowComments: false, allowTrailingComma: true });
  const toRange = lazyRanges(text);
  const workspaceProblems = refused.map(({ index, reason }) => {
    const node = root && findNodeAtLocation(root, nested ? ['workspaces', 'packages', index] : ['workspaces', index]);
    return { message: `workspaces: ${reason}`, range: node ? toRange(node.offset, node.offset + node.length) : toRange(0, 0) };
  });
  return { workspaces, workspaceProblems };
}

/**
 * Specs that name something other than a registry version, by npm-package-arg's rules: a protocol
 * (`workspace:`, `file:`, `git+ssh:`, `github:`, `https:`, a Windows drive…), a path (`.`, `~/`, or
 * any `/`, which also covers `user/repo` shorthands: a registry range never holds one), or a local
 * tarball.
 */
const NOT_A_REGISTRY_SPEC = /^[A-Za-z][A-Za-z0-9+.-]*:|\/|^\.|\.(?:tgz|tar|tar\.gz)$/i;

/** npm's alias protocol; npm-package-arg reads it in any case. */
const ALIAS = /^npm:/i;

/**
 * pnpm's catalogs: `catalog:` (the default one) or `catalog:NAME`. The version comes from the
 * workspace's catalog (or the lockfile that records it), so the spec is kept as the constraint.
 */
export const CATALOG_PREFIX = 'catalog:';

/** A package name as npm allows it: lower case, url-safe, scoped or not (what a range never looks like). */
const PACKAGE_NAME = /^(?:@[a-z0-9~][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/i;

/**
 * Splits a dependency value into the registry package it names and its version text. Registry
 * ranges and tags are kept as written (`^2.3.0`, `latest`, `""`); an `npm:` alias yields the real
 * name and the range after it, with `constraintOffset` its offset inside `value`; yarn berry's
 * `npm:^2.0.0` (a range, no name) is the same package at that range; a pnpm `catalog:` spec is kept
 * whole (its version is looked up across files); anything else that carries no registry version
 * gets a null constraint.
 */
export function splitNpmSpec(value: string): { name?: string; constraint: string | null; constraintOffset: number } {
  if (typeof value !== 'string') return { constraint: null, constraintOffset: 0 };
  if (ALIAS.test(value)) {
    const target = value.slice(4);
    // A scoped name starts with '@', so the version separator is the next '@' after it.
    const at = target.indexOf('@', target.startsWith('@') ? 1 : 0);
    if (at < 0) {
      // `npm:name` is that package at any version; `npm:^2.0.0` (yarn berry) this package at a range.
      const bare = target.trim();
      if (isBareRange(bare)) return { constraint: target, constraintOffset: 4 };
      return PACKAGE_NAME.test(bare) ? { name: bare, constraint: null, constraintOffset: 0 } : { constraint: null, constraintOffset: 0 };
    }
    const name = target.slice(0, at);
    const version = target.slice(at + 1);
    const unknown = NOT_A_REGISTRY_SPEC.test(version.trim());
    return {
      ...(name ? { name } : {}),
      constraint: unknown ? null : version,
      constraintOffset: unknown ? 0 : 4 + at + 1,
    };
  }
  if (value.startsWith(CATALOG_PREFIX)) return { constraint: value, constraintOffset: 0 };
  if (NOT_A_REGISTRY_SPEC.test(value.trim())) return { constraint: null, constraintOffset: 0 };
  return { constraint: value, constraintOffset: 0 };
}

/**
 * `^1.2.3`, `~2.0`, `1.x || 2`: a value that starts with `^`, `~` or a digit, ends with a digit and
 * holds no `/`, which no protocol, alias, path or tarball spelling matches, so splitNpmSpec would
 * keep it whole as the constraint of the dependency's own name (most values of a monorepo).
 */
export function isPlainRange(value: string): boolean {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return (first === 0x5e || first === 0x7e || (first >= 0x30 && first <= 0x39)) && last >= 0x30 && last <= 0x39 && !value.includes('/');
}

/**
 * Whether the text after `npm:` is a range rather than a name: semver reads it (loosely, as npm
 * does) and it holds a digit or is `*` (a name such as `x` is also a range to semver).
 */
function isBareRange(text: string): boolean {
  if (!/\d|^\*$/.test(text) || alternativeCount(text) > MAX_ALTERNATIVES) return false;
  try {
    return semver.validRange(text, { loose: true }) !== null;
  } catch {
    return false;
  }
}

/**
 * Exact ranges for dependencies read from `text`, with jsonc-parser's offsets. Matched by section
 * and key; when a key (or a section) is written twice the last one wins, as with JSON.parse. A
 * dependency that cannot be found in the text keeps a zero range rather than being dropped.
 */
export function locatePackageJson(text: string, deps: readonly DeclaredDependency[], options: { keyScan?: boolean } = {}): LocatedDependency[] {
  if (deps.length === 0) return [];
  // The text readPackageJson just read in one pass: its places were noted then.
  if (options.keyScan !== false && lastScan?.text === text) {
    const noted = notedPlaces(deps, lastScan);
    if (noted) return noted;
  }
  // Same length as `text`, so offsets into it are offsets into `text`.
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const toRange = lazyRanges(text);
  // Keys written once, found with indexOf (nearly every manifest); else the sections in one pass.
  const once = options.keyScan === false ? undefined : uniqueKeyPlaces(src, deps.map((d) => d.key));
  if (once) return deps.map((dep) => placed(text, dep, once.get(dep.key)!, toRange));
  // Strict JSON (nearly every package.json) in one pass; anything else with jsonc's full tree.
  const fast = sectionProperties(src, SECTIONS);
  const root = fast ? undefined : parseTree(src, [], { disallowComments: false, allowTrailingComma: true });
  const sections = lastProperties(root);
  const keysBySection = new Map<string, Map<string, Node>>();
  const keysOf = (section: string): Map<string, Node> => {
    let keys = fast?.get(section) ?? keysBySection.get(section);
    if (!keys) {
      keys = fast ? new Map() : lastProperties(sections.get(section)?.children?.[1]);
      keysBySection.set(section, keys);
    }
    return keys;
  };
  return deps.map((dep) => {
    const property = keysOf(dep.section).get(dep.key);
    const keyNode = property?.children?.[0];
    if (!property || !keyNode) return { ...dep, range: ZERO_RANGE, nameRange: ZERO_RANGE };
    const nameRange = insideQuotes(keyNode, toRange);
    const valueNode = property.children?.[1];
    if (dep.constraint === null || valueNode?.type !== 'string') return { ...dep, range: nameRange, nameRange };
    return { ...dep, range: versionRange(text, valueNode, toRange), nameRange };
  });
}

/**
 * The dependencies at the places the one-pass reader noted for them; undefined when one of them was
 * not read from that text (another read's objects) or is written with an escape, which the other
 * ways map back to the text.
 */
function notedPlaces(deps: readonly DeclaredDependency[], scan: NonNullable<typeof lastScan>): LocatedDependency[] | undefined {
  const located: LocatedDependency[] = [];
  let from = 0;
  for (const dep of deps) {
    // Uses come in the order they were read: each is searched for after the one before it.
    let i = scan.dependencies.indexOf(dep, from);
    if (i < 0) i = scan.dependencies.indexOf(dep);
    from = i + 1;
    const member = scan.members[i];
    if (!member || member.valueLine < 0 || member.escaped) return undefined;
    const nameRange = lineRange(member.keyLine, member.keyStart, member.keyEnd);
    let range = nameRange;
    if (dep.constraint !== null) {
      // The constraint as written, or the range after an alias's `@`: never past the closing quote.
      const start = member.valueStart + (dep.constraint === member.value ? 0 : splitNpmSpec(member.value!).constraintOffset);
      range = lineRange(member.valueLine, start, Math.min(member.valueEnd, start + dep.constraint.length));
    }
    // The dependency was made by fromScan with these fields and no others: written out, not spread.
    located.push({ ecosystem: dep.ecosystem, name: dep.name, constraint: dep.constraint, section: dep.section, key: dep.key, range, nameRange });
  }
  return located;
}

/** A dependency at the place its key was found written once (see uniqueKeyPlaces). */
function placed(text: string, dep: DeclaredDependency, place: KeyPlace, toRange: (start: number, end: number) => Range): LocatedDependency {
  const nameRange = toRange(place.key.offset + 1, place.key.offset + place.key.length - 1);
  if (dep.constraint === null) return { ...dep, range: nameRange, nameRange };
  // Nearly always: the value is the constraint as written, with no escape and no alias before it.
  const start = place.value.offset + 1;
  const end = Math.max(start, place.value.offset + place.value.length - 1);
  if (end - start === dep.constraint.length && text.startsWith(dep.constraint, start) && !dep.constraint.includes('\\') && !ALIAS.test(dep.constraint)) {
    return { ...dep, range: toRange(start, end), nameRange };
  }
  const raw = text.slice(place.value.offset, place.value.offset + place.value.length);
  // The text passed JSON.parse, so an escaped value decodes; versionRange maps its escapes back.
  let value: string | undefined;
  try {
    value = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  } catch {
    value = undefined;
  }
  const node = { type: 'string', offset: place.value.offset, length: place.value.length, value } as Node;
  return { ...dep, range: versionRange(text, node, toRange), nameRange };
}

/** The properties of an object node by key, the last one winning. */
function lastProperties(node: Node | undefined): Map<string, Node> {
  const byKey = new Map<string, Node>();
  if (node?.type !== 'object') return byKey;
  for (const property of node.children ?? []) {
    const key = property.children?.[0]?.value;
    if (typeof key === 'string') byKey.set(key, property);
  }
  return byKey;
}

function insideQuotes(node: Node, toRange: (start: number, end: number) => Range): Range {
  return toRange(node.offset + 1, Math.max(node.offset + 1, node.offset + node.length - 1));
}

/**
 * The version text inside the value: only the range after an alias's `@`. When the string holds
 * escapes (`\"`, `\u002e`), the decoded value's offsets are mapped back to the text, so the range
 * spans the escapes that encode the version text and nothing else: read as JSON, it is the constraint.
 */
function versionRange(text: string, valueNode: Node, toRange: (start: number, end: number) => Range): Range {
  const start = valueNode.offset + 1;
  const end = Math.max(start, valueNode.offset + valueNode.length - 1);
  if (typeof valueNode.value !== 'string') return toRange(start, end);
  const spec = splitNpmSpec(valueNode.value);
  if (spec.constraint === null) return toRange(start, end);
  const raw = text.slice(start, end);
  const at = raw.includes('\\') ? rawOffsets(raw) : undefined;
  const from = at?.[spec.constraintOffset] ?? spec.constraintOffset;
  const to = at?.[spec.constraintOffset + spec.constraint.length] ?? spec.constraintOffset + spec.constraint.length;
  return toRange(start + from, Math.min(end, start + to));
}

/**
 * For each UTF-16 unit of a JSON string's decoded value, the offset in its raw text (between the
 * quotes) where that unit's character or escape starts; one more entry for the end.
 */
function rawOffsets(raw: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < raw.length; ) {
    at.push(i);
    i += raw[i] !== '\\' ? 1 : raw[i + 1] === 'u' ? 6 : 2;
  }
  at.push(raw.length);
  return at;
}

/** The editor's path: dependencies with exact ranges in one call. */
export function parsePackageJson(text: string): ReadResult<Omit<PackageJsonInfo, 'dependencies'> & { dependencies: LocatedDependency[] }> {
  const read = readPackageJson(text);
  if (!read.ok) return read;
  return { ok: true, value: { ...read.value, dependencies: locatePackageJson(text, read.value.dependencies) } };
}
