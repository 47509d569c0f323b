import type { Component, Migration } from '../catalog/model';
import type { PlatformUse } from '../scan';
import { versionOf } from '../evaluate';
import { isInside, type NormalisedVersion } from '../versions';

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

/** The version a use is compared with, read with its ecosystem's syntax (as the evaluation reads it). */
export function useVersion(use: Pick<PlatformUse, 'ecosystem' | 'constraint' | 'resolved'>): NormalisedVersion {
  return versionOf({ ecosystem: use.ecosystem, constraint: use.constraint, ...(use.resolved === null ? {} : { resolved: use.resolved }) }, undefined);
}

export interface MigrationTrust {
  /** Does the editor trust the repository (VS Code's workspace trust)? */
  readonly trusted: boolean;
  /** Component ids that a catalog inside the repository defines. */
  readonly workspaceDefined: ReadonlySet<string>;
}

/**
 * May an editor run the component's migrations? Not those from a catalog the repository itself
 * supplies while the editor does not trust the repository: a cloned repository must not be able to
 * hand its reader a one-click rewrite of its files. (The plain upgrade, one version text, still is.)
 */
export function migrationAllowed(component: Pick<Component, 'id'>, trust: MigrationTrust): boolean {
  return trust.trusted || !trust.workspaceDefined.has(component.id);
}

/** The migrations an editor offers on one use of the component: those whose `from` holds its version. */
export function offeredMigrations(use: Pick<PlatformUse, 'ecosystem' | 'constraint' | 'resolved'>, component: Component, trust: MigrationTrust): Migration[] {
  if (!migrationAllowed(component, trust)) return [];
  const version = useVersion(use);
  return component.migrations.filter((m) => isInside(version, m.from));
}
