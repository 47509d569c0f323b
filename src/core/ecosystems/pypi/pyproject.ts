import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import type { FoundUse, Place, UseScan } from '../yamlUses';
import { readRequirement } from './requirement';
import { entries, escapedOffsets, keyName, readToml, stringIn, stringPlace, type TomlContent, type TomlEntry } from './toml';

/** What a pyproject.toml says besides its uses: the uv workspace it is the root of. */
export interface PyprojectScan extends UseScan {
  /** `[tool.uv.workspace] members`, then `exclude` negated with `!`: [] when it is no workspace root. */
  readonly workspace: readonly string[];
}

/**
 * The uses of a pyproject.toml: PEP 621 `[project] dependencies` and `optional-dependencies`,
 * PEP 735 `[dependency-groups]` (an `{ include-group = … }` entry is not a use), and Poetry's
 * `[tool.poetry.dependencies]`, `dev-dependencies` and `group.<name>.dependencies` (not `python`),
 * written as a string, a table with `version`, or a list of such tables (one use each).
 */
export function scanPyproject(text: string, file: string): PyprojectScan {
  const t = typeof text === 'string' ? text : '';
  const index = new LineIndex(t);
  const read = readToml(t, file);
  const found: FoundUse[] = [];
  const workspace: string[] = [];
  if (!read.program) return { found, problems: read.problems, index, workspace };
  for (const e of entries(read.program)) {
    const section = requirementListSection(e.path);
    if (section !== undefined) {
      for (const item of e.node.value.type === 'TOMLArray' ? e.node.value.elements : []) {
        const use = fromRequirementString(t, item, section);
        if (use) found.push(use);
      }
      continue;
    }
    const poetry = poetrySection(e.path);
    if (poetry) found.push(...fromPoetry(t, e, poetry));
    const members = e.path.join('.');
    if (members === 'tool.uv.workspace.members' || members === 'tool.uv.workspace.exclude') {
      for (const item of e.node.value.type === 'TOMLArray' ? e.node.value.elements : []) {
        if (item.type === 'TOMLValue' && item.kind === 'string') workspace.push(members.endsWith('exclude') ? `!${item.value}` : item.value);
      }
    }
  }
  // Tables may come in any order; the uses are reported in the order they are written.
  found.sort((a, b) => a.name.span.start - b.name.span.start);
  return { found, problems: read.problems, index, workspace };
}

/** The section name of a list of PEP 508 strings, or undefined when the path holds none. */
function requirementListSection(path: readonly string[]): string | undefined {
  if (path.length === 2 && path[0] === 'project' && path[1] === 'dependencies') return 'dependencies';
  if (path.length === 3 && path[0] === 'project' && path[1] === 'optional-dependencies') return `optional-dependencies.${path[2]}`;
  if (path.length === 2 && path[0] === 'dependency-groups') return `dependency-groups.${path[1]}`;
  return undefined;
}

function fromRequirementString(text: string, item: TomlContent, section: string): FoundUse | undefined {
  const place = stringPlace(text, item);
  if (!place) return undefined;
  const req = readRequirement(place.value);
  if (!req) return undefined;
  const dep: DeclaredDependency = { ecosystem: 'pypi', name: req.name, constraint: req.version, section, key: req.name };
  if (!place.exact) {
    // Escapes: the name and the version are the text that writes them, escapes included (not
    // renamed, as the name is not written as it reads); over several lines, the whole string.
    const at = escapedOffsets(text, item);
    if (!at) return { dep, name: { ...place, value: req.name }, version: req.version === null ? undefined : place.span };
    const span = (s: { start: number; end: number }) => ({ start: at[s.start]!, end: at[s.end]! });
    return { dep, name: { value: req.name, span: span(req.nameSpan), exact: false, after: place.after }, version: req.versionSpan && span(req.versionSpan) };
  }
  const base = place.span.start;
  return {
    dep,
    name: { value: req.name, span: { start: base + req.nameSpan.start, end: base + req.nameSpan.end }, exact: true, after: place.after },
    version: req.versionSpan && { start: base + req.versionSpan.start, end: base + req.versionSpan.end },
  };
}

