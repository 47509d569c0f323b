import { LineIndex, type Range } from '../../positions';
import type { ParseProblem } from '../types';
import { entries, readToml } from './toml';

/** The lockfiles of Python projects, in the order one is preferred when a folder has both. */
export const PYPI_LOCKFILES = ['uv.lock', 'poetry.lock'] as const;

/** One package's version as a lockfile records it. */
export interface LockedPackage {
  readonly version: string;
  locate(): Range;
}

export type PypiLockfile = ReadonlyMap<string, LockedPackage>;

/**
 * The versions a poetry.lock or uv.lock records, by PEP 503 name: both list `[[package]]` tables
 * with `name` and `version`. A name locked at two versions (Poetry and uv fork on markers) pins
 * nothing: which one is installed depends on the machine, so the manifest's range is compared.
 */
export function parsePypiLockfile(text: string, file: string, normaliseName: (n: string) => string): { lockfile?: PypiLockfile; problems: ParseProblem[] } {
  const read = readToml(text, file);
  if (!read.program) return { problems: read.problems };
  const byName = new Map<string, { version: string; start: number; end: number } | null>();
  const pending = new Map<unknown, { name?: string; version?: { value: string; start: number; end: number } }>();
  for (const e of entries(read.program)) {
    if (e.path.length !== 3 || e.path[0] !== 'package' || (e.path[2] !== 'name' && e.path[2] !== 'version')) continue;
    const v = e.node.value;
    if (v.type !== 'TOMLValue' || v.kind !== 'string') continue;
    const table = e.node.parent;
    const entry = pending.get(table) ?? {};
    if (e.path[2] === 'name') entry.name = v.value;
    else entry.version = { value: v.value, start: v.range[0] + 1, end: Math.max(v.range[0] + 1, v.range[1] - 1) };
    pending.set(table, entry);
  }
  for (const { name, version } of pending.values()) {
    if (name === undefined || version === undefined) continue;
    const key = normaliseName(name);
    const seen = byName.get(key);
    if (seen === undefined) byName.set(key, { version: version.value, start: version.start, end: version.end });
    else if (seen !== null && seen.version !== version.value) byName.set(key, null);
  }
  let index: LineIndex | undefined;
  const lockfile = new Map<string, LockedPackage>();
  for (const [name, v] of byName) {
    if (v) lockfile.set(name, { version: v.version, locate: () => (index ??= new LineIndex(text)).range(v.start, v.end) });
  }
  return { lockfile, problems: [] };
}
