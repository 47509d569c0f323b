import { SaxesParser } from 'saxes';
import { LineIndex } from '../../positions';
import type { ParseProblem } from '../types';

/** An element's text, trimmed, and where it stands; as written when it is not plain text. */
export interface Field {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** Plain text: no entity, comment, CDATA or element inside. */
  readonly literal: boolean;
}

/** A coordinate element: `parent`, `dependency`, `plugin` or `extension`, with its direct children. */
export interface Coordinate {
  /** Where it sits, for messages and the use's `section`: `dependencies`, `build.plugins`… */
  readonly section: string;
  readonly plugin: boolean;
  readonly groupId?: Field;
  readonly artifactId?: Field;
  readonly version?: Field;
}

/** What a pom.xml says, with offsets into its text. */
export interface Pom {
  readonly coordinates: Coordinate[];
  /** `<properties>` of the project (a profile's only where the project does not define the name). */
  readonly properties: Map<string, Field>;
  readonly project: { readonly groupId?: Field; readonly version?: Field };
  readonly parent?: { readonly groupId?: Field; readonly version?: Field; readonly relativePath?: Field };
  readonly problems: ParseProblem[];
}

/**
 * Paths below `project` (or a profile) whose element is a use (ecosystems spec, "maven"). Anything
 * under `exclusions` or a plugin's `configuration` never matches, since those are not on the list.
 */
const USE_PATHS = new Map<string, string>([
  ['dependencies/dependency', 'dependencies'],
  ['dependencyManagement/dependencies/dependency', 'dependencyManagement'],
  ['build/plugins/plugin', 'build.plugins'],
  ['build/pluginManagement/plugins/plugin', 'build.pluginManagement'],
  ['reporting/plugins/plugin', 'reporting.plugins'],
  ['build/plugins/plugin/dependencies/dependency', 'build.plugins.dependencies'],
  ['build/pluginManagement/plugins/plugin/dependencies/dependency', 'build.pluginManagement.dependencies'],
  ['build/extensions/extension', 'build.extensions'],
]);
const COORDINATE_FIELDS = new Set(['groupId', 'artifactId', 'version']);
/** Real poms are kilobytes; the largest known are well under a megabyte. */
const MAX_CHARS = 5_000_000;
const CHUNK = 65_536;

interface Open {
  readonly name: string;
  /** Offset just after the start tag's `>`. */
  readonly contentStart: number;
  text: string;
  coordinate?: { section: string; plugin: boolean; fields: Partial<Record<'groupId' | 'artifactId' | 'version', Field>> };
}

/**
 * Reads a pom.xml with saxes, a streaming parser that reports the offset after each tag (in UTF-16
 * units, as measured on astral characters and CRLF line ends). A malformed file is a problem with
 * its position, never a throw: saxes calls the error handler and goes on; it is guarded anyway.
 */
export function readPom(text: string): Pom {
  const coordinates: Coordinate[] = [];
  const properties = new Map<string, Field>();
  const profileProperties = new Map<string, Field>();
  const project: { groupId?: Field; version?: Field } = {};
  let parent: { groupId?: Field; version?: Field; relativePath?: Field } | undefined;
  const problems: ParseProblem[] = [];
  const stack: Open[] = [];
  const parser = new SaxesParser({ position: true });
  let index: LineIndex | undefined;
  const problemAt = (offset: number, message: string): void => {
    if (problems.length > 0) return; // the first error explains the rest
    index ??= new LineIndex(text);
    const at = Math.max(0, Math.min(offset, text.length));
    problems.push({ range: index.range(at, at), message: /not read$/.test(message) ? message : `${message}; fix the XML so the pom can be read` });
  };
  parser.on('error', (e) => problemAt(parser.position, `not well-formed XML: ${e.message.replace(/^\d+:\d+: /, '')}`));
  parser.on('opentag', (tag) => {
    const path = stack.map((o) => o.name);
    const open: Open = { name: tag.local || tag.name, contentStart: parser.position, text: '' };
    const section = usePath([...path, open.name]);
    if (section) open.coordinate = { section, plugin: open.name === 'plugin', fields: {} };
    stack.push(open);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', (tag) => {
    const open = stack.pop();
    if (!open) return;
    const end = tag.isSelfClosing ? open.contentStart : text.lastIndexOf('<', parser.position - 1);
    const field = fieldOf(text, open, end);
    const path = stack.map((o) => o.name);
    const holder = stack[stack.length - 1];
    if (open.coordinate) {
      const c = open.coordinate;
      coordinates.push({ section: c.section, plugin: c.plugin, ...c.fields });
    } else if (holder?.coordinate && COORDINATE_FIELDS.has(open.name) && path.length >= 1) {
      holder.coordinate.fields[open.name as 'groupId'] ??= field;
    } else if (path.length === 2 && path[0] === 'project' && path[1] === 'properties') {
      if (!properties.has(open.name)) properties.set(open.name, field);
    } else if (path.length === 4 && path[0] === 'project' && path[1] === 'profiles' && path[3] === 'properties') {
      if (!profileProperties.has(open.name)) profileProperties.set(open.name, field);
    } else if (path.length === 1 && path[0] === 'project' && (open.name === 'groupId' || open.name === 'version')) {
      project[open.name] = field;
    }
    // The parent is a use and also where `${project.parent.version}` and the relativePath come from.
    if (path.length === 2 && path[0] === 'project' && path[1] === 'parent' && ['groupId', 'version', 'relativePath'].includes(open.name)) {
      parent ??= {};
      parent[open.name as 'groupId'] = field;
    }
    if (path.length === 1 && open.name === 'parent') parent ??= {};
  });
  if (text.length > MAX_CHARS) {
    problemAt(0, `the file is larger than ${MAX_CHARS / 1_000_000} million characters, which no pom needs; it was not read`);
    return { coordinates, properties, project, problems };
  }
  try {
    // In chunks, so the reading stops at the first error: a file that is not XML (or stops being
    // XML early) costs no more than its readable part, and the uses before the error are kept.
    for (let at = 0; at < text.length && problems.length === 0; at += CHUNK) parser.write(text.slice(at, at + CHUNK));
    if (problems.length === 0) parser.close();
  } catch (e) {
    problemAt(parser.position, `not well-formed XML: ${(e as Error).message}`);
  }
  for (const [name, field] of profileProperties) if (!properties.has(name)) properties.set(name, field);
  return { coordinates, properties, project, ...(parent ? { parent } : {}), problems };
}

/** The section of a use when the element path is one (`project/…` or `project/profiles/profile/…`). */
function usePath(path: readonly string[]): string | undefined {
  if (path[0] !== 'project') return undefined;
  if (path.length === 2 && path[1] === 'parent') return 'parent';
  const inProfile = path[1] === 'profiles' && path[2] === 'profile';
  const rest = path.slice(inProfile ? 3 : 1).join('/');
  const section = USE_PATHS.get(rest);
  return section && inProfile ? `profiles.${section}` : section;
}

/** The element's text and its raw place, trimmed on both. */
function fieldOf(text: string, open: Open, end: number): Field {
  const rawStart = Math.min(open.contentStart, text.length);
  const rawEnd = Math.max(rawStart, Math.min(end, text.length));
  const raw = text.slice(rawStart, rawEnd);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  const decoded = open.text.trim();
  const literal = trimmed === decoded;
  // Text with an entity, a comment, CDATA or a child element inside is taken as written: a use's
  // version text and name are what its range spans (such a version reads as unknown, is never
  // bumped in place, and such a name is not renamed).
  return { value: literal ? decoded : trimmed, start: rawStart + lead, end: rawStart + lead + trimmed.length, literal };
}
