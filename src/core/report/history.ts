import { daysBetween } from '../dates';
import type { Share } from './aggregate';
import type { ReportComponent, ReportRepository, ReportSnapshot } from './model';
import { cmp } from './snapshot';

/**
 * A report over time: points (earlier snapshots, or past commits read from git), each reduced to
 * counts per repository and component, and what a platform team reads from them: adoption over
 * time, a burndown per sunset with the pace needed and the pace seen, and time to adopt each
 * recommended version. Pure: the points decide everything.
 */

/** What a point keeps of one repository's uses of one component: counts, so that a year of weekly points stays small. */
export interface HistoryTally {
  readonly component: string;
  readonly uses: number;
  /** Uses no deprecation covers. */
  readonly supported: number;
  /** Uses at or above the recommended version of that point's catalog. */
  readonly recommended: number;
  /** Deprecated uses by the sunset of the deprecation that flagged them (YYYY-MM-DD); none without a sunset. */
  readonly sunsets: Readonly<Record<string, number>>;
}

export interface HistoryRepository {
  readonly name: string;
  readonly remote: string | null;
  /** The commit the point was read at; null for a folder outside git. */
  readonly commit: string | null;
  readonly date: string | null;
  readonly team: string | null;
  /** Sorted by component. */
  readonly components: readonly HistoryTally[];
}

/** Where a point comes from: an earlier snapshot, a past commit read from git, or this run's scan. */
export type PointSource = 'snapshot' | 'git' | 'current';

export interface HistoryPoint {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly from: PointSource;
  /** The components as that point's catalog described them (its `recommended`, its sunsets). */
  readonly components: readonly ReportComponent[];
  /** Sorted by name, then remote. */
  readonly repositories: readonly HistoryRepository[];
}

export interface AdoptionPoint {
  readonly date: string;
  readonly repositories: Share;
  readonly uses: Share;
  readonly recommendedRepositories: Share | null;
  readonly recommendedUses: Share | null;
}

export interface BurndownPoint {
  readonly date: string;
  readonly uses: number;
  readonly repositories: number;
}

export interface Burndown {
  readonly sunset: string;
  /** Days from the last point to the sunset; negative once past. */
  readonly days: number;
  readonly points: readonly BurndownPoint[];
  /** Uses a week needed from the last point to reach zero on the sunset; null when none is left or the sunset has passed. */
  readonly neededPerWeek: number | null;
  /** The recent pace: a least-squares line over the last `recentPoints` points, in uses a week (negative: going down). Null with fewer than two points. */
  readonly trendPerWeek: number | null;
  /** When that line reaches zero; null when it does not go down (or nothing is left: see `done`). */
  readonly projected: string | null;
  /** No use is left at the last point. */
  readonly done: boolean;
  /** Done, or projected to be done on or before the sunset. */
  readonly onTrack: boolean;
  /** Repositories with uses left whose own recent pace misses the sunset, most uses first. */
  readonly missing: readonly { readonly repository: string; readonly uses: number; readonly projected: string | null }[];
}

export interface AdoptionTime {
  readonly version: string;
  /** The first point whose catalog recommends it. */
  readonly since: string;
  /** It was recommended at the history's first point already: the days are counted from there, so they are a lower bound. */
  readonly fromStart: boolean;
  /** Each repository that used the component while it was recommended: days until it was on it, or null when it never was. */
  readonly repositories: readonly { readonly repository: string; readonly days: number | null }[];
  readonly adopted: number;
  /** Nearest-rank median and 90th percentile of the days of those that adopted it. */
  readonly median: number | null;
  readonly p90: number | null;
  readonly never: readonly string[];
}

export interface ComponentHistory {
  readonly id: string;
  readonly adoption: readonly AdoptionPoint[];
  /** Sorted by sunset. */
  readonly burndowns: readonly Burndown[];
  /** In the order the versions became recommended. */
  readonly timeToAdopt: readonly AdoptionTime[];
}

