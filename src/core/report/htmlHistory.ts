import { daysBetween } from '../dates';
import { ratio, type Aggregate, type Share } from './aggregate';
import { addDays, type AdoptionPoint, type Burndown, type ReportHistory } from './history';
import { adoptionTimeLine, burndownLine, pointsLine } from './historyText';
import { esc, table } from './html';
import { percent } from './text';

/**
 * The history in the HTML report: per component an adoption chart and a burndown per sunset, as
 * inline SVG (no script: the figures are also in a table under each chart, for a screen reader
 * and for copying). Lines differ by dash as well as colour, and the legend says which is which.
 */
export function historyHtml(h: ReportHistory, agg: Aggregate): string {
  const names = new Map(agg.owners.flatMap((g) => g.components.map((c) => [c.id, c.name])));
  const order = agg.owners.flatMap((g) => g.components.map((c) => c.id));
  const ids = [...order, ...h.components.map((c) => c.id).filter((id) => !order.includes(id))];
  const byId = new Map(h.components.map((c) => [c.id, c]));
  const parts = [`<section class="history"><h2>Over time</h2>`, `<p>${esc(pointsLine(h))}</p>`, adoptionChart(h.adoption, 'every component')];
  for (const id of ids) {
    const c = byId.get(id);
    if (!c) continue;
    const name = names.get(id) ?? id;
    parts.push(`<h3>${esc(name)} <code>${esc(id)}</code></h3>`, adoptionChart(c.adoption, name));
    for (const b of c.burndowns) parts.push(`<p>${burndownLine(b, h.recentPoints, esc)}</p>`, burndownChart(b, name));
    for (const t of c.timeToAdopt) {
      parts.push(`<p>${adoptionTimeLine(t, esc)}</p>`);
      if (t.repositories.length) {
        parts.push(`<details><summary>days per repository</summary>${table(['repository', 'days to adopt'], t.repositories.map((r) => [esc(r.repository), r.days === null ? 'not yet' : String(r.days)]))}</details>`);
      }
    }
  }
  parts.push('</section>');
  return parts.join('\n');
}

