import { mastermindsVersioning } from '../../versioning/masterminds';
import { ZERO_RANGE } from '../../positions';
import type { DeclaredDependency, LocatedDependency } from '../../types';
import type { EcosystemModule } from '../types';
import { moduleFromScan } from '../yamlUses';
import { sameRepository, scanChart, type HelmDependency } from './chart';
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
 * Exact places of uses. Three aliases of one chart may read alike (same name, same version text):
 * each use is found by its repository and its occurrence among entries of that name and
 * repository, so the finding for the second alias points at the second entry, not the first.
 */
function locate(text: string, file: string, uses: readonly DeclaredDependency[]): LocatedDependency[] {
  if (uses.length === 0) return [];
  const { found, index } = scanChart(text, file);
  return uses.map((use) => {
    const u = use as Partial<HelmDependency>;
    const f = found.find((x) => {
      const d = x.dep as HelmDependency;
      return d.name === use.name && d.constraint === use.constraint && d.key === use.key && sameRepository(d.repository) === sameRepository(u.repository ?? '') && d.occurrence === (u.occurrence ?? 0);
    });
    if (!f) return { ...use, range: ZERO_RANGE, nameRange: ZERO_RANGE };
    const nameRange = index.range(f.name.span.start, f.name.span.end);
    return { ...use, range: f.version ? index.range(f.version.start, f.version.end) : nameRange, nameRange };
  });
}

/**
 * Helm (ecosystems spec, "helm"): the `dependencies` of a chart's Chart.yaml, and of a Helm 2
 * chart's requirements.yaml. Name: the chart's `name` (an `alias` does not change it); version
 * text: `version`, a Masterminds constraint. Chart.lock and requirements.lock pin them. A rename
 * edits the `name` only: `repository` and `alias` stay (a chart that also moves repository is
 * renamed by hand).
 */
export const helmModule: EcosystemModule = { ...base, locate, project: helmProjectStep };

export { parseHelmLockfile } from './lockfile';
export type { HelmDependency } from './chart';
