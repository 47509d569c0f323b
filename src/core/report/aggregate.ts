import { daysBetween } from '../dates';
import { groupBy } from '../groupBy';
import { SEVERITIES, type Severity } from '../types';
import type { ReportSnapshot, ReportUse } from './model';
import { cmp } from './snapshot';

/**
 * What a platform team reads from a snapshot: adoption per component (grouped by owner team, worst
 * first), per consuming team, the exceptions ledger and a summary. Pure: the snapshot and its
 * `today` decide everything, so the numbers of a merged snapshot are those of its parts.
 */

/** `count` of `total`; the ratio is the renderer's business (and 0 of 0 is not 0 %). */
export interface Share {
  readonly count: number;
  readonly total: number;
}

export interface Adoption {
  /** Repositories all of whose uses are on a version no deprecation covers. */
  readonly repositories: Share;
  readonly uses: Share;
  /** The same for the recommended version (at or above it); null when no component in view names one. */
  readonly recommendedRepositories: Share | null;
  readonly recommendedUses: Share | null;
}

export interface SunsetRow {
  readonly sunset: string;
  /** Days from today to the sunset; negative once past. */
  readonly days: number;
  readonly uses: number;
  readonly repositories: number;
}

export interface Deprecated {
  /** Uses a deprecation covers, excepted or not (an expired exception changes nothing). */
  readonly uses: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Sorted by date. */
  readonly sunsets: readonly SunsetRow[];
  /** Deprecated uses whose sunset is before today. */
  readonly pastSunset: number;
}

export interface ExceptionCounts {
  readonly active: number;
  /** Active, and ending within EXPIRING_DAYS. Also counted in `active`. */
  readonly expiring: number;
  readonly expired: number;
}

export interface VersionRow {
  /** The pinned version where a lockfile pins it, else the constraint; `(none)` when neither is written. */
  readonly version: string;
  readonly repositories: readonly string[];
  readonly uses: number;
  /** Some use of this version is covered by a deprecation. */
  readonly deprecated: boolean;
}

export interface ComponentRow {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly recommended: string | null;
  readonly adoption: Adoption;
  readonly deprecated: Deprecated;
  readonly exceptions: ExceptionCounts;
  /** Most used first. */
  readonly versions: readonly VersionRow[];
}

export interface OwnerGroup {
  readonly owner: string;
  readonly components: readonly ComponentRow[];
}

export interface TeamRow {
  /** The consuming team; null for repositories nobody claims. */
  readonly team: string | null;
  readonly repositories: readonly string[];
  readonly components: number;
  readonly adoption: Adoption;
  readonly deprecated: Deprecated;
  readonly exceptions: ExceptionCounts;
}

export type ExceptionStatus = 'active' | 'expiring' | 'expired';

export interface LedgerEntry {
  readonly repository: string;
  readonly team: string | null;
  readonly component: string;
  readonly until: string;
  /** Days from today to `until` (inclusive day): negative once expired. */
  readonly days: number;
  readonly status: ExceptionStatus;
  readonly reason: string;
  readonly by: string | null;
  readonly uses: number;
  readonly files: readonly string[];
}

export interface ReportSummary {
  readonly repositories: number;
  readonly components: number;
  readonly uses: number;
  readonly adoption: Adoption;
  readonly deprecated: Deprecated;
  readonly exceptions: ExceptionCounts;
}

export interface Aggregate {
  readonly today: string;
  readonly summary: ReportSummary;
  readonly owners: readonly OwnerGroup[];
  readonly teams: readonly TeamRow[];
  /** Expired first, then by end date. */
  readonly exceptions: readonly LedgerEntry[];
}

/** An exception ending within this many days is listed as expiring. */
export const EXPIRING_DAYS = 30;

/** A use with the repository it belongs to. */
interface Located {
  readonly repository: string;
  readonly team: string | null;
  readonly use: ReportUse;
}

export function aggregate(snapshot: ReportSnapshot): Aggregate {
  const today = snapshot.today;
  const all: Located[] = snapshot.repositories.flatMap((r) => r.uses.map((use) => ({ repository: r.name, team: r.team, use })));
  const components = new Map(snapshot.components.map((c) => [c.id, c]));
  const withRecommended = (l: Located) => components.get(l.use.component)?.recommended != null;

  const byComponent = groupBy(all, (l) => l.use.component);
  const rows: ComponentRow[] = [...byComponent].map(([id, uses]) => {
    const c = components.get(id);
    return {
      id,
      name: c?.name ?? id,
      owner: c?.owner ?? '(unknown owner)',
      recommended: c?.recommended ?? null,
      adoption: adoption(uses, withRecommended),
      deprecated: deprecated(uses, today),
      exceptions: exceptionCounts(uses, today),
      versions: versions(uses),
    };
  });
  const owners = [...groupBy(rows.sort(worstFirst), (r) => r.owner)].map(([owner, list]) => ({ owner, components: list }));
  // The owners' order is their worst component's: the rows are sorted already, so first seen is worst.

  const teams: TeamRow[] = [...groupBy(all, (l) => l.team ?? '\0')].map(([, uses]) => ({
    team: uses[0]!.team,
    repositories: unique(uses.map((l) => l.repository)),
    components: unique(uses.map((l) => l.use.component)).length,
    adoption: adoption(uses, withRecommended),
    deprecated: deprecated(uses, today),
    exceptions: exceptionCounts(uses, today),
  }));
  teams.sort((a, b) => worstFirst(a, b) || cmp(a.team ?? '\uffff', b.team ?? '\uffff'));

  return {
    today,
    summary: {
      repositories: snapshot.repositories.length,
      components: byComponent.size,
      uses: all.length,
      adoption: adoption(all, withRecommended),
      deprecated: deprecated(all, today),
      exceptions: exceptionCounts(all, today),
    },
    owners,
    teams,
    exceptions: ledger(all, today),
  };
}