/** Where a Poetry dependency table starts in a path, and its section name. */
interface PoetryTable {
  readonly section: string;
  /** The number of path keys of the table itself; the dependency's name follows. */
  readonly depth: number;
}

function poetrySection(path: readonly string[]): PoetryTable | undefined {
  if (path[0] !== 'tool' || path[1] !== 'poetry') return undefined;
  if (path[2] === 'dependencies' || path[2] === 'dev-dependencies') return { section: `tool.poetry.${path[2]}`, depth: 3 };
  if (path[2] === 'group' && path.length > 5 && path[4] === 'dependencies') return { section: `tool.poetry.group.${path[3]}.dependencies`, depth: 5 };
  return undefined;
}

/**
 * A Poetry dependency: `requests = "^2.31"`, `requests = { version = "^2.31", extras = [...] }`,
 * `[tool.poetry.dependencies.requests]` with `version = …`, or a list of tables with markers. A
 * `git`, `path` or `url` dependency has no version text: the range is on its name.
 */
function fromPoetry(text: string, e: TomlEntry, table: PoetryTable): FoundUse[] {
  const rest = e.path.slice(table.depth);
  const name = rest[0];
  if (name === undefined || name.toLowerCase() === 'python') return [];
  const keys = e.node.key.keys;
  // The key node that spells the name: on this line (`requests = …`, `requests.version = …`) or in the table header.
  const nameKey = keys.length >= rest.length ? keys[keys.length - rest.length] : tableKeyOf(e);
  const namePlace = nameKey && stringPlace(text, nameKey);
  if (!namePlace) return [];
  const value = e.node.value;
  const use = (constraint: Place | undefined): FoundUse => ({
    dep: { ecosystem: 'pypi', name, constraint: constraint?.value.trim() || null, section: table.section, key: name },
    name: namePlace,
    version: constraint && constraint.value.trim() !== '' ? trimmedSpan(constraint) : undefined,
  });
  if (rest.length === 1) {
    if (value.type === 'TOMLValue' && value.kind === 'string') return [use(stringPlace(text, value))];
    if (value.type === 'TOMLInlineTable') return [fromTable(text, value.body, use)];
    if (value.type === 'TOMLArray') {
      return value.elements.flatMap((el) => (el.type === 'TOMLInlineTable' ? [fromTable(text, el.body, use)] : []));
    }
    return [];
  }
  // `version` of a dependency written as its own table or as dotted keys.
  if (rest.length === 2 && rest[1] === 'version' && value.type === 'TOMLValue' && value.kind === 'string') {
    if (e.node.parent.type === 'TOMLInlineTable') return [];
    return [use(stringPlace(text, value))];
  }
  // A dependency table without `version` (git, path): one use on its name, from its first key.
  if (rest.length === 2 && e.node.parent.type === 'TOMLTable' && isFirstKeyOfTable(e) && !hasVersionKey(e)) return [use(undefined)];
  return [];
}

function fromTable(text: string, body: Parameters<typeof stringIn>[0], use: (p: Place | undefined) => FoundUse): FoundUse {
  const v = stringIn(body, 'version');
  return use(v && stringPlace(text, v));
}

function trimmedSpan(p: Place): { start: number; end: number } {
  if (!p.exact) return p.span;
  const raw = p.value;
  const lead = raw.length - raw.trimStart().length;
  return { start: p.span.start + lead, end: p.span.start + lead + raw.trim().length };
}

/** The last key of the `[table.header]` a key/value sits in. */
function tableKeyOf(e: TomlEntry) {
  const parent = e.node.parent;
  return parent.type === 'TOMLTable' ? parent.key.keys[parent.key.keys.length - 1] : undefined;
}

function isFirstKeyOfTable(e: TomlEntry): boolean {
  const parent = e.node.parent;
  return parent.type === 'TOMLTable' && parent.body[0] === e.node && e.node.key.keys.length === 1;
}

function hasVersionKey(e: TomlEntry): boolean {
  const parent = e.node.parent;
  return parent.type === 'TOMLTable' && parent.body.some((kv) => kv.key.keys.length === 1 && keyName(kv.key.keys[0]!) === 'version');
}
