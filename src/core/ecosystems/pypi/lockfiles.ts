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
  const fast = typeof text === 'string' ? machineWritten(text) : undefined;
  if (fast) return { lockfile: byName(text, fast, normaliseName), problems: [] };
  const read = readToml(text, file);
  if (!read.program) return { problems: read.problems };
  const pending = new Map<unknown, { name?: Written; version?: Written }>();
  for (const e of entries(read.program)) {
    if (e.path.length !== 3 || e.path[0] !== 'package' || (e.path[2] !== 'name' && e.path[2] !== 'version')) continue;
    const v = e.node.value;
    if (v.type !== 'TOMLValue' || v.kind !== 'string') continue;
    const entry = pending.get(e.node.parent) ?? {};
    entry[e.path[2]] = { value: v.value, start: v.range[0] + 1, end: Math.max(v.range[0] + 1, v.range[1] - 1) };
    pending.set(e.node.parent, entry);
  }
  const packages = [...pending.values()].flatMap((p) => (p.name && p.version ? [{ name: p.name.value, version: p.version }] : []));
  return { lockfile: byName(text, packages, normaliseName), problems: [] };
}

/** A string value and where it is written (between its quotes). */
interface Written {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

interface Locked {
  readonly name: string;
  readonly version: Written;
}

const KEY = String.raw`[ \t]*([A-Za-z0-9_.-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_.-]+)*)[ \t]*`;
const HEADER = new RegExp(String.raw`^[ \t]*(?:\[\[${KEY}\]\]|\[${KEY}\])[ \t]*(?:#.*)?$`);
const NAME_OR_VERSION = /^[ \t]*(name|version)[ \t]*=/;
const SIMPLE_VALUE = /^[ \t]*(name|version)[ \t]*=[ \t]*"([^"\\]*)"[ \t]*(?:#.*)?$/;

/**
 * The packages of a lockfile as Poetry and uv write them, one line at a time: `[[package]]`, then
 * `name = "…"` and `version = "…"` on lines of their own. A parser that builds a tree with
 * offsets takes seconds on a lockfile of thousands of packages; this takes milliseconds. Anything
 * it does not expect (a multi-line string, an odd table header, a name or version written some
 * other way, a package without a name) returns undefined: the whole TOML parser then reads the
 * file, and says where it is broken if it is.
 */
function machineWritten(text: string): Locked[] | undefined {
  if (text.includes('"""') || text.includes("'''")) return undefined;
  const out: Locked[] = [];
  let inPackage = false;
  let name: string | undefined;
  let version: Written | undefined;
  const close = (): boolean => {
    if (inPackage && name === undefined) return false;
    if (inPackage && version) out.push({ name: name!, version });
    return true;
  };
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const first = line.trimStart()[0];
    if (first === '[') {
      const header = HEADER.exec(line);
      if (!header) return undefined;
      if (!close()) return undefined;
      inPackage = header[1] === 'package';
      name = undefined;
      version = undefined;
    } else if (inPackage && NAME_OR_VERSION.test(line)) {
      const m = SIMPLE_VALUE.exec(line);
      if (!m) return undefined;
      const at = start + line.indexOf('"', line.indexOf('=')) + 1;
      if (m[1] === 'name') name = m[2]!;
      else version = { value: m[2]!, start: at, end: at + m[2]!.length };
    }
    start = end + 1;
  }
  return close() ? out : undefined;
}

/** By PEP 503 name; a name locked at two versions pins nothing (see above). */
function byName(text: string, packages: readonly Locked[], normaliseName: (n: string) => string): PypiLockfile {
  const found = new Map<string, Written | null>();
  for (const { name, version } of packages) {
    const key = normaliseName(name);
    const seen = found.get(key);
    if (seen === undefined) found.set(key, version);
    else if (seen !== null && seen.value !== version.value) found.set(key, null);
  }
  let index: LineIndex | undefined;
  const lockfile = new Map<string, LockedPackage>();
  for (const [name, v] of found) {
    if (v) lockfile.set(name, { version: v.value, locate: () => (index ??= new LineIndex(text)).range(v.start, v.end) });
  }
  return lockfile;
}
