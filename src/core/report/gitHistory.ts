import type { Catalog, RepoConfig } from '../catalog/model';
import type { EcosystemModule } from '../ecosystems/types';
import { MAX_LOCKFILE_BYTES } from '../safeRead';
import { scanWorkspace, wantedBy } from '../scan';
import { exclusion } from '../walk';
import { git, gitFacts } from './git';
import { commitAt, GitObjects, listTree, TreeSource, type TreeEntry } from './gitTree';
import { tallyRepository, type HistoryPoint, type HistoryRepository } from './history';
import { repositorySnapshot, snapshotOf } from './snapshot';

export interface GitHistoryOptions {
  /** The repository's folder (it holds a `.git`). */
  readonly root: string;
  /** Today's catalog: past points are read against it (the catalog's own past is not known). */
  readonly catalog: Catalog;
  /** Today's `.platform-guide.yaml`: its `exclude`, exceptions and team. */
  readonly config?: RepoConfig;
  /** The points, YYYY-MM-DD, oldest first. */
  readonly dates: readonly string[];
  readonly modules?: readonly EcosystemModule[];
}

export interface GitHistory {
  /** One point per date at which the repository had a commit. */
  readonly points: HistoryPoint[];
  /** Points whose manifests were read and evaluated; the others reused the point before (no manifest had changed). */
  readonly evaluated: number;
  /** Why the history stopped early (git's words), if it did. */
  readonly problem?: string;
  /** A shallow clone (CI's default): the history reaches back to its oldest commit only. */
  readonly shallow: boolean;
}

/**
 * The repository at each date, as the commit of HEAD's first-parent line that was current at the
 * end of that day, read from git's object store (nothing is checked out) and evaluated by the
 * same scan as the working tree, with the point's date as today. A point whose manifests and
 * lockfiles have the same blobs as the point before reuses its counts: they depend on the files
 * and the catalog only (the date changes severities, which a point does not keep).
 */
export async function gitHistory(opts: GitHistoryOptions): Promise<GitHistory> {
  const { root, catalog, config } = opts;
  const wanted = wantedBy(opts.modules);
  const excluded = exclusion(config?.exclude ?? []);
  const remote = gitFacts(root).remote;
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']).out === 'true';
  const points: HistoryPoint[] = [];
  const objects = new GitObjects(root);
  let previous: { commit: string; key: string; repository: HistoryRepository; components: HistoryPoint['components']; blobs: Map<string, Buffer> } | undefined;
  let evaluated = 0;
  try {
    for (const date of opts.dates) {
      const at = commitAt(root, date);
      if (at === undefined) continue; // no commit yet on that day
      if ('error' in at) return { points, evaluated, shallow, problem: at.error };
      const entries = at.commit === previous?.commit ? undefined : listTree(root, at.commit);
      if (entries && 'error' in entries) return { points, evaluated, shallow, problem: entries.error };
      const read = entries?.filter((e) => wanted(e.path) && !excluded(e.path));
      const key = read ? treeKey(read) : previous!.key;
      if (previous && key === previous.key) {
        points.push({ date, from: 'git', components: previous.components, repositories: [{ ...previous.repository, commit: at.commit, date: at.date }] });
        previous = { ...previous, commit: at.commit };
        continue;
      }
      const blobs = await fetchBlobs(objects, entries!, read!, previous?.blobs);
      const source = new TreeSource(entries!, blobs);
      const scan = scanWorkspace({ root, catalog, today: date, source, ...(config ? { config } : {}), ...(opts.modules ? { modules: opts.modules } : {}) });
      const repository = repositorySnapshot(root, scan, catalog, config, date, { remote, commit: at.commit, date: at.date });
      const { components } = snapshotOf([repository], catalog, date);
      const tally = tallyRepository(repository);
      points.push({ date, from: 'git', components, repositories: [tally] });
      previous = { commit: at.commit, key, repository: tally, components, blobs };
      evaluated++;
    }
    return { points, evaluated, shallow };
  } catch (e) {
    return { points, evaluated, shallow, problem: (e as Error).message };
  } finally {
    objects.close();
  }
}

/** What the scan reads of a tree, by path, kind and content: equal keys, equal counts. */
function treeKey(read: readonly TreeEntry[]): string {
  return read.map((e) => `${e.mode} ${e.oid} ${e.path}`).join('\0');
}

/**
 * The blobs the scan will read, fetched before it runs (it reads synchronously): those the point
 * before had already are kept, the rest asked of `git cat-file` in one batch (links: one batch per hop).
 */
async function fetchBlobs(objects: GitObjects, entries: readonly TreeEntry[], read: readonly TreeEntry[], before: ReadonlyMap<string, Buffer> | undefined): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  for (const e of read) {
    const kept = before?.get(e.oid);
    if (kept) blobs.set(e.oid, kept);
  }
  const source = new TreeSource(entries, blobs);
  const files = read.map((e) => e.path);
  for (;;) {
    const missing = source.missing(files, MAX_LOCKFILE_BYTES);
    if (missing.length === 0) return blobs;
    const fetched = await objects.readAll(missing);
    if (fetched.size === 0) return blobs; // git lacks them (a shallow clone): read() says so per file
    for (const [oid, bytes] of fetched) blobs.set(oid, bytes);
  }
}
