import { referenceIn, type Definition, type GradleUse, type Span } from './found';
import { tokenize, type Token } from './lexer';

/**
 * The uses of a build or settings script, Groovy or Kotlin (ecosystems spec, "gradle"), read in
 * `dependencies` blocks (a `buildscript`'s too, and blocks nested in them such as `constraints`):
 * - string notation `"g:a:v"`, `"g:a:v:classifier"`, `"g:a:v@ext"`, `"g:a"` (no version: the
 *   range spans `g:a`), also inside `platform(…)`, `enforcedPlatform(…)`, `testFixtures(…)`;
 * - map notation `group: 'g', name: 'a', version: 'v'` (Groovy) or `group = …` (Kotlin named);
 * - Kotlin positional `("g", "a", "v")`.
 * A version `$v`/`${v}` defined in the script by `def`/`val`/`var`, `ext.v =`, `ext { v = }`,
 * `extra["v"] =`, `set("v", …)` or `by extra(…)` is that definition; otherwise it stays as written
 * (gradle.properties may define it: the project step).
 */
export function scriptUses(text: string, kotlin: boolean): GradleUse[] {
  const tokens = tokenize(text, kotlin);
  const definitions = readDefinitions(tokens);
  const uses: GradleUse[] = [];
  const seen = new Set<string>();
  const add = (use: GradleUse, definition: Definition | undefined): void => {
    if (definition) {
      const key = `${use.name}\0${definition.start}`;
      if (seen.has(key)) {
        uses.push({ ...use, duplicate: true });
        return;
      }
      seen.add(key);
    }
    uses.push(use);
  };
  // The open blocks' labels, and counts of the two that matter: no search of the stack per token.
  const blocks: string[] = [];
  let depsDepth = 0;
  let buildscriptDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '{') {
      const label = tokens[i - 1]?.kind === 'ident' ? tokens[i - 1]!.text : '';
      blocks.push(label);
      if (label === 'dependencies') depsDepth++;
      else if (label === 'buildscript') buildscriptDepth++;
      continue;
    }
    if (t.kind === 'punct' && t.text === '}') {
      const label = blocks.pop();
      if (label === 'dependencies') depsDepth--;
      else if (label === 'buildscript') buildscriptDepth--;
      continue;
    }
    if (depsDepth === 0) continue;
    const section = buildscriptDepth > 0 ? 'buildscript.dependencies' : 'dependencies';
    if (t.kind === 'string') {
      const found = stringNotation(tokens, i, definitions, section);
      if (found) add(found.use, found.definition);
    } else if (t.kind === 'ident' && t.text === 'group' && isKeyValue(tokens, i)) {
      const found = mapNotation(tokens, i, definitions, section);
      if (found) add(found.use, found.definition);
    } else if (t.kind === 'ident' && tokens[i + 1]?.text === '(' && !NOT_CONFIGURATIONS.has(t.text)) {
      const found = positional(tokens, i, definitions, section);
      if (found) add(found.use, found.definition);
    }
  }
  return uses;
}

/** Calls whose string arguments are not a dependency's group, name and version. */
const NOT_CONFIGURATIONS = new Set(['project', 'files', 'file', 'fileTree', 'set', 'extra', 'exclude', 'because', 'kotlin', 'id', 'include', 'println', 'attribute', 'capability', 'requireCapability', 'version', 'module', 'classifier']);
/** A coordinate written as one string; group and artifact as Maven allows them, the rest as written. */
const NOTATION = /^([\w.-]+):([\w.-]+)(?::([^:@]*))?(?::([^:@]*))?(?:@([^:@]*))?$/;

interface Found {
  readonly use: GradleUse;
  readonly definition: Definition | undefined;
}

function stringNotation(tokens: readonly Token[], i: number, definitions: ReadonlyMap<string, Definition>, section: string): Found | undefined {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  // A map or named argument's value (`version: '1.0'`) or a positional one is read with its call.
  if (prev && (prev.text === ':' || prev.text === '=' || prev.text === ',')) return undefined;
  const m = NOTATION.exec(t.text);
  if (!m) return undefined;
  const [, group, artifact, version] = m;
  const groupSpan = { start: t.start, end: t.start + group!.length };
  const artifactSpan = { start: groupSpan.end + 1, end: groupSpan.end + 1 + artifact!.length };
  const nameRange = { start: t.start, end: artifactSpan.end };
  const name = `${group}:${artifact}`;
  if (version === undefined || version === '') {
    return { use: { name, constraint: null, section, key: name, range: nameRange, nameRange, group: groupSpan, artifact: artifactSpan }, definition: undefined };
  }
  const versionSpan = { start: artifactSpan.end + 1, end: artifactSpan.end + 1 + version.length };
  const v = versionOf(version, versionSpan, t.interpolated, definitions);
  return { use: { name, constraint: v.constraint, section, key: name, range: v.range, nameRange, group: groupSpan, artifact: artifactSpan }, definition: v.definition };
}

