import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog, Component, RepoConfig } from '../catalog/model';
import { versioningOf } from '../ecosystems';
import { versionOf } from '../evaluate';
import { scanWorkspace, type Finding, type PlatformUse, type ScanResult } from '../scan';
import { isInside, normalisePinned } from '../versions';
import { repositoryOwner } from './codeowners';
import { gitFacts, gitFactsAsync, repositoryName, type GitFacts } from './git';
import type { ReportComponent, ReportRepository, ReportSnapshot, ReportUse } from './model';
import { REPORT_SCHEMA } from './model';

/**
 * The repositories a report argument stands for: the folder itself when it holds a `.git` (or
 * when none of its immediate subfolders does: a plain folder is one repository), else each
 * immediate subfolder that holds one, sorted by name.
 */
export function repositoryFolders(dir: string): string[] {
  if (fs.existsSync(path.join(dir, '.git'))) return [dir];
  const subs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, '.git')))
    .map((e) => path.join(dir, e.name))
    .sort();
  return subs.length > 0 ? subs : [dir];
}

/** What scanning one repository for a report needs: everything a worker thread is sent. */
export interface RepositoryScan {
  readonly root: string;
  readonly catalog: Catalog;
  readonly config?: RepoConfig;
  readonly today: string;
  /** Its git facts when they were read already (a report reads them beside the scan). */
  readonly facts?: GitFacts;
}

/**
 * One repository scanned on its own: its snapshot, and why it has no commit when it is a git
 * repository without one. Pure in its inputs (the files and git): scanned in a worker thread or
 * here, a repository gives the same part, so a parallel report equals a sequential one.
 */
export async function scanRepository(req: RepositoryScan): Promise<{ part: ReportSnapshot; noCommit?: string }> {
  const git = req.facts ?? gitFactsAsync(req.root);
  const scan = scanWorkspace({ root: req.root, catalog: req.catalog, today: req.today, ...(req.config ? { config: req.config } : {}) });
  const facts = await git;
  const part = snapshotOf([repositorySnapshot(req.root, scan, req.catalog, req.config, req.today, facts)], req.catalog, req.today);
  return facts.problem ? { part, noCommit: facts.problem } : { part };
}

/** One repository's part of a snapshot: its git facts, its consuming team and every use, joined with its finding. */
export function repositorySnapshot(
  root: string,
  scan: ScanResult,
  catalog: Catalog,
  config: RepoConfig | undefined,
  today: string,
  facts: GitFacts = gitFacts(root),
): ReportRepository {
  const owner = config?.team ? null : repositoryOwner(root);
  const findings = findingsByUse(scan.findings);
  const components = new Map(catalog.components.map((c) => [c.id, c]));
  const uses = scan.uses.map((u) => reportUse(u, findings.get(useKey(u))?.shift(), components.get(u.component)));
  uses.sort((a, b) => cmp(a.file, b.file) || cmp(a.component, b.component) || cmp(a.package, b.package) || cmp(a.version ?? '', b.version ?? ''));
  return {
    name: repositoryName(facts.remote, root),
    remote: facts.remote,
    commit: facts.commit,
    date: facts.date,
    team: config?.team ?? owner,
    teamFrom: config?.team ? 'config' : owner ? 'codeowners' : null,
    scanned: today,
    uses,
    errors: scan.errors.map((p) => ({ file: p.file, line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message })),
    summary: { manifests: scan.manifests, dependencies: scan.dependencies, platformDependencies: scan.platformDependencies },
  };
}

/** The snapshot of several repositories: the components they use, from the catalog. */
export function snapshotOf(repositories: readonly ReportRepository[], catalog: Catalog, today: string): ReportSnapshot {
  const used = new Set(repositories.flatMap((r) => r.uses.map((u) => u.component)));
  const components = catalog.components.filter((c) => used.has(c.id)).map(reportComponent);
  return { schema: REPORT_SCHEMA, today, components: components.sort((a, b) => cmp(a.id, b.id)), repositories: sortRepositories(repositories) };
}

export function reportComponent(c: Component): ReportComponent {
  return { id: c.id, name: c.name, owner: c.owner, lifecycle: c.lifecycle, recommended: c.recommended ?? null, sunset: c.sunset ?? null };
}

export function sortRepositories(repositories: readonly ReportRepository[]): ReportRepository[] {
  return [...repositories].sort((a, b) => cmp(a.name, b.name) || cmp(a.remote ?? '', b.remote ?? ''));
}

/** A use and its finding share file, package, component and version text; equal ones pair in order. */
function useKey(u: Pick<PlatformUse, 'file' | 'ecosystem' | 'package' | 'component' | 'constraint'>): string {
  return JSON.stringify([u.file, u.ecosystem, u.package, u.component, u.constraint]);
}

/**
 * Findings by the uses they pair with. One on a definition in another file (a parent pom's
 * property) stands for each use that names it (`usedBy`), and for the definition's file's own use
 * if it has one; an entry no use takes is left over, harmlessly.
 */
function findingsByUse(findings: readonly Finding[]): Map<string, Finding[]> {
  const byKey = new Map<string, Finding[]>();
  const add = (key: string, f: Finding) => byKey.set(key, [...(byKey.get(key) ?? []), f]);
  for (const f of findings) {
    add(useKey(f), f);
    for (const u of f.usedBy ?? []) add(useKey({ ...f, file: u.file }), f);
  }
  return byKey;
}

function reportUse(u: PlatformUse, finding: Finding | undefined, component: Component | undefined): ReportUse {
  const e = finding?.exception;
  return {
    file: u.file,
    ecosystem: u.ecosystem,
    package: u.package,
    component: u.component,
    constraint: u.constraint,
    resolved: u.resolved,
    version: u.resolved ?? u.constraint,
    severity: finding?.severity ?? u.severity,
    sunset: finding?.sunset ?? null,
    message: finding?.message ?? null,
    onRecommended: onRecommended(u, component?.recommended),
    exception: e ? { until: e.until, reason: e.reason, expired: e.expired, by: e.by ?? null } : null,
  };
}

/** At or above the recommended version: the pin, or every version the range admits. */
function onRecommended(u: PlatformUse, recommended: string | undefined): boolean | null {
  if (recommended === undefined) return null;
  const versioning = versioningOf(u.ecosystem);
  const target = normalisePinned(recommended) ?? exactOf(versioning.normalise(recommended));
  if (target === null) return null;
  const version = versionOf({ ecosystem: u.ecosystem, constraint: u.constraint, ...(u.resolved !== null ? { resolved: u.resolved } : {}) }, undefined, versioning);
  if (version.kind === 'unknown') return null;
  return isInside(version, `>=${target}`);
}

function exactOf(v: ReturnType<ReturnType<typeof versioningOf>['normalise']>): string | null {
  return v.kind === 'exact' ? v.version : null;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
