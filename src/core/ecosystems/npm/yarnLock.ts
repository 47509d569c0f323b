import type { DeclaredDependency } from '../../types';
import { failure, isExactVersion, lazyRanges, normalizeDir, stripBom, writtenSpec, type ReadResult } from './common';
import type { LockedVersion, NpmLockfile } from './lockfile';
import { scanKeyLines, splitDescriptors, type KeyLine } from './lockLines';

interface Entry {
  version?: string;
  resolution?: string;
  /** Offsets of the version text, for locate(). */
  start: number;
  end: number;
}

/** Berry entries that are folders of the repository, not downloaded packages. */
const LOCAL_RESOLUTION = /@(?:workspace|link|portal|file|exec):/;

/**
 * yarn.lock, both formats: classic (v1, its own `key "value"` text) and berry (YAML with a
 * `__metadata` entry). Both key entries by descriptor — the package name and the spec as a manifest
 * wrote it — so a lookup is one map access, whichever workspace declared the dependency, and a
 * lockfile that predates an edited spec simply does not pin it.
 */
export function parseYarnLock(text: string): ReadResult<NpmLockfile> {
  const berry = /^__metadata:/m.test(stripBom(text));
  const entries = new Map<string, Entry>();
  let current: Entry | undefined;
  const problem = scanKeyLines(text, berry ? 'yaml' : 'yarn1', (line, parents) => {
    if (parents.length === 0) {
      current = line.key === '__metadata' ? undefined : { start: line.valueStart, end: line.valueEnd };
      if (current) for (const descriptor of splitDescriptors(line.key)) entries.set(descriptor, current);
      return current === undefined; // berry's __metadata holds nothing this needs
    }
    if (current && parents.length === 1) readField(current, line);
    // Only an entry's own fields matter; its dependency lists and metadata are skipped.
    return true;
  });
  if (problem) return failure([problem]);
  const toRange = lazyRanges(text);
  return {
    ok: true,
    value: {
      kind: berry ? 'yarn-berry' : 'yarn-classic',
      members: berry ? workspaceFolders(entries) : undefined,
      resolve(_memberDir: string, dep: DeclaredDependency): LockedVersion | undefined {
        const entry = lookup(entries, dep);
        if (!entry || !isExactVersion(entry.version)) return undefined;
        if (entry.resolution !== undefined && LOCAL_RESOLUTION.test(entry.resolution)) return undefined;
        const { start, end } = entry;
        return { version: entry.version, locate: () => toRange(start, end) };
      },
    },
  };
}

function readField(entry: Entry, line: KeyLine): void {
  if (line.value === undefined) return;
  if (line.key === 'version') {
    entry.version = line.value;
    entry.start = line.valueStart;
    entry.end = line.valueEnd;
  } else if (line.key === 'resolution') {
    entry.resolution = line.value;
  }
}

/**
 * Classic keys are `<key>@<spec as written>` (`ui@npm:@acme/ui@^3` for an alias); berry prefixes a
 * registry range with the default protocol (`@acme/ui@npm:^2.3.0`). Both shapes are tried.
 */
function lookup(entries: ReadonlyMap<string, Entry>, dep: DeclaredDependency): Entry | undefined {
  const spec = writtenSpec(dep);
  if (spec === null) return undefined;
  return entries.get(`${dep.key}@${spec}`) ?? (spec.startsWith('npm:') ? undefined : entries.get(`${dep.key}@npm:${spec}`));
}

/**
 * Berry resolves every workspace to `name@workspace:<folder>`, the root to `workspace:.`. (Its
 * descriptors may also say `workspace:^`, a range, which is why the resolution is read.)
 */
function workspaceFolders(entries: ReadonlyMap<string, Entry>): Set<string> {
  const folders = new Set<string>();
  for (const { resolution } of new Set(entries.values())) {
    const at = resolution?.indexOf('@workspace:', 1) ?? -1;
    if (resolution !== undefined && at > 0) folders.add(normalizeDir(resolution.slice(at + '@workspace:'.length)));
  }
  return folders;
}
