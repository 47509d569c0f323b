import type { DeclaredDependency } from '../../types';
import { isRecord, writtenSpec } from './common';

/**
 * A root package.json's yarn `resolutions`, selector → spec. yarn records the resolved spec in its
 * lockfile in place of the one a member wrote (berry drops the member's descriptor altogether: the
 * member's `"ms": "*"` is found only as `ms@npm:2.1.1`), so a member's dependency is found through
 * the resolution that replaced it. Values that are not strings are left to yarn to report.
 */
export function readResolutions(value: unknown): ReadonlyMap<string, string> {
  const resolutions = new Map<string, string>();
  if (!isRecord(value)) return resolutions;
  for (const selector of Object.keys(value)) {
    const spec = value[selector];
    if (typeof spec === 'string') resolutions.set(selector, spec);
  }
  return resolutions;
}

/**
 * The spec a resolution puts in place of `dep`'s, for a workspace's direct dependency: a selector
 * that names the package alone (`ms`, `**\/ms`) or with the spec it replaces (`ms@*`, `ms@npm:*`).
 * Selectors through a parent (`a/ms`) reach transitive dependencies only.
 */
export function resolutionFor(resolutions: ReadonlyMap<string, string>, dep: DeclaredDependency): string | undefined {
  const written = writtenSpec(dep);
  if (written === null) return undefined;
  for (const [selector, spec] of resolutions) {
    const bare = selector.startsWith('**/') ? selector.slice(3) : selector;
    const at = bare.indexOf('@', bare.startsWith('@') ? 1 : 0);
    const name = at < 0 ? bare : bare.slice(0, at);
    // A parent path (`a/ms`) never equals a manifest's key.
    if (name !== dep.key) continue;
    const range = at < 0 ? undefined : bare.slice(at + 1);
    if (range === undefined || range === written || range === `npm:${written}`) return spec;
  }
  return undefined;
}