/** The snapshot's `history` (added to report-v1; absent without `--history` or `--since`). */
export interface ReportHistory {
  /** How many of the last points make the recent pace. */
  readonly recentPoints: number;
  /** Oldest first; the last is this run's own state. */
  readonly points: readonly HistoryPoint[];
  /** Every component together. */
  readonly adoption: readonly AdoptionPoint[];
  /** Sorted by id. */
  readonly components: readonly ComponentHistory[];
}

/** The recent pace is fitted over this many last points (with weekly points, about six weeks). */
export const RECENT_POINTS = 6;

/** A snapshot's repositories reduced to a point's counts. */
export function pointOf(snapshot: Pick<ReportSnapshot, 'today' | 'components' | 'repositories'>, from: PointSource): HistoryPoint {
  return { date: snapshot.today, from, components: snapshot.components, repositories: snapshot.repositories.map(tallyRepository) };
}

export function tallyRepository(r: ReportRepository): HistoryRepository {
  const byComponent = new Map<string, { uses: number; supported: number; recommended: number; sunsets: Record<string, number> }>();
  for (const u of r.uses) {
    let t = byComponent.get(u.component);
    if (!t) byComponent.set(u.component, (t = { uses: 0, supported: 0, recommended: 0, sunsets: {} }));
    t.uses++;
    if (u.severity === null) t.supported++;
    if (u.onRecommended === true) t.recommended++;
    if (u.severity !== null && u.sunset !== null) t.sunsets[u.sunset] = (t.sunsets[u.sunset] ?? 0) + 1;
  }
  const components = [...byComponent].map(([component, t]) => ({ component, ...t })).sort((a, b) => cmp(a.component, b.component));
  return { name: r.name, remote: r.remote, commit: r.commit, date: r.date, team: r.team, components };
}

/**
 * Puts points together by date: a date is one point, whatever number of snapshots or repositories
 * it comes from. The same repository (by remote, else by name) twice on one date: the later part
 * wins, so a git point or this run's scan replaces an older snapshot's view of it. A repository
 * missing from a point keeps its last known state there (each repository's CI writes its snapshot
 * on its own day), except in this run's own point, which is the report's figures. Points after
 * `today` are left out; the result is oldest first.
 */
export function combinePoints(parts: readonly HistoryPoint[], today: string): HistoryPoint[] {
  const byDate = new Map<string, { from: PointSource; components: Map<string, ReportComponent>; repositories: Map<string, HistoryRepository> }>();
  for (const p of parts) {
    if (p.date > today) continue;
    let point = byDate.get(p.date);
    if (!point) byDate.set(p.date, (point = { from: p.from, components: new Map(), repositories: new Map() }));
    if (p.from === 'current' || (p.from === 'git' && point.from === 'snapshot')) point.from = p.from;
    for (const c of p.components) if (!point.components.has(c.id)) point.components.set(c.id, c);
    for (const r of p.repositories) point.repositories.set(repositoryKey(r), r);
  }
  const known = new Map<string, HistoryRepository>();
  const knownComponents = new Map<string, ReportComponent>();
  return [...byDate]
    .sort(([a], [b]) => cmp(a, b))
    .map(([date, p]) => {
      for (const [key, r] of p.repositories) known.set(key, r);
      for (const [id, c] of p.components) knownComponents.set(id, c);
      const repositories = p.from === 'current' ? [...p.repositories.values()] : [...known.values()];
      // A carried repository's components are described as the last point that had them described them.
      const components = new Map(p.components);
      for (const r of repositories) for (const t of r.components) if (!components.has(t.component) && knownComponents.has(t.component)) components.set(t.component, knownComponents.get(t.component)!);
      return {
        date,
        from: p.from,
        components: [...components.values()].sort((a, b) => cmp(a.id, b.id)),
        repositories: repositories.sort((a, b) => cmp(a.name, b.name) || cmp(a.remote ?? '', b.remote ?? '')),
      };
    });
}

