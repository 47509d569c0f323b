import { mastermindsVersioning } from '../../versioning/masterminds';
import { ZERO_RANGE, type LineIndex } from '../../positions';
import type { DeclaredDependency, LocatedDependency } from '../../types';
import type { EcosystemModule } from '../types';
import { moduleFromScan, type FoundUse } from '../yamlUses';
import { sameRepository, scanChart, type HelmDependency } from './chart';
import { helmProjectStep } from './project';

/**
 * Exact places of uses. Three aliases of one chart may read alike (same name, same version text):
 * each use is found by its repository and its occurrence among entries of that name and
 * repository, so the finding for the second alias points at the second entry, not the first. The
 * found uses are indexed by those, so a chart of thousands of entries is located in linear time.
 */
function locate(found: readonly FoundUse[], uses: readonly DeclaredDependency[], index: LineIndex): LocatedDependency[] {
  const identity = (d: Partial<HelmDependency> & DeclaredDependency) => JSON.stringify([d.name, d.constraint, d.key, sameRepository(d.repository ?? ''), d.occurrence ?? 0]);
  const byIdentity = new Map<string, FoundUse>();
  for (const f of found) {
    const id = identity(f.dep as HelmDependency);
    if (!byIdentity.has(id)) byIdentity.set(id, f);
  }
  return uses.map((use) => {
    const f = byIdentity.get(identity(use));
    if (!f) return { ...use, range: ZERO_RANGE, nameRange: ZERO_RANGE };
    const nameRange = index.range(f.name.span.start, f.name.span.end);
    return { ...use, range: f.version ? index.range(f.version.start, f.version.end) : nameRange, nameRange };
  });
}

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
  locate,
);

/**
 * Helm (ecosystems spec, "helm"): the `dependencies` of a chart's Chart.yaml, and of a Helm 2
 * chart's requirements.yaml. Name: the chart's `name` (an `alias` does not change it); version
 * text: `version`, a Masterminds constraint. Chart.lock and requirements.lock pin them. A rename
 * edits the `name` only: `repository` and `alias` stay (a chart that also moves repository is
 * renamed by hand).
 */
export const helmModule: EcosystemModule = { ...base, project: helmProjectStep };

export { parseHelmLockfile } from './lockfile';
export type { HelmDependency } from './chart';
