import type { Burndown, AdoptionTime, ReportHistory } from './history';
import { daysPhrase, plural } from './text';

/**
 * The history's sentences, shared by the Markdown and the HTML report. Names come from
 * repositories: each renderer passes its own escape, and every name goes through it.
 */
type Escape = (text: string) => string;

/** `13 points from 2026-09-07 to 2026-11-30: 12 read from git history, 1 from this run's scan.` */
export function pointsLine(h: ReportHistory): string {
  const first = h.points[0];
  const last = h.points.at(-1);
  if (!first || !last) return 'No point in the history.';
  const count = (from: string) => h.points.filter((p) => p.from === from).length;
  const parts = [
    count('snapshot') ? `${count('snapshot')} from earlier snapshots` : '',
    count('git') ? `${count('git')} read from git history` : '',
    count('current') ? `${count('current')} from this run's scan` : '',
  ].filter((p) => p !== '');
  return `${plural(h.points.length, 'point')} from ${first.date} to ${last.date}: ${parts.join(', ')}.`;
}

/** `0.5 fewer uses a week`, `2 more uses a week`, `no change`. */
function perWeek(n: number): string {
  if (n === 0) return 'no change';
  const text = Math.abs(n).toFixed(1).replace(/\.0$/, '');
  return `${text} ${n < 0 ? 'fewer' : 'more'} ${Math.abs(n) === 1 ? 'use' : 'uses'} a week`;
}

/** What a burndown says in words: where it started, where it is, the pace needed and the pace seen. */
export function burndownLine(b: Burndown, recentPoints: number, esc: Escape): string {
  const first = b.points[0]!;
  const last = b.points.at(-1)!;
  const head = `Sunset ${b.sunset} (${daysPhrase(b.days)}): ${plural(first.uses, 'use')} on ${first.date}, ${plural(last.uses, 'use')} in ${plural(last.repositories, 'repository', 'repositories')} on ${last.date}.`;
  if (b.done) return `${head} Done: no use is left.`;
  const needed = b.neededPerWeek === null ? ' The sunset has passed.' : ` To reach zero by the sunset: ${perWeek(-b.neededPerWeek)}.`;
  const pace =
    b.trendPerWeek === null
      ? ' Too few points for a pace.'
      : ` Recent pace (last ${plural(Math.min(recentPoints, b.points.length), 'point')}): ${perWeek(b.trendPerWeek)}, ` +
        (b.projected === null ? 'not going down.' : `zero by ${b.projected}: ${b.onTrack ? 'on time' : 'late'}.`);
  const missing = b.missing.length
    ? ` At their own pace these will miss it: ${b.missing.map((m) => `${esc(m.repository)} (${plural(m.uses, 'use')}, ${m.projected === null ? 'not going down' : `zero by ${m.projected}`})`).join(', ')}.`
    : '';
  return head + needed + pace + missing;
}

/** Time to adopt a recommended version, in words. */
export function adoptionTimeLine(t: AdoptionTime, esc: Escape): string {
  const since = t.fromStart ? `recommended since the first point, ${t.since}, so the days are a lower bound` : `recommended since ${t.since}`;
  const total = t.repositories.length;
  const figures = t.adopted ? `, median ${plural(t.median!, 'day')}, 90th percentile ${plural(t.p90!, 'day')}` : '';
  const never = t.never.length ? `; not yet: ${t.never.map(esc).join(', ')}` : '';
  return `Time to adopt ${esc(t.version)}, ${since}: ${t.adopted} of ${plural(total, 'repository', 'repositories')} moved${figures}${never}.`;
}

/** At most `max` items, evenly spread, the first and the last always in: a table a page can hold. */
export function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const picked = new Set(Array.from({ length: max }, (_, i) => Math.round((i * (items.length - 1)) / (max - 1))));
  return [...picked].map((i) => items[i]!);
}
