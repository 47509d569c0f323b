import { LineIndex } from '../../positions';
import type { DeclaredDependency, LocatedDependency } from '../../types';
import { dockerTagVersioning } from '../../versioning/dockerTag';
import type { EcosystemModule, ParsedFile, RenameResult, Splice } from '../types';
import { scanCompose } from './compose';
import { scanDevcontainer } from './devcontainer';
import { scanDockerfile } from './dockerfile';
import { distinctUses, type Occurrence, type Scan } from './occurrence';
import { lastScanKept } from '../yamlUses';


/** The files of the docker ecosystem (`ecosystems-v1.md`, "docker"), at any depth. */
const FILES = [
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,Containerfile.*}',
  '**/{docker-compose,compose}*.{yml,yaml}',
  // The Dev Containers spec lets a repository keep several configurations side by side.
  '**/{.devcontainer.json,.devcontainer/devcontainer.json,.devcontainer/*/devcontainer.json}',
] as const;

type Kind = 'dockerfile' | 'compose' | 'devcontainer';

/** Which reader a path takes, from its relative path alone; the same rules as FILES. */
function kindOf(relPath: string): Kind | undefined {
  const path = relPath.replace(/\\/g, '/');
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base === 'Dockerfile' || base === 'Containerfile') return 'dockerfile';
  if (base.startsWith('Dockerfile.') || base.startsWith('Containerfile.') || base.endsWith('.Dockerfile')) return 'dockerfile';
  if (/^(?:docker-)?compose.*\.ya?ml$/.test(base)) return 'compose';
  if (base === '.devcontainer.json') return 'devcontainer';
  if (base === 'devcontainer.json') {
    const dirs = path.slice(0, Math.max(0, slash)).split('/');
    if (dirs.at(-1) === '.devcontainer' || dirs.at(-2) === '.devcontainer') return 'devcontainer';
  }
  return undefined;
}

function readScan(text: string, file: string): Scan {
  if (typeof text !== 'string') return { occurrences: [], problems: [] };
  switch (kindOf(typeof file === 'string' ? file : '')) {
    case 'compose':
      return scanCompose(text);
    case 'devcontainer':
      return scanDevcontainer(text);
    default:
      // A file the walk handed over under another name is read as what most of them are.
      return scanDockerfile(text);
  }
}

/** parse, locate and rename of one text share its scan. */
const scan = lastScanKept(readScan);

function parse(text: string, file: string): ParsedFile {
  const s = scan(text, file);
  const lines = s.problems.length > 0 ? new LineIndex(text) : undefined;
  return {
    uses: distinctUses(s.occurrences).map((o) => o.use),
    problems: s.problems.map((p) => ({ message: p.message, range: clampedRange(lines!, p.span.start, p.span.end) })),
  };
}

function clampedRange(lines: LineIndex, start: number, end: number): ReturnType<LineIndex['range']> {
  const s = Math.max(0, Math.min(start, lines.text.length));
  return lines.range(s, Math.max(s, Math.min(end, lines.text.length)));
}

/** Scans again with offsets and pairs each given use with the first unclaimed occurrence equal to it. */
function locate(text: string, file: string, uses: readonly DeclaredDependency[]): LocatedDependency[] {
  const waiting = new Map<string, Occurrence[]>();
  for (const o of distinctUses(scan(text, file).occurrences)) {
    const k = useKey(o.use);
    const list = waiting.get(k);
    if (list) list.push(o);
    else waiting.set(k, [o]);
  }
  const lines = new LineIndex(typeof text === 'string' ? text : '');
  return uses.map((use) => {
    const o = waiting.get(useKey(use))?.shift();
    // A use this text does not hold (the text changed since it was parsed) points at the start.
    const span = o?.span ?? { start: 0, end: 0 };
    const nameSpan = o?.nameSpan ?? span;
    return { ...use, range: clampedRange(lines, span.start, span.end), nameRange: clampedRange(lines, nameSpan.start, nameSpan.end) };
  });
}

function useKey(u: DeclaredDependency): string {
  return JSON.stringify([u.name, u.constraint, u.section, u.key]);
}

/** A name with a registry host and path, but no tag, digest or blank: what `to` must be. */
const IMAGE_NAME = /^[^\s:@/"'`$]+(?::\d+)?(?:\/[^\s:@/"'`$]+)*$/;

/**
 * Replaces the name of every reference to `from` (compared in lower case) with `to`, keeping its
 * tag and digest; the edits are made at the places parsing found, never by searching the text.
 * A name made up with a variable (`${REGISTRY}/node`) is left alone and said so.
 */
function rename(text: string, file: string, from: string, to: string): RenameResult {
  if (typeof from !== 'string' || typeof to !== 'string' || !IMAGE_NAME.test(to)) {
    return { splices: [], notes: [`\`${String(to)}\` is not an image name (registry and path, without a tag or digest); nothing was renamed`] };
  }
  const wanted = normaliseName(from);
  const splices = new Map<number, Splice>();
  const notes: string[] = [];
  for (const o of scan(text, file).occurrences) {
    if (normaliseName(o.use.name) !== wanted) continue;
    if (!o.nameIsLiteral) {
      notes.push(`${file}: \`${o.use.key}\` (${o.use.section}) is made up with a variable; rename it by hand`);
      continue;
    }
    splices.set(o.nameSpan.start, { start: o.nameSpan.start, end: o.nameSpan.end, text: to });
  }
  return { splices: [...splices.values()].sort((a, b) => a.start - b.start), notes };
}

function normaliseName(name: string): string {
  return typeof name === 'string' ? name.toLowerCase() : '';
}

export const dockerModule: EcosystemModule = {
  id: 'docker',
  files: FILES,
  wants: (relPath) => typeof relPath === 'string' && kindOf(relPath) !== undefined,
  versioning: dockerTagVersioning,
  normaliseName,
  parse,
  locate,
  rename,
};
