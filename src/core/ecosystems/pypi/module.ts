import { pep440Versioning } from '../../versioning/pep440';
import type { EcosystemModule, ParsedFile, RenameResult, Splice } from '../types';
import { lastScanKept, locateInOrder, type UseScan } from '../yamlUses';
import { isPypiName, normalisePypiName } from './names';
import { pypiProjectStep } from './project';
import { scanPyproject } from './pyproject';
import { scanRequirements } from './requirements';

/** What pypi's parse returns beyond the uses: the uv workspace a pyproject.toml is the root of. */
export interface PypiParsedFile extends ParsedFile {
  /** `[tool.uv.workspace]` member globs, exclusions with `!`; [] for any other file. */
  readonly workspace: readonly string[];
}

const FILES = ['**/{requirements*.txt,requirements*.in,constraints*.txt,pyproject.toml}', '**/requirements/*.{txt,in}'] as const;

/** The same rules as FILES, on the relative path alone. */
function wants(relPath: string): boolean {
  if (typeof relPath !== 'string') return false;
  const slash = relPath.lastIndexOf('/');
  const base = relPath.slice(slash + 1);
  if (base === 'pyproject.toml') return true;
  if (base.startsWith('requirements') && (base.endsWith('.txt') || base.endsWith('.in'))) return true;
  if (base.startsWith('constraints') && base.endsWith('.txt')) return true;
  const parent = relPath.slice(0, Math.max(0, slash));
  return (parent === 'requirements' || parent.endsWith('/requirements')) && (base.endsWith('.txt') || base.endsWith('.in'));
}

/** parse, locate and rename of one text share its scan. */
const scan = lastScanKept((text: string, file: string): UseScan & { workspace?: readonly string[] } => {
  const f = typeof file === 'string' ? file : '';
  return f === 'pyproject.toml' || f.endsWith('/pyproject.toml') ? scanPyproject(text, f) : scanRequirements(text);
});

/**
 * Renames every use whose name is `from` after PEP 503 normalisation (`Foo_Bar` and `foo-bar` are
 * one package): the name as written is replaced, extras, versions and markers stay. A file that
 * cannot be read is left untouched; a name written with escapes is left and said so.
 */
function rename(text: string, file: string, from: string, to: string): RenameResult {
  if (!isPypiName(to)) return { splices: [], notes: [`\`${String(to)}\` is not a Python package name (letters, digits, \`.\`, \`-\`, \`_\`); nothing was renamed`] };
  const { found, problems, index } = scan(text, file);
  if (problems.length > 0) return { splices: [], notes: [`not renamed: ${problems[0]!.message}`] };
  const wanted = normalisePypiName(from);
  const splices: Splice[] = [];
  const notes: string[] = [];
  const done = new Set<number>();
  for (const f of found) {
    if (normalisePypiName(f.dep.name) !== wanted || done.has(f.name.span.start)) continue;
    done.add(f.name.span.start);
    if (!f.name.exact) {
      notes.push(`${file}: ${f.dep.name} on line ${index.positionAt(f.name.span.start).line + 1} is written with escapes or over several lines; rename it by hand`);
      continue;
    }
    if (f.name.value !== to) splices.push({ start: f.name.span.start, end: f.name.span.end, text: to });
  }
  splices.sort((a, b) => a.start - b.start);
  return { splices, notes };
}

/**
 * pypi (`ecosystems-v1.md`, "pypi"): requirements and constraints files, pyproject.toml (PEP 621,
 * PEP 735, Poetry), PEP 440 and Poetry constraints; poetry.lock and uv.lock through the project step.
 */
export const pypiModule: EcosystemModule<PypiParsedFile> = {
  id: 'pypi',
  files: FILES,
  wants,
  versioning: pep440Versioning,
  normaliseName: normalisePypiName,
  parse(text, file) {
    const s = scan(text, file);
    return { uses: s.found.map((f) => f.dep), problems: [...s.problems], workspace: s.workspace ?? [] };
  },
  locate(text, file, uses) {
    if (uses.length === 0) return [];
    const { found, index } = scan(text, file);
    return locateInOrder(found, uses, index);
  },
  rename,
  project: pypiProjectStep,
};
