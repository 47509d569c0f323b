import { isDate } from '../dates';
import type { ReportComponent, ReportRepository, ReportSnapshot } from './model';
import { REPORT_SCHEMA } from './model';
import { cmp, sortRepositories } from './snapshot';

/**
 * Reads a snapshot written by `report --format json`. Snapshots come from other machines' CI:
 * every field the report reads is checked, and the first one that is wrong is named by its path.
 */
export function parseSnapshot(text: string): { snapshot: ReportSnapshot } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  if (!isObject(doc) || doc.schema !== REPORT_SCHEMA) {
    return { error: `not a report snapshot: its "schema" must be "${REPORT_SCHEMA}" (write one with 'platform-guide report DIR --format json')` };
  }
  const wrong = firstWrong(doc);
  return wrong ? { error: `${wrong}; write the snapshot again with 'platform-guide report DIR --format json'` } : { snapshot: doc as unknown as ReportSnapshot };
}

type Check = 'string' | 'string?' | 'number' | 'boolean?' | 'array' | 'object?';
const REPOSITORY: Record<string, Check> = { name: 'string', remote: 'string?', commit: 'string?', date: 'string?', team: 'string?', scanned: 'string', uses: 'array', errors: 'array' };
const USE: Record<string, Check> = {
  file: 'string', ecosystem: 'string', package: 'string', component: 'string', constraint: 'string?', resolved: 'string?',
  version: 'string?', severity: 'string?', sunset: 'string?', message: 'string?', onRecommended: 'boolean?', exception: 'object?',
};
const EXCEPTION: Record<string, Check> = { until: 'string', reason: 'string', by: 'string?' };
const COMPONENT: Record<string, Check> = { id: 'string', name: 'string', owner: 'string', lifecycle: 'string', recommended: 'string?', sunset: 'string?' };
const SEVERITY = new Set(['error', 'warning', 'info', 'hint']);
const POINT: Record<string, Check> = { date: 'string', from: 'string', components: 'array', repositories: 'array' };
const POINT_REPOSITORY: Record<string, Check> = { name: 'string', remote: 'string?', commit: 'string?', date: 'string?', team: 'string?', components: 'array' };
const TALLY: Record<string, Check> = { component: 'string', uses: 'number', supported: 'number', recommended: 'number', sunsets: 'object?' };

function firstWrong(doc: Record<string, unknown>): string | undefined {
  if (typeof doc.today !== 'string' || !isDate(doc.today)) return '"today" must be a date as YYYY-MM-DD';
  if (!Array.isArray(doc.components)) return '"components" must be a list';
  if (!Array.isArray(doc.repositories)) return '"repositories" must be a list';
  for (const [i, c] of doc.components.entries()) {
    const w = shape(c, COMPONENT, `components[${i}]`);
    if (w) return w;
  }
  if (doc.history !== undefined) {
    const w = historyWrong(doc.history);
    if (w) return w;
  }
  for (const [i, r] of doc.repositories.entries()) {
    const at = `repositories[${i}]`;
    const w = shape(r, REPOSITORY, at);
    if (w) return w;
    for (const [j, u] of (r as { uses: unknown[] }).uses.entries()) {
      const wu = shape(u, USE, `${at}.uses[${j}]`);
      if (wu) return wu;
      const use = u as { severity: unknown; exception: unknown };
      if (use.severity !== null && !SEVERITY.has(use.severity as string)) return `${at}.uses[${j}].severity must be error, warning, info, hint or null`;
      if (use.exception !== null) {
        const we = shape(use.exception, EXCEPTION, `${at}.uses[${j}].exception`);
        if (we) return we;
      }
    }
  }
  return undefined;
}

/** The points a snapshot carries (the analysis beside them is computed again, never read). */
function historyWrong(history: unknown): string | undefined {
  if (!isObject(history) || !Array.isArray(history.points)) return '"history.points" must be a list';
  for (const [i, p] of history.points.entries()) {
    const at = `history.points[${i}]`;
    const w = shape(p, POINT, at);
    if (w) return w;
    const point = p as { date: string; components: unknown[]; repositories: unknown[] };
    if (!isDate(point.date)) return `${at}.date must be a date as YYYY-MM-DD`;
    for (const [j, c] of point.components.entries()) {
      const wc = shape(c, COMPONENT, `${at}.components[${j}]`);
      if (wc) return wc;
    }
    for (const [j, r] of point.repositories.entries()) {
      const wr = shape(r, POINT_REPOSITORY, `${at}.repositories[${j}]`);
      if (wr) return wr;
      for (const [k, t] of (r as { components: unknown[] }).components.entries()) {
        const tat = `${at}.repositories[${j}].components[${k}]`;
        const wt = shape(t, TALLY, tat);
        if (wt) return wt;
        const sunsets = (t as { sunsets: Record<string, unknown> | null }).sunsets ?? {};
        if (Object.entries(sunsets).some(([d, n]) => !isDate(d) || typeof n !== 'number')) return `${tat}.sunsets must map dates to numbers`;
      }
    }
  }
  return undefined;
}

function shape(value: unknown, fields: Record<string, Check>, at: string): string | undefined {
  if (!isObject(value)) return `${at} must be an object`;
  for (const [key, check] of Object.entries(fields)) {
    const v = value[key];
    const ok =
      check === 'string' ? typeof v === 'string'
      : check === 'string?' ? v === null || typeof v === 'string'
      : check === 'number' ? typeof v === 'number'
      : check === 'boolean?' ? v === null || typeof v === 'boolean'
      : check === 'array' ? Array.isArray(v)
      : v === null || isObject(v);
    if (!ok) return `${at}.${key} must be ${check.replace('?', ' or null').replace(/^object or null$/, 'an object or null')}`;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges snapshots and freshly scanned repositories. A repository is the same one when its remote
 * is (its name when it has none); of two, the one with the newest commit date wins (a dated one
 * over an undated one; on a tie, the later argument). Components: the first description wins.
 */
export function mergeSnapshots(parts: readonly ReportSnapshot[], today: string): ReportSnapshot {
  const repositories = new Map<string, ReportRepository>();
  const components = new Map<string, ReportComponent>();
  for (const part of parts) {
    for (const c of part.components) if (!components.has(c.id)) components.set(c.id, c);
    for (const r of part.repositories) {
      const key = r.remote ?? `name:${r.name}`;
      const seen = repositories.get(key);
      if (!seen || newer(r.date, seen.date)) repositories.set(key, r);
    }
  }
  return {
    schema: REPORT_SCHEMA,
    today,
    components: [...components.values()].sort((a, b) => cmp(a.id, b.id)),
    repositories: sortRepositories([...repositories.values()]),
  };
}

/** ISO dates with offsets compare as instants. */
function newer(a: string | null, b: string | null): boolean {
  if (a === null) return b === null;
  if (b === null) return true;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  return Number.isNaN(tb) || ta >= tb;
}
