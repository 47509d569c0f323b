import type { Node as YamlNode } from 'yaml';
import { readYaml, splitAtRef, YamlWalker, type FoundUse, type UseScan } from '../yamlUses';

/**
 * The uses among a GitLab CI file's top-level `include:` entries (a string, one mapping or a
 * list), in text order: `project:` (version text `ref:`, none when absent) and `component:`
 * (`host/path@version`). `local:`, `remote:`, `template:` and bare strings name files, not
 * packages; a job's `trigger: include:` starts a child pipeline and is not read either.
 */
export function scanIncludes(text: string, file: string): UseScan {
  const read = readYaml(text, file);
  const { docs, problems, index } = read;
  const found: FoundUse[] = [];
  for (const doc of docs) {
    const w = new YamlWalker(doc, text, read);
    const include = w.get(w.root, 'include');
    const entries = include === undefined ? [] : w.items(include).length > 0 ? w.items(include) : [include];
    for (const entry of entries) {
      if (!w.once(entry)) continue;
      const use = readProject(w, entry) ?? readComponent(w, entry);
      if (use) found.push(use);
    }
  }
  found.sort((a, b) => a.name.span.start - b.name.span.start);
  return { found, problems, index };
}

function readProject(w: YamlWalker, entry: YamlNode): FoundUse | undefined {
  const name = w.place(w.get(entry, 'project'));
  if (!name) return undefined;
  const ref = w.place(w.get(entry, 'ref'));
  return {
    dep: { ecosystem: 'gitlab-ci', name: name.value, constraint: ref?.value ?? null, section: 'include', key: name.value },
    name,
    // A ref written elsewhere (through an alias) is still its definition's place.
    version: ref?.span,
  };
}

function readComponent(w: YamlWalker, entry: YamlNode): FoundUse | undefined {
  const place = w.place(w.get(entry, 'component'));
  if (!place) return undefined;
  const { name, ref } = splitAtRef(place);
  if (name.value === '') return undefined;
  return {
    dep: { ecosystem: 'gitlab-ci', name: name.value, constraint: ref?.value ?? null, section: 'include', key: name.value },
    name,
    version: ref?.span,
  };
}