/** `group: 'g', name: 'a', version: 'v'` (any order after `group`), up to the end of the call or line. */
function mapNotation(tokens: readonly Token[], i: number, definitions: ReadonlyMap<string, Definition>, section: string): Found | undefined {
  const values = new Map<string, Token>();
  for (let j = i; j < tokens.length && j < i + 16; ) {
    const key = tokens[j]!;
    if (j > i && (key.newline || key.text === ')' || key.text === '}' || key.text === '{')) break;
    if (key.kind === 'ident' && isKeyValue(tokens, j)) {
      if (!values.has(key.text)) values.set(key.text, tokens[j + 2]!);
      j += 3;
    } else if (key.text === ',') j++;
    else break;
  }
  const group = values.get('group');
  const artifact = values.get('name');
  if (!group || !artifact || group.interpolated || artifact.interpolated) return undefined;
  const name = `${group.text}:${artifact.text}`;
  // No one stretch of text reads `g:a`: the name is shown and located by its artifact, as Maven's is.
  const nameRange = { start: artifact.start, end: artifact.end };
  const parts = { key: artifact.text, group: { start: group.start, end: group.end }, artifact: nameRange };
  const version = values.get('version');
  if (!version || version.text === '') return { use: { name, constraint: null, section, range: nameRange, nameRange, ...parts }, definition: undefined };
  const v = versionOf(version.text, { start: version.start, end: version.end }, version.interpolated, definitions);
  return { use: { name, constraint: v.constraint, section, range: v.range, nameRange, ...parts }, definition: v.definition };
}

/** `implementation("g", "a", "v")`, Kotlin's positional form (the version may be left out). */
function positional(tokens: readonly Token[], i: number, definitions: ReadonlyMap<string, Definition>, section: string): Found | undefined {
  const [open, group, comma, artifact, next, version, close] = tokens.slice(i + 1, i + 8);
  if (open?.text !== '(' || group?.kind !== 'string' || comma?.text !== ',' || artifact?.kind !== 'string') return undefined;
  if (group.interpolated || artifact.interpolated || group.text.includes(':') || !/^[\w.-]+$/.test(group.text) || !/^[\w.-]+$/.test(artifact.text)) return undefined;
  const name = `${group.text}:${artifact.text}`;
  // No one stretch of text reads `g:a`: the name is shown and located by its artifact, as Maven's is.
  const nameRange = { start: artifact.start, end: artifact.end };
  const parts = { key: artifact.text, group: { start: group.start, end: group.end }, artifact: nameRange };
  if (next?.text === ',' && version?.kind === 'string' && (close?.text === ')' || close?.text === ',')) {
    const v = versionOf(version.text, { start: version.start, end: version.end }, version.interpolated, definitions);
    return { use: { name, constraint: v.constraint, section, range: v.range, nameRange, ...parts }, definition: v.definition };
  }
  if (next?.text !== ')') return undefined;
  return { use: { name, constraint: null, section, range: nameRange, nameRange, ...parts }, definition: undefined };
}

/** A version as written, or the definition a lone `$v`/`${v}` names (its value, its place). */
function versionOf(text: string, span: Span, interpolated: boolean, definitions: ReadonlyMap<string, Definition>): { constraint: string; range: Span; definition: Definition | undefined } {
  const ref = interpolated ? referenceIn(text) : undefined;
  const definition = ref === undefined ? undefined : definitions.get(ref);
  if (definition) return { constraint: definition.value, range: { start: definition.start, end: definition.end }, definition };
  return { constraint: text, range: span, definition: undefined };
}

/** `key: value` or `key = value` with a string value. */
function isKeyValue(tokens: readonly Token[], i: number): boolean {
  const sep = tokens[i + 1];
  return (sep?.text === ':' || sep?.text === '=') && tokens[i + 2]?.kind === 'string';
}

/**
 * Plain string values given a name in the script, outside any call's arguments (so a named
 * argument `version = "1.0"` defines nothing). The last definition of a name wins, as the script
 * runs top to bottom.
 */
function readDefinitions(tokens: readonly Token[]): Map<string, Definition> {
  const out = new Map<string, Definition>();
  const define = (name: string, value: Token | undefined): void => {
    if (value?.kind === 'string' && !value.interpolated) out.set(name, { value: value.text, start: value.start, end: value.end });
  };
  let parens = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') parens++;
    else if (t.text === ')') parens = Math.max(0, parens - 1);
    if (t.kind === 'ident') {
      const next = tokens[i + 1];
      // `set("v", "1.0")` and `extra.set(…)`, also inside `ext { }`.
      if (t.text === 'set' && next?.text === '(' && tokens[i + 2]?.kind === 'string' && tokens[i + 3]?.text === ',') {
        define(tokens[i + 2]!.text, tokens[i + 4]);
        continue;
      }
      // `val v by extra("1.0")`
      if (next?.text === 'by' && tokens[i + 2]?.text === 'extra' && tokens[i + 3]?.text === '(') {
        define(t.text, tokens[i + 4]);
        continue;
      }
      if (parens > 0) continue;
      // `v = "1.0"`, `def v = '1.0'`, `ext.v = …`, `val v: String = "1.0"`
      if (next?.text === '=' && tokens[i + 2]?.text !== '=') define(t.text, tokens[i + 2]);
      else if (next?.text === ':' && tokens[i + 2]?.kind === 'ident' && tokens[i + 3]?.text === '=') define(t.text, tokens[i + 4]);
    } else if (t.text === '[' && tokens[i + 1]?.kind === 'string' && tokens[i + 2]?.text === ']' && tokens[i + 3]?.text === '=') {
      // `extra["v"] = "1.0"`, `ext["v"] = '1.0'`
      define(tokens[i + 1]!.text, tokens[i + 4]);
    }
  }
  return out;
}
