import type { Range } from '../../positions';
import type { ParseProblem } from '../types';
import { readYaml, YamlWalker } from '../yamlUses';
import { sameRepository } from './chart';

/** One entry of a Chart.lock or requirements.lock: the chart, where it came from, the version resolved. */
export interface LockedChart {
  readonly name: string;
  readonly repository: string;
  readonly version: string;
  locate(): Range;
}

/** The lock's entries by name and repository, each list in the lock's order (an aliased chart is listed once per alias). */
export type HelmLockfile = ReadonlyMap<string, readonly LockedChart[]>;

/** The key a lock entry and a Chart.yaml entry share. */
export function lockKey(name: string, repository: string): string {
  return `${name.trim()}\n${sameRepository(repository)}`;
}

/**
 * A Chart.lock (or Helm 2's requirements.lock) as `helm dependency update` writes it:
 * `dependencies: - name, repository, version`, then `digest` and `generated`. An entry without a
 * name or a version pins nothing; a file that is not YAML is a problem at its place.
 */
export function parseHelmLockfile(text: string, file: string): { lockfile?: HelmLockfile; problems: ParseProblem[] } {
  const read = readYaml(text, file);
  const doc = read.docs[0];
  if (!doc) return { problems: read.problems };
  const w = new YamlWalker(doc, text, read);
  const lockfile = new Map<string, LockedChart[]>();
  for (const entry of w.items(w.get(w.root, 'dependencies'))) {
    const name = w.place(w.get(entry, 'name'));
    const version = w.place(w.get(entry, 'version'));
    if (!name || !version) continue;
    const repository = w.place(w.get(entry, 'repository'))?.value ?? '';
    const key = lockKey(name.value, repository);
    const list = lockfile.get(key) ?? [];
    const span = version.span;
    list.push({ name: name.value, repository, version: version.value, locate: () => read.index.range(span.start, span.end) });
    lockfile.set(key, list);
  }
  return { lockfile, problems: read.problems };
}
