import * as path from 'node:path';
import { loadCatalogs, readRepoConfig, type CatalogRef } from '../core/catalog';
import type { Catalog, RepoConfig } from '../core/catalog/model';
import { formatProblem, hasErrors } from '../core/problems';
import type { SourceProblem } from '../core/types';
import { UsageError, type Io } from './io';

const ENV = 'PLATFORM_GUIDE_CATALOG';

/** cli-v1: `--catalog`, else $PLATFORM_GUIDE_CATALOG, else the repository file's `catalogs:`. */
export function discoverCatalogs(
  flags: readonly string[] | undefined,
  io: Io,
  root: string,
  config: RepoConfig | undefined,
): CatalogRef[] {
  if (flags && flags.length > 0) return [...flags];
  const env = (io.env[ENV] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (env.length > 0) return env;
  // Paths in the repository file are relative to the repository; shown relative to where we run.
  // They stay typed as repository paths: shown as text, `http:/host/x` would read as a URL.
  const fromRepo = (config?.catalogs ?? []).map((c): CatalogRef => ({ root, path: c, file: path.relative(io.cwd, path.resolve(root, c)) || c }));
  if (fromRepo.length > 0) return fromRepo;
  throw new UsageError(
    `no catalog: name one with --catalog PATH_OR_URL, set ${ENV}=PATH_OR_URL[,…], ` +
      `or list it under 'catalogs:' in ${path.join(path.relative(io.cwd, root) || '.', '.platform-guide.yaml')}`,
  );
}

/** Loads and merges the catalogs; prints every problem; undefined when any is an error. */
export async function loadOrReport(refs: readonly CatalogRef[], io: Io): Promise<Catalog | undefined> {
  const { catalog, problems } = await loadCatalogs(refs, { cwd: io.cwd });
  if (problems.length) io.stderr(problems.map(formatProblem).join('\n') + '\n');
  return hasErrors(problems) || !catalog ? undefined : catalog;
}

/** An exception for a component the catalog does not know is almost always a typo: say so. */
export function unknownExceptionComponents(catalog: Catalog, config: RepoConfig | undefined, cwd: string): SourceProblem[] {
  if (!config) return [];
  const ids = new Set(catalog.components.map((c) => c.id));
  return config.exceptions
    .filter((e) => !ids.has(e.component))
    .map((e) => ({
      file: path.relative(cwd, e.source.file) || e.source.file,
      range: e.source.range,
      message: `the exception names component '${e.component}', which no catalog defines; it has no effect`,
      severity: 'warning' as const,
    }));
}

/**
 * What every command that scans a folder needs first: its `.platform-guide.yaml` and the merged
 * catalogs (discovered as above). Problems are printed; undefined means exit 2.
 */
export async function loadRepoAndCatalog(
  root: string,
  flags: readonly string[] | undefined,
  io: Io,
): Promise<{ config: RepoConfig | undefined; catalog: Catalog } | undefined> {
  const repo = await readRepoConfig(root);
  const shown = repo.problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));
  if (shown.length) io.stderr(shown.map(formatProblem).join('\n') + '\n');
  if (hasErrors(shown)) return undefined;
  const catalog = await loadOrReport(discoverCatalogs(flags, io, root, repo.config), io);
  if (!catalog) return undefined;
  const unknown = unknownExceptionComponents(catalog, repo.config, io.cwd);
  if (unknown.length) io.stderr(unknown.map(formatProblem).join('\n') + '\n');
  return { config: repo.config, catalog };
}
