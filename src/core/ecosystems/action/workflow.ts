import type { Node as YamlNode } from 'yaml';
import type { DeclaredDependency } from '../../types';
import { readYaml, splitAtRef, trailingComment, YamlWalker, type FoundUse, type UseScan } from '../yamlUses';

/** A commit SHA as GitHub pins it: 40 hex digits. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/**
 * The version a pin's comment names: `# v4.1.1`, `#v4.1.1`, `# tag=v4.1.1`, `# pin@v4.1.1`,
 * Renovate's `# renovate: tag=v4.1.1`, ratchet's `# ratchet:actions/checkout@v4.1.1`. The
 * version must come first (after the label) and stand alone: `# main` or `# see v4 notes` name none.
 */
const VERSION_COMMENT =
  /^(?:renovate:\s*)?(?:(?:tag|version|ref)\s*[=:]\s*|pin\s*@\s*|ratchet:\S+?@)?(v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)(?=$|[\s,;)])/i;

export function versionInComment(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  return VERSION_COMMENT.exec(comment)?.[1];
}

/**
 * The uses of a workflow or composite action, in text order: `jobs.<id>.steps[*].uses`,
 * `jobs.<id>.uses` (a reusable workflow) and `runs.steps[*].uses`. Local actions (`./…`) and
 * `docker://` images are not action uses.
 */
export function scanActionUses(text: string, file: string): UseScan {
  const read = readYaml(text, file);
  const { docs, problems, index } = read;
  const found: FoundUse[] = [];
  for (const doc of docs) {
    const w = new YamlWalker(doc, text, read);
    const root = w.root;
    const add = (node: YamlNode | undefined, section: string): void => {
      const use = node && w.once(node) ? readUse(w, node, text, section) : undefined;
      if (use) found.push(use);
    };
    for (const { key: job, value } of w.entries(w.get(root, 'jobs'))) {
      add(w.get(value, 'uses'), `jobs.${job}`);
      const steps = w.get(value, 'steps');
      if (steps && w.once(steps)) for (const step of w.items(steps)) add(w.get(step, 'uses'), `jobs.${job}.steps`);
    }
    const steps = w.get(w.get(root, 'runs'), 'steps');
    if (steps && w.once(steps)) for (const step of w.items(steps)) add(w.get(step, 'uses'), 'runs.steps');
  }
  // Anchors let a later key's value sit earlier in the text; locate relies on text order.
  found.sort((a, b) => a.name.span.start - b.name.span.start);
  return { found, problems, index };
}

function readUse(w: YamlWalker, node: YamlNode, text: string, section: string): FoundUse | undefined {
  const place = w.place(node);
  if (!place) return undefined;
  const v = place.value;
  if (v.startsWith('./') || v.startsWith('../') || v === '.' || /^docker:\/\//i.test(v)) return undefined;
  const { name, ref } = splitAtRef(place);
  if (name.value === '') return undefined;
  const dep: { -readonly [K in keyof DeclaredDependency]: DeclaredDependency[K] } = {
    ecosystem: 'action',
    name: name.value,
    constraint: ref?.value ?? null,
    section,
    key: name.value,
  };
  if (ref && COMMIT_SHA.test(ref.value)) {
    const resolved = versionInComment(trailingComment(text, place.after));
    if (resolved !== undefined) dep.resolved = resolved;
  }
  return { dep, name, version: ref?.span };
}
