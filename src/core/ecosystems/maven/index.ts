import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import { mavenVersioning } from '../../versioning/maven';
import type { EcosystemModule, RenameResult, Splice } from '../types';
import { readPom as readPomText, type Pom } from './pom';
import { mavenProjectStep } from './project';
import { DEFAULT_PLUGIN_GROUP, pomUses, resolvedName, type PomUse } from './uses';
import { locateInOrder } from '../yamlUses';

const MANIFEST = 'pom.xml';

/**
 * The last pom read: the scan and the editor call `parse` then `locate` on the same text, and
 * reading a large pom twice doubles the cost for nothing. One entry, so nothing grows.
 */
let last: { text: string; pom: Pom } | undefined;
function readPom(text: string): Pom {
  if (last?.text !== text) last = { text, pom: readPomText(text) };
  return last.pom;
}

function declared(u: PomUse): DeclaredDependency {
  return { ecosystem: 'maven', name: u.name, constraint: u.constraint, section: u.section, key: u.key };
}

/**
 * Maven (ecosystems spec, "maven"): every pom.xml's parent, dependencies, managed dependencies and
 * BOM imports, plugins, plugin dependencies and extensions, in the project and its profiles.
 * Names are `groupId:artifactId`, compared as written (Maven coordinates are case-sensitive).
 */
export const mavenModule: EcosystemModule = {
  id: 'maven',
  files: [`**/${MANIFEST}`],
  wants: (relPath) => relPath === MANIFEST || relPath.endsWith(`/${MANIFEST}`),
  versioning: mavenVersioning,
  normaliseName: (name) => name.trim(),
  parse(text) {
    const pom = readPom(text);
    return { uses: pomUses(pom).map(declared), problems: pom.problems };
  },
  locate(text, _file, uses) {
    // Uses come out of one reading in one order, so parse's n-th use is locate's n-th.
    const found = pomUses(readPom(text)).map((u) => ({
      dep: declared(u),
      name: { value: u.name, span: { start: u.nameStart, end: u.nameEnd }, exact: true, after: u.nameEnd },
      version: u.constraint === null ? undefined : { start: u.start, end: u.end },
    }));
    return locateInOrder(found, uses, new LineIndex(text));
  },
  rename: renamePom,
  project: mavenProjectStep,
};

/**
 * `groupId:artifactId` → another: the groupId and artifactId elements of every use of `from` are
 * rewritten where they are written literally; a part built from a property, or a plugin's implied
 * groupId that would have to change, is left alone and said so.
 */
function renamePom(text: string, _file: string, from: string, to: string): RenameResult {
  const [fromGroup, fromArtifact] = split(from);
  const [toGroup, toArtifact] = split(to);
  if (fromGroup === undefined || fromArtifact === undefined || toGroup === undefined || toArtifact === undefined) return { splices: [], notes: [`"${from}" or "${to}" is not groupId:artifactId; left as written`] };
  const pom = readPom(text);
  const splices: Splice[] = [];
  const notes: string[] = [];
  for (const c of pom.coordinates) {
    // Matched as the scan names it (properties substituted), edited only where written literally.
    const group = c.groupId ? resolvedName(pom, c.groupId) : c.plugin ? DEFAULT_PLUGIN_GROUP : undefined;
    if (group !== fromGroup || !c.artifactId || resolvedName(pom, c.artifactId) !== fromArtifact) continue;
    const edits: Array<[typeof c.groupId, string, string]> = [
      [c.groupId, fromGroup, toGroup],
      [c.artifactId, fromArtifact, toArtifact],
    ];
    for (const [field, was, now] of edits) {
      if (was === now) continue;
      if (!field) {
        notes.push(`${c.section} ${from}: the plugin has no <groupId> (${DEFAULT_PLUGIN_GROUP} is implied); add <groupId>${toGroup}</groupId> by hand`);
      } else if (!field.literal || field.value.includes('${')) {
        notes.push(`${c.section} ${from}: "${field.value}" is built from a property or escapes; rename it by hand`);
      } else splices.push({ start: field.start, end: field.end, text: now });
    }
  }
  return { splices, notes };
}

function split(name: string): [string | undefined, string | undefined] {
  const parts = name.split(':');
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : [undefined, undefined];
}
