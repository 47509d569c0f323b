import type { DocumentFilter } from 'vscode';
import { definitionGlobs, manifestGlobs, modulesFor, showsFindings, watchedGlobs } from '../core/ecosystems';

/**
 * Where the editor looks, all from the ecosystem registry: a newly registered ecosystem's files get
 * diagnostics, hovers and quick fixes, and are watched, with no change here. No `vscode` value is
 * imported, so the unit tests hold these against package.json's activation events.
 */

/** The manifests of every registered ecosystem, on disk: diagnostics, hovers and code actions. */
export function manifestSelector(): DocumentFilter[] {
  return manifestGlobs().map((pattern) => ({ scheme: 'file', pattern }));
}

/**
 * Where findings can be shown, on disk: the manifests, and the files that define versions they use
 * (gradle.properties), where a finding of such a version is put. Code actions.
 */
export function findingSelector(): DocumentFilter[] {
  return [...manifestGlobs(), ...definitionGlobs()].map((pattern) => ({ scheme: 'file', pattern }));
}

/** Whether a finding can be shown in this file (POSIX, relative to its workspace folder): evaluated as it is typed. */
export function canShowFindings(relPath: string): boolean {
  return showsFindings(relPath);
}

/** The files whose change on disk calls for a rescan: every module's manifests and project files, as few globs. */
export function watchedPatterns(): string[] {
  return braced(watchedGlobs());
}

/** Whether any ecosystem reads this file (POSIX, relative to its workspace folder). */
export function isManifest(relPath: string): boolean {
  return modulesFor(relPath).length > 0;
}

/**
 * `**\/a`, `**\/b` → `**\/{a,b}`: one watcher for every file known by its base name alone (a file
 * watcher each costs the editor a native watch); other globs are kept as they are.
 */
export function braced(globs: readonly string[]): string[] {
  const names: string[] = [];
  const rest: string[] = [];
  for (const g of globs) {
    const name = g.startsWith('**/') ? g.slice(3) : undefined;
    if (name !== undefined && !/[/*?{}[\]!]/.test(name)) names.push(name);
    else rest.push(g);
  }
  const joined = names.length > 1 ? [`**/{${names.join(',')}}`] : names.map((n) => `**/${n}`);
  return [...joined, ...rest];
}
