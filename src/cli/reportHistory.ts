import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRepoConfig } from '../core/catalog';
import type { Catalog } from '../core/catalog/model';
import { daysBetween, isDate } from '../core/dates';
import { gitFacts } from '../core/report/git';
import { gitHistory } from '../core/report/gitHistory';
import { addDays, analyseHistory, combinePoints, pointOf, type HistoryPoint } from '../core/report/history';
import { mergeSnapshots, parseSnapshot } from '../core/report/merge';
import type { ReportSnapshot } from '../core/report/model';
import { discoverCatalogs, loadOrReport } from './catalogs';
import { UsageError, type Io } from './io';

/** A history longer than this is a mistake (`--every 1d` over years), not a report anyone reads. */
export const MAX_POINTS = 520;

export interface HistoryArgs {
  readonly history?: string | undefined;
  readonly since?: string | undefined;
  readonly every?: string | undefined;
}

/**
 * The past points `--since DATE --every N(d|w)` asks for: DATE, DATE + N, … before `today` (today's
 * point is the report's own scan). Usage errors say what to write instead.
 */
export function historyDates(since: string | undefined, every: string | undefined, today: string): string[] {
  if (since === undefined && every === undefined) return [];
  if (since === undefined) throw new UsageError('--every needs --since DATE: the first point of the history');
  if (!isDate(since)) throw new UsageError(`--since takes a date as YYYY-MM-DD, not '${since}'`);
  if (since >= today) throw new UsageError(`--since ${since} is not before --today ${today}: the history is the time before it`);
  const m = /^([1-9]\d{0,3})([dw])$/.exec(every ?? '7d');
  if (!m) throw new UsageError(`--every takes a number of days or weeks, as 7d or 2w, not '${every}'`);
  const step = Number(m[1]) * (m[2] === 'w' ? 7 : 1);
  const count = Math.ceil(daysBetween(since, today) / step);
  if (count > MAX_POINTS) throw new UsageError(`--since ${since} --every ${every ?? '7d'} makes ${count} points, more than ${MAX_POINTS}: take a larger --every`);
  return Array.from({ length: count }, (_, i) => addDays(since, i * step));
}

/** Checks the history flags before anything is scanned: a mistake there should not cost a scan. */
export function checkHistoryArgs(args: HistoryArgs, today: string, cwd: string): void {
  historyDates(args.since, args.every, today);
  if (args.history === undefined) return;
  const stat = fs.statSync(path.resolve(cwd, args.history), { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    throw new UsageError(`--history ${args.history}: ${stat ? 'not a folder' : 'no such folder'}: it must be a folder of snapshots written by 'platform-guide report --format json'`);
  }
}

/**
 * Adds the history to the report's snapshot: points from the snapshots in `--history DIR` (and the
 * history each of them carries), points from the git history of every scanned repository, and the
 * snapshot itself as the last point. Undefined (exit 2) when a file of `--history` is not a snapshot.
 */
export async function withHistory(
  snapshot: ReportSnapshot,
  roots: readonly string[],
  args: HistoryArgs,
  flags: readonly string[] | undefined,
  catalogs: Map<string, Catalog>,
  io: Io,
): Promise<ReportSnapshot | undefined> {
  const dates = historyDates(args.since, args.every, snapshot.today);
  if (args.history === undefined && dates.length === 0) return snapshot;
  const parts: HistoryPoint[] = [];
  if (args.history !== undefined) {
    const read = readHistoryDir(path.resolve(io.cwd, args.history), args.history, io);
    if (!read) return undefined;
    parts.push(...read);
  }
  for (const root of dates.length ? roots : []) {
    const shown = path.relative(io.cwd, root) || '.';
    if (gitFacts(root).commit === null) {
      io.stderr(`platform-guide: ${shown}: not a git repository with commits; no history from it\n`);
      continue;
    }
    const repo = await readRepoConfig(root);
    const refs = discoverCatalogs(flags, io, root, repo.config);
    const key = JSON.stringify(refs);
    // Loaded already by the scan of today; loaded again only if this command is used alone.
    const catalog = catalogs.get(key) ?? (await loadOrReport(refs, io));
    if (!catalog) return undefined;
    catalogs.set(key, catalog);
    const history = await gitHistory({ root, catalog, dates, ...(repo.config ? { config: repo.config } : {}) });
    if (history.shallow && history.points.length < dates.length) {
      io.stderr(`platform-guide: ${shown}: a shallow clone: no history before ${history.points[0]?.date ?? 'its one commit'} (clone it in full, e.g. fetch-depth: 0)\n`);
    }
    if (history.problem) io.stderr(`platform-guide: ${shown}: the history stops at ${history.points.at(-1)?.date ?? 'its start'}: ${history.problem}\n`);
    parts.push(...history.points);
  }
  parts.push(pointOf(snapshot, 'current'));
  return { ...snapshot, history: analyseHistory(combinePoints(parts, snapshot.today)) };
}

/** A snapshot file of `--history` over this size is refused, as a snapshot argument is. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * Every `*.json` of the folder is a snapshot: its own point (snapshots of one date are merged into
 * one) and the points of the history it carries. The first file that is not one stops the report.
 */
function readHistoryDir(dir: string, shown: string, io: Io): HistoryPoint[] | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new UsageError(`--history ${shown}: cannot list it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): it must be a folder of snapshots written by 'platform-guide report --format json'`);
  }
  const byDate = new Map<string, ReportSnapshot[]>();
  const carried: HistoryPoint[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const where = path.relative(io.cwd, file) || file;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    if (stat.size > MAX_SNAPSHOT_BYTES) {
      io.stderr(`${where}: over ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB: not a snapshot this command reads\n`);
      return undefined;
    }
    const read = parseSnapshot(fs.readFileSync(file, 'utf8'));
    if ('error' in read) {
      io.stderr(`${where}: ${read.error}\n`);
      return undefined;
    }
    byDate.set(read.snapshot.today, [...(byDate.get(read.snapshot.today) ?? []), read.snapshot]);
    // Its own history, oldest first: earlier runs' points, its own state last.
    carried.push(...(read.snapshot.history?.points ?? []).map((p) => ({ ...p, from: 'snapshot' as const })));
  }
  const own = [...byDate].map(([today, parts]) => pointOf(mergeSnapshots(parts, today), 'snapshot'));
  // A snapshot's own state is newer than what another carries for that date: it comes last.
  return [...carried, ...own];
}