/** The history a report shows, from its points (oldest first, the last being the report's own state). */
export function analyseHistory(points: readonly HistoryPoint[], recentPoints = RECENT_POINTS): ReportHistory {
  const ids = [...new Set(points.flatMap((p) => p.repositories.flatMap((r) => r.components.map((t) => t.component))))].sort(cmp);
  return {
    recentPoints,
    points,
    adoption: points.map((p) => adoptionAt(p, () => true)),
    components: ids.map((id) => ({
      id,
      adoption: points.map((p) => adoptionAt(p, (c) => c === id)),
      burndowns: burndowns(points, id, recentPoints),
      timeToAdopt: timeToAdopt(points, id),
    })),
  };
}

/** The same shares as the aggregate's, from counts: a repository counts when every one of its uses does. */
function adoptionAt(point: HistoryPoint, keep: (component: string) => boolean): AdoptionPoint {
  const withRecommended = new Set(point.components.filter((c) => c.recommended !== null).map((c) => c.id));
  const repositories = { count: 0, total: 0 };
  const uses = { count: 0, total: 0 };
  const recRepositories = { count: 0, total: 0 };
  const recUses = { count: 0, total: 0 };
  for (const r of point.repositories) {
    const tallies = r.components.filter((t) => keep(t.component) && t.uses > 0);
    if (tallies.length === 0) continue;
    repositories.total++;
    if (tallies.every((t) => t.supported === t.uses)) repositories.count++;
    for (const t of tallies) {
      uses.total += t.uses;
      uses.count += t.supported;
    }
    const rec = tallies.filter((t) => withRecommended.has(t.component));
    if (rec.length === 0) continue;
    recRepositories.total++;
    if (rec.every((t) => t.recommended === t.uses)) recRepositories.count++;
    for (const t of rec) {
      recUses.total += t.uses;
      recUses.count += t.recommended;
    }
  }
  return {
    date: point.date,
    repositories,
    uses,
    recommendedRepositories: recUses.total ? recRepositories : null,
    recommendedUses: recUses.total ? recUses : null,
  };
}

function repositoryKey(r: HistoryRepository): string {
  return r.remote ?? `name:${r.name}`;
}

function burndowns(points: readonly HistoryPoint[], id: string, recentPoints: number): Burndown[] {
  const sunsets = new Set<string>();
  for (const p of points) for (const r of p.repositories) for (const t of r.components) if (t.component === id) Object.keys(t.sunsets).forEach((s) => sunsets.add(s));
  const last = points.at(-1);
  if (!last) return [];
  return [...sunsets].sort(cmp).map((sunset) => {
    const onIt = (r: HistoryRepository) => r.components.find((t) => t.component === id)?.sunsets[sunset] ?? 0;
    const series = points.map((p) => ({ date: p.date, uses: sum(p.repositories.map(onIt)), repositories: p.repositories.filter((r) => onIt(r) > 0).length }));
    const left = series.at(-1)!.uses;
    const days = daysBetween(last.date, sunset);
    const recent = series.slice(-recentPoints);
    const fit = fitLine(recent.map((s) => [daysBetween(recent[0]!.date, s.date), s.uses]));
    const projected = left > 0 && fit ? zeroDate(recent[0]!.date, fit, last.date) : null;
    // Each repository with uses left, by its own recent pace.
    const missing = last.repositories
      .filter((r) => onIt(r) > 0)
      .map((r) => {
        const key = repositoryKey(r);
        const own = recent.map((s) => {
          const p = points.find((x) => x.date === s.date)!;
          const same = p.repositories.find((x) => repositoryKey(x) === key);
          return [daysBetween(recent[0]!.date, s.date), same ? onIt(same) : 0] as const;
        });
        const f = fitLine(own);
        return { repository: r.name, uses: onIt(r), projected: f ? zeroDate(recent[0]!.date, f, last.date) : null };
      })
      .filter((m) => m.projected === null || m.projected > sunset)
      .sort((a, b) => b.uses - a.uses || cmp(a.repository, b.repository));
    return {
      sunset,
      days,
      points: series,
      neededPerWeek: left > 0 && days > 0 ? round1((left / days) * 7) : null,
      trendPerWeek: fit ? round1(fit.slope * 7) : null,
      projected,
      done: left === 0,
      onTrack: left === 0 || (projected !== null && projected <= sunset),
      missing,
    };
  });
}

