import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import { gradleVersioning } from '../../versioning/maven';
import type { EcosystemModule, ParseProblem, RenameResult, Splice } from '../types';
import { locateInOrder } from '../yamlUses';
import { catalogUses } from './catalog';
import type { GradleUse } from './found';
import { gradleProjectStep } from './project';
import { scriptUses } from './script';

const SCRIPTS = new Set(['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts']);
const CATALOG = /(?:^|\/)gradle\/[^/]+\.versions\.toml$/;
/** Real build scripts are kilobytes; the largest known are well under a megabyte. */
const MAX_SCRIPT_CHARS = 5_000_000;

function baseName(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('/') + 1);
}

type Read = { uses: GradleUse[]; problems: ParseProblem[] };

/**
 * The last file read: the scan and the editor call `parse` then `locate` on the same text, and
 * reading a large script twice doubles the cost for nothing. One entry, so nothing grows.
 */
let last: { text: string; file: string; read: Read } | undefined;

function read(text: string, file: string): Read {
  if (last && last.text === text && last.file === file) return last.read;
  const result = readUncached(text, file);
  last = { text, file, read: result };
  return result;
}

/** The uses of one Gradle file, by what the file is: a version catalog or a script. */
function readUncached(text: string, file: string): Read {
  if (CATALOG.test(file)) return catalogUses(text, file);
  if (text.length > MAX_SCRIPT_CHARS) {
    const message = `the file is larger than ${MAX_SCRIPT_CHARS / 1_000_000} million characters, which no build script needs; it was not read`;
    return { uses: [], problems: [{ message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  }
  // A script is read token by token; there is no malformed script, only declarations not found.
  return { uses: scriptUses(text, file.endsWith('.kts')), problems: [] };
}

function declared(u: GradleUse): DeclaredDependency {
  return { ecosystem: 'gradle', name: u.name, constraint: u.constraint, section: u.section, key: u.key };
}

/**
 * Gradle (ecosystems spec, "gradle"): dependency declarations of build and settings scripts,
 * Groovy and Kotlin, and the libraries of version catalogs; gradle.properties through the project
 * step. Names are `group:name`, compared as written; versions are Maven's with Gradle's own forms.
 */
export const gradleModule: EcosystemModule = {
  id: 'gradle',
  files: ['**/{build,settings}.gradle{,.kts}', '**/gradle/*.versions.toml'],
  wants: (relPath) => SCRIPTS.has(baseName(relPath)) || CATALOG.test(relPath),
  versioning: gradleVersioning,
  normaliseName: (name) => name.trim(),
  parse(text, file) {
    const r = read(text, file);
    return { uses: r.uses.filter((u) => !u.duplicate).map(declared), problems: r.problems };
  },
  locate(text, file, uses) {
    const found = read(text, file).uses.filter((u) => !u.duplicate).map((u) => ({
      dep: declared(u),
      name: { value: u.name, span: u.nameRange, exact: true, after: u.nameRange.end },
      version: u.constraint === null ? undefined : u.range,
    }));
    return locateInOrder(found, uses, new LineIndex(text));
  },
  rename: renameGradle,
  project: gradleProjectStep,
};

/**
 * `g:a` → another in every notation: the group and the artifact are edited where each is written
 * (in one string, in map or positional arguments, in a catalog's `module` or `group`+`name`).
 */
function renameGradle(text: string, file: string, from: string, to: string): RenameResult {
  const [toGroup, toArtifact] = to.split(':');
  if (to.split(':').length !== 2 || !/^[\w.-]+$/.test(toGroup ?? '') || !/^[\w.-]+$/.test(toArtifact ?? '')) {
    return { splices: [], notes: [`"${to}" is not group:name; nothing was renamed`] };
  }
  const r = read(text, file);
  if (r.problems.length > 0) return { splices: [], notes: [`not renamed: ${r.problems[0]!.message}`] };
  const splices: Splice[] = [];
  const notes: string[] = [];
  for (const u of r.uses) {
    if (u.name !== from) continue;
    if (!u.group || !u.artifact) {
      notes.push(`${u.section} "${u.key}" is not written as it reads (escape sequences?); rename it by hand`);
      continue;
    }
    splices.push({ start: u.group.start, end: u.group.end, text: toGroup! }, { start: u.artifact.start, end: u.artifact.end, text: toArtifact! });
  }
  return { splices, notes };
}
