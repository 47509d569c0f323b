import { mastermindsVersioning } from '../../versioning/masterminds';
import type { EcosystemModule, RenameResult } from '../types';
import { moduleFromScan } from '../yamlUses';
import { scanChart } from './chart';
import { helmProjectStep } from './project';

const base = moduleFromScan(
  {
    id: 'helm',
    files: ['**/{Chart.yaml,requirements.yaml}'],
    // Helm reads these two names only, spelled so (no `.yml`, no other case).
    wants: (relPath) => typeof relPath === 'string' && /(?:^|\/)(?:Chart|requirements)\.yaml$/.test(relPath),
    versioning: mastermindsVersioning,
    normaliseName: (name) => name.trim(),
  },
  scanChart,
);

/**
 * Renames a chart: its `name` only. `repository` is kept (a chart that also moves repository is
 * renamed by hand), and so is an `alias`. A subchart without an alias reads its values under its
 * name in the parent's values.yaml: the rename says so, since that key would change with it.
 */
function rename(text: string, file: string, from: string, to: string): RenameResult {
  const result = base.rename(text, file, from, to);
  if (result.splices.length === 0) return result;
  const renamed = new Set(result.splices.map((s) => s.start));
  const { found, index } = scanChart(text, file);
  const notes = [...result.notes];
  for (const f of found) {
    if (!renamed.has(f.name.span.start) || f.dep.key !== f.dep.name) continue;
    const line = index.positionAt(f.name.span.start).line + 1;
    notes.push(`${file}:${line}: ${f.dep.name} has no alias, so its values in values.yaml are now read under \`${to}:\`; add \`alias: ${f.dep.name}\` to keep them where they are`);
  }
  return { splices: result.splices, notes };
}

/**
 * Helm (ecosystems spec, "helm"): the `dependencies` of a chart's Chart.yaml, and of a Helm 2
 * chart's requirements.yaml. Name: the chart's `name` (an `alias` does not change it); version
 * text: `version`, a Masterminds constraint. Chart.lock and requirements.lock pin them.
 */
export const helmModule: EcosystemModule = { ...base, rename, project: helmProjectStep };

export { parseHelmLockfile } from './lockfile';
export type { HelmDependency } from './chart';