export function isDeprecated(use: ReportUse): boolean {
  return use.severity !== null;
}

function adoption(uses: readonly Located[], withRecommended: (l: Located) => boolean): Adoption {
  const recommendedUses = uses.filter(withRecommended);
  return {
    repositories: repositoryShare(uses, (u) => !isDeprecated(u)),
    uses: share(uses, (l) => !isDeprecated(l.use)),
    recommendedRepositories: recommendedUses.length ? repositoryShare(recommendedUses, (u) => u.onRecommended === true) : null,
    recommendedUses: recommendedUses.length ? share(recommendedUses, (l) => l.use.onRecommended === true) : null,
  };
}

/** Repositories whose every use passes, of the repositories with a use. */
function repositoryShare(uses: readonly Located[], ok: (u: ReportUse) => boolean): Share {
  const byRepo = groupBy(uses, (l) => l.repository);
  return { count: [...byRepo.values()].filter((list) => list.every((l) => ok(l.use))).length, total: byRepo.size };
}

function share<T>(items: readonly T[], ok: (t: T) => boolean): Share {
  return { count: items.filter(ok).length, total: items.length };
}

function deprecated(uses: readonly Located[], today: string): Deprecated {
  const flagged = uses.filter((l) => isDeprecated(l.use));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, flagged.filter((l) => l.use.severity === s).length])) as Record<Severity, number>;
  const sunsets = [...groupBy(flagged.filter((l) => l.use.sunset !== null), (l) => l.use.sunset!)]
    .map(([sunset, list]) => ({ sunset, days: daysBetween(today, sunset), uses: list.length, repositories: unique(list.map((l) => l.repository)).length }))
    .sort((a, b) => cmp(a.sunset, b.sunset));
  return { uses: flagged.length, bySeverity, sunsets, pastSunset: sunsets.filter((s) => s.days < 0).reduce((n, s) => n + s.uses, 0) };
}

function statusOf(until: string, today: string): { status: ExceptionStatus; days: number } {
  const days = daysBetween(today, until);
  return { days, status: days < 0 ? 'expired' : days <= EXPIRING_DAYS ? 'expiring' : 'active' };
}

/** Counted per exception (a repository, a component, an end date, a reason), not per use. */
function exceptionCounts(uses: readonly Located[], today: string): ExceptionCounts {
  const entries = ledger(uses, today);
  return {
    active: entries.filter((e) => e.status !== 'expired').length,
    expiring: entries.filter((e) => e.status === 'expiring').length,
    expired: entries.filter((e) => e.status === 'expired').length,
  };
}

function ledger(uses: readonly Located[], today: string): LedgerEntry[] {
  const excepted = uses.filter((l) => l.use.exception !== null);
  const groups = groupBy(excepted, (l) => JSON.stringify([l.repository, l.use.component, l.use.exception!.until, l.use.exception!.reason, l.use.exception!.by]));
  const entries = [...groups.values()].map((list): LedgerEntry => {
    const { use, repository, team } = list[0]!;
    const e = use.exception!;
    return { repository, team, component: use.component, until: e.until, ...statusOf(e.until, today), reason: e.reason, by: e.by, uses: list.length, files: unique(list.map((l) => l.use.file)) };
  });
  const rank: Record<ExceptionStatus, number> = { expired: 0, expiring: 1, active: 2 };
  return entries.sort((a, b) => rank[a.status] - rank[b.status] || cmp(a.until, b.until) || cmp(a.repository, b.repository) || cmp(a.component, b.component));
}

function versions(uses: readonly Located[]): VersionRow[] {
  return [...groupBy(uses, (l) => l.use.version ?? '(none)')]
    .map(([version, list]) => ({ version, repositories: unique(list.map((l) => l.repository)), uses: list.length, deprecated: list.some((l) => isDeprecated(l.use)) }))
    .sort((a, b) => b.uses - a.uses || cmp(a.version, b.version));
}

/** Most uses past a sunset, then most errors, then most deprecated uses, then lowest adoption. */
function worstFirst(a: { deprecated: Deprecated; adoption: Adoption; id?: string }, b: { deprecated: Deprecated; adoption: Adoption; id?: string }): number {
  return (
    b.deprecated.pastSunset - a.deprecated.pastSunset ||
    b.deprecated.bySeverity.error - a.deprecated.bySeverity.error ||
    b.deprecated.uses - a.deprecated.uses ||
    ratio(a.adoption.uses) - ratio(b.adoption.uses) ||
    cmp(a.id ?? '', b.id ?? '')
  );
}

export function ratio(s: Share): number {
  return s.total === 0 ? 1 : s.count / s.total;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}