const W = 640;
const H = 200;
const M = { left: 48, right: 16, top: 12, bottom: 44 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const OK = '#2e8b57';
const OLD = '#d9822b';
const NEEDED = '#6f7b8b';

interface Series {
  readonly label: string;
  readonly colour: string;
  readonly dash: string;
  readonly points: ReadonlyArray<{ date: string; value: number | null; text: string }>;
}

function adoptionChart(points: readonly AdoptionPoint[], name: string): string {
  const pct = (s: Share | null) => (s === null || s.total === 0 ? null : ratio(s) * 100);
  const series: Series[] = [
    { label: 'uses supported', colour: OK, dash: '', points: points.map((p) => ({ date: p.date, value: pct(p.uses), text: percent(p.uses) })) },
    { label: 'repositories supported', colour: OLD, dash: '6 4', points: points.map((p) => ({ date: p.date, value: pct(p.repositories), text: percent(p.repositories) })) },
    { label: 'uses on recommended', colour: NEEDED, dash: '2 3', points: points.map((p) => ({ date: p.date, value: pct(p.recommendedUses), text: percent(p.recommendedUses) })) },
  ];
  const first = points[0]?.date ?? '';
  const last = points.at(-1)?.date ?? '';
  const svg = lineChart(`adoption of ${name} over time`, series, first, last, 100, (v) => `${v}%`, []);
  const rows = points.map((p) => [esc(p.date), percent(p.uses), percent(p.repositories), percent(p.recommendedUses), percent(p.recommendedRepositories)]);
  return svg + figures(table(['date', 'adoption (uses)', 'adoption (repositories)', 'on recommended (uses)', 'on recommended (repositories)'], rows));
}

function burndownChart(b: Burndown, name: string): string {
  const first = b.points[0]!;
  const last = b.points.at(-1)!;
  const start = first.date;
  // The chart runs to the sunset or the projected end, whichever is later, but no further than
  // twice the time to the sunset: a pace that ends in ten years would flatten everything else.
  const horizon = maxDate(last.date, b.sunset);
  const span = Math.max(1, daysBetween(start, horizon));
  const end = b.projected === null ? horizon : maxDate(horizon, minDate(b.projected, addDays(start, span * 2)));
  const series: Series[] = [{ label: 'uses left', colour: OLD, dash: '', points: b.points.map((p) => ({ date: p.date, value: p.uses, text: `${p.uses} in ${p.repositories}` })) }];
  if (b.sunset > start) {
    series.push({ label: 'needed by the sunset', colour: NEEDED, dash: '6 4', points: [{ date: start, value: first.uses, text: String(first.uses) }, { date: b.sunset, value: 0, text: '0' }] });
  }
  if (b.projected !== null && !b.done) {
    const total = daysBetween(last.date, b.projected);
    const shown = daysBetween(last.date, end);
    const endValue = total <= shown ? 0 : last.uses * (1 - shown / total);
    series.push({
      label: `recent pace${b.projected > end ? ` (zero by ${b.projected})` : ''}`,
      colour: OK,
      dash: '2 3',
      points: [{ date: last.date, value: last.uses, text: String(last.uses) }, { date: total <= shown ? b.projected : end, value: endValue, text: total <= shown ? '0' : endValue.toFixed(1) }],
    });
  }
  const max = Math.max(1, ...b.points.map((p) => p.uses));
  const svg = lineChart(`burndown of ${name} uses before the sunset of ${b.sunset}`, series, start, end, max, (v) => String(Math.round(v)), [{ date: b.sunset, label: `sunset ${b.sunset}` }]);
  return svg + figures(table(['date', 'uses left', 'repositories'], b.points.map((p) => [esc(p.date), String(p.uses), String(p.repositories)])));
}

function figures(tableHtml: string): string {
  return `<details><summary>the figures</summary>${tableHtml}</details>`;
}

/** Lines over time: x from `from` to `to`, y from 0 to `max`; markers are labelled vertical rules. */
function lineChart(
  label: string,
  series: readonly Series[],
  from: string,
  to: string,
  max: number,
  tick: (v: number) => string,
  markers: ReadonlyArray<{ date: string; label: string }>,
): string {
  const days = Math.max(1, daysBetween(from, to));
  const x = (date: string) => M.left + (daysBetween(from, date) / days) * PLOT_W;
  const y = (v: number) => M.top + PLOT_H - (v / max) * PLOT_H;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [];
  // Axes and the grid: 0, half and max.
  // Half-way only when it is a value the axis can name (no "0.5 uses").
  for (const v of max % 2 === 0 || max === 100 ? [0, max / 2, max] : [0, max]) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="currentColor" stroke-opacity="${v === 0 ? 0.6 : 0.15}"></line>`);
    out.push(`<text x="${M.left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${esc(tick(v))}</text>`);
  }
  out.push(`<text x="${M.left}" y="${M.top + PLOT_H + 16}">${esc(from)}</text>`, `<text x="${W - M.right}" y="${M.top + PLOT_H + 16}" text-anchor="end">${esc(to)}</text>`);
  for (const m of markers) {
    if (m.date < from || m.date > to) continue;
    const mx = f(x(m.date));
    out.push(`<g><title>${esc(m.label)}</title><line x1="${mx}" x2="${mx}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#d03030" stroke-dasharray="1 3"></line><text x="${mx}" y="${M.top + 10}" text-anchor="${x(m.date) > W / 2 ? 'end' : 'start'}" dx="${x(m.date) > W / 2 ? -4 : 4}">${esc(m.label)}</text></g>`);
  }
  for (const s of series) {
    // A gap (no value: nothing to count at that point) breaks the line.
    const runs: string[][] = [[]];
    for (const p of s.points) {
      if (p.value === null) runs.push([]);
      else runs.at(-1)!.push(`${f(x(p.date))},${f(y(p.value))}`);
    }
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    const lines = runs.filter((r) => r.length > 0).map((r) => (r.length === 1 ? '' : `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${dash} points="${r.join(' ')}"></polyline>`));
    const dots = s.points
      .filter((p) => p.value !== null)
      .map((p) => `<circle cx="${f(x(p.date))}" cy="${f(y(p.value!))}" r="3" fill="${s.colour}"><title>${esc(`${p.date}: ${s.label}: ${p.text}`)}</title></circle>`);
    out.push(`<g>${lines.join('')}${dots.join('')}</g>`);
  }
  // The legend, under the axis: a sample of each line, then its name.
  let lx = M.left;
  for (const s of series) {
    const ly = H - 10;
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}></line><text x="${lx + 28}" y="${ly}">${esc(s.label)}</text>`);
    lx += 40 + s.label.length * 7;
  }
  return `<svg class="chart" role="img" aria-label="${esc(label)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${out.join('')}</svg>`;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