/** Least squares over (day, value) pairs: null with fewer than two distinct days. */
function fitLine(xy: readonly (readonly [number, number])[]): { slope: number; intercept: number } | null {
  const n = xy.length;
  if (n < 2) return null;
  const mx = sum(xy.map(([x]) => x)) / n;
  const my = sum(xy.map(([, y]) => y)) / n;
  const sxx = sum(xy.map(([x]) => (x - mx) ** 2));
  if (sxx === 0) return null;
  const slope = sum(xy.map(([x, y]) => (x - mx) * (y - my))) / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * The day the line reaches zero, counted from `origin`; null when it does not go down. Uses are
 * left at `last`, so a line that crossed zero earlier (a sudden drop) projects the day after it.
 */
function zeroDate(origin: string, fit: { slope: number; intercept: number }, last: string): string | null {
  if (fit.slope >= 0) return null;
  const day = Math.max(Math.ceil(-fit.intercept / fit.slope), daysBetween(origin, last) + 1);
  // A century away is no plan: said as "not at this pace".
  return day > 365 * 100 ? null : addDays(origin, day);
}

/** `date` plus `days` (either sign), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * For each version that became recommended within the history (the first point's counts too),
 * the days each repository took to be on it: from the later of that date and the repository's
 * first use of the component, to the first point where every one of its uses is at or above it.
 * Repositories that stopped using the component without moving are left out.
 */
function timeToAdopt(points: readonly HistoryPoint[], id: string): AdoptionTime[] {
  const periods: Array<{ version: string; start: number; end: number }> = [];
  points.forEach((p, i) => {
    const version = p.components.find((c) => c.id === id)?.recommended ?? null;
    const open = periods.at(-1);
    if (open && open.end === i && open.version === version) open.end = i + 1;
    else if (version !== null) periods.push({ version, start: i, end: i + 1 });
  });
  return periods.map(({ version, start, end }) => {
    const window = points.slice(start, end);
    const since = window[0]!.date;
    const firstSeen = new Map<string, string>();
    const adoptedAt = new Map<string, string>();
    const names = new Map<string, string>();
    for (const p of window) {
      for (const r of p.repositories) {
        const t = r.components.find((c) => c.component === id);
        if (!t || t.uses === 0) continue;
        const key = repositoryKey(r);
        names.set(key, r.name);
        if (!firstSeen.has(key)) firstSeen.set(key, p.date);
        if (!adoptedAt.has(key) && t.recommended === t.uses) adoptedAt.set(key, p.date);
      }
    }
    const lastPoint = window.at(-1)!;
    const usingAtEnd = new Set(lastPoint.repositories.filter((r) => (r.components.find((c) => c.component === id)?.uses ?? 0) > 0).map(repositoryKey));
    const repositories = [...names]
      .filter(([key]) => adoptedAt.has(key) || usingAtEnd.has(key))
      .map(([key, name]) => {
        const at = adoptedAt.get(key);
        const from = firstSeen.get(key)! > since ? firstSeen.get(key)! : since;
        return { repository: name, days: at === undefined ? null : daysBetween(from, at) };
      })
      .sort((a, b) => (a.days ?? Infinity) - (b.days ?? Infinity) || cmp(a.repository, b.repository));
    const days = repositories.flatMap((r) => (r.days === null ? [] : [r.days]));
    return {
      version,
      since,
      fromStart: start === 0,
      repositories,
      adopted: days.length,
      median: percentile(days, 50),
      p90: percentile(days, 90),
      never: repositories.filter((r) => r.days === null).map((r) => r.repository),
    };
  });
}

/** Nearest rank: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
