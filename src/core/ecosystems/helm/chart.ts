import type { Node as YamlNode } from 'yaml';
import type { DeclaredDependency } from '../../types';
import { readYaml, YamlWalker, type FoundUse, type UseScan } from '../yamlUses';

/**
 * A use of a chart as Helm reads it: besides name and version, the repository it comes from and
 * which occurrence of that name and repository it is in its file (three aliases of one chart are
 * three entries, and Helm's lockfile lists each of them, in the same order). The project step
 * matches a lockfile's entry by these; nothing else reads them.
 */
export interface HelmDependency extends DeclaredDependency {
  /** `repository` as written, trimmed; '' for a chart kept in the chart's own `charts/` folder. */
  readonly repository: string;
  /** 0 for the first entry of this name and repository in the file, 1 for the next… */
  readonly occurrence: number;
}

/**
 * The uses of a Chart.yaml (apiVersion v2) or a Helm 2 requirements.yaml: each mapping of the
 * top-level `dependencies` list that has a `name`, in text order. Name: `name` (an `alias` only
 * renames the subchart inside this chart: it is kept as the use's `key`); version text: `version`
 * as written (a Masterminds constraint), none when absent. The chart's own `name` and `version`,
 * `maintainers` and the rest are not uses.
 */
export function scanChart(text: string, file: string): UseScan {
  const read = readYaml(text, file);
  const found: FoundUse[] = [];
  const seen = new Map<string, number>();
  // A Chart.yaml is one document; a stray `---` header is tolerated, the first mapping is read.
  for (const doc of read.docs.slice(0, 1)) {
    const w = new YamlWalker(doc, text, read);
    for (const entry of w.items(w.get(w.root, 'dependencies'))) {
      if (!w.once(entry)) continue;
      const use = readEntry(w, entry, seen);
      if (use) found.push(use);
    }
  }
  found.sort((a, b) => a.name.span.start - b.name.span.start);
  return { found, problems: read.problems, index: read.index };
}

function readEntry(w: YamlWalker, entry: YamlNode, seen: Map<string, number>): FoundUse | undefined {
  const name = w.place(merged(w, entry, 'name'));
  if (!name) return undefined;
  const version = w.place(merged(w, entry, 'version'));
  const alias = w.place(merged(w, entry, 'alias'));
  const repository = w.place(merged(w, entry, 'repository'))?.value ?? '';
  const key = `${name.value}\n${sameRepository(repository)}`;
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  const dep: HelmDependency = {
    ecosystem: 'helm',
    name: name.value,
    constraint: version?.value ?? null,
    section: 'dependencies',
    key: alias?.value ?? name.value,
    repository,
    occurrence,
  };
  return { dep, name, version: version?.span };
}

/**
 * The value of `key` in an entry, else in the mappings it merges (`<<: *platform`, `<<: [*a, *b]`,
 * the first one that has it), as Helm's YAML reader merges them. One level: a merged mapping's own
 * merges are not followed, which no chart needs.
 */
function merged(w: YamlWalker, entry: YamlNode, key: string): YamlNode | undefined {
  const own = w.get(entry, key);
  if (own !== undefined) return own;
  const merges = w.get(entry, '<<');
  for (const source of w.items(merges).length > 0 ? w.items(merges) : [merges]) {
    const value = w.get(source, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The form in which two repositories are compared: a trailing `/` of a URL does not make another. */
export function sameRepository(repository: string): string {
  return repository.trim().replace(/\/+$/, '');
}
