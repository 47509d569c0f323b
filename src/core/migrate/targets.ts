import type { Component, Migration } from '../catalog/model';
import type { PlatformUse } from '../scan';
import { isInside, normaliseNpm, normalisePinned, type NormalisedVersion } from '../versions';

/**
 * The manifests a migration applies to: those with a dependency on the component whose version
 * lies inside the migration's `from` (the lockfile's pin when there is one, else a subset test of
 * the range as written, as for deprecations). Sorted, each once.
 */
export function migrationTargets(uses: readonly PlatformUse[], component: Component, migration: Migration): string[] {
  const files = new Set<string>();
  for (const use of uses) {
    if (use.component !== component.id || files.has(use.file)) continue;
    if (isInside(useVersion(use), migration.from)) files.add(use.file);
  }
  return [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function useVersion(use: Pick<PlatformUse, 'constraint' | 'resolved'>): NormalisedVersion {
  const pinned = use.resolved === null ? null : normalisePinned(use.resolved);
  return pinned ? { kind: 'exact', version: pinned } : normaliseNpm(use.constraint);
}
