import type { Adoption, Aggregate, ComponentRow, Deprecated, ExceptionCounts } from './aggregate';
import type { AdoptionPoint, ReportHistory } from './history';
import { adoptionTimeLine, burndownLine, pointsLine, sample } from './historyText';
import type { ReportSnapshot } from './model';
import { daysPhrase, percent, plural, shortCommit } from './text';

/**
 * The report as Markdown, for an issue or a wiki page. Every text that comes from a catalog or a
 * repository is escaped: it shows as written, and can neither break a table nor inject HTML.
 * Teams and approvers are code, so that posting the report mentions (notifies) nobody.
 */
export function reportMarkdown(snapshot: ReportSnapshot, agg: Aggregate): string {
  const out: string[] = [];
  const s = agg.summary;
  out.push(`# Platform adoption on ${agg.today}`, '');
  out.push(
    `${plural(s.repositories, 'repository', 'repositories')} scanned, ${plural(s.components, 'component')} in use, ` +
      `${plural(s.uses, 'use')}. Adoption: ${percent(s.adoption.uses)} of uses and ${percent(s.adoption.repositories)} of repositories ` +
      `on a version no deprecation covers; ${percent(s.adoption.recommendedUses)} of uses on the recommended version. ` +
      `${plural(s.deprecated.pastSunset, 'use')} past a sunset.`,
    '',
  );

  out.push('## Components by owner team', '');
  if (agg.owners.length === 0) out.push('No repository uses a catalog component.', '');
  for (const group of agg.owners) {
    out.push(`### ${md(group.owner)}`, '');
    for (const c of group.components) out.push(...component(c));
  }
  if (snapshot.history) out.push(...history(snapshot.history, agg));

  out.push('## Consuming teams', '');
  out.push(row(['team', 'repositories', 'components', 'adoption (uses)', 'adoption (repositories)', 'on recommended (uses)', 'deprecated uses', 'past a sunset', 'exceptions']));
  out.push(row(Array(9).fill('---')));
  for (const t of agg.teams) {
    out.push(row([t.team === null ? '*(no team)*' : code(t.team), md(t.repositories.join(', ')), String(t.components), percent(t.adoption.uses), percent(t.adoption.repositories), percent(t.adoption.recommendedUses), severities(t.deprecated), String(t.deprecated.pastSunset), exceptions(t.exceptions)]));
  }
  out.push('');

  out.push('## Exceptions', '');
  if (agg.exceptions.length === 0) out.push('No exceptions.', '');
  else {
    out.push(row(['status', 'repository', 'component', 'until', 'reason', 'approved by', 'uses']), row(Array(7).fill('---')));
    for (const e of agg.exceptions) {
      out.push(row([e.status, md(e.repository), code(e.component), `${e.until} (${daysPhrase(e.days)})`, md(e.reason), e.by === null ? '—' : code(e.by), String(e.uses)]));
    }
    out.push('');
  }

  out.push('## Repositories', '');
  out.push(row(['repository', 'team', 'commit', 'date', 'uses', 'deprecated uses', 'unreadable files']), row(Array(7).fill('---')));
  for (const r of snapshot.repositories) {
    const flagged = r.uses.filter((u) => u.severity !== null).length;
    out.push(row([md(r.name), r.team === null ? '—' : code(r.team), code(shortCommit(r.commit)), r.date === null ? '—' : md(r.date), String(r.uses.length), String(flagged), String(r.errors.length)]));
  }
  out.push('');
  return out.join('\n');
}

function component(c: ComponentRow): string[] {
  const out: string[] = [];
  out.push(`#### ${md(c.name)} (${code(c.id)})${c.recommended === null ? '' : `, recommended ${md(c.recommended)}`}`, '');
  out.push(adoptionLine(c.adoption), '');
  if (c.deprecated.uses > 0) {
    out.push(`Deprecated uses: ${severities(c.deprecated)}.`);
    for (const s of c.deprecated.sunsets) {
      out.push(`- sunset ${s.sunset} (${daysPhrase(s.days)}): ${plural(s.uses, 'use')} in ${plural(s.repositories, 'repository', 'repositories')}`);
    }
    out.push('');
  }
  if (c.exceptions.active + c.exceptions.expired > 0) out.push(`Exceptions: ${exceptions(c.exceptions)}.`, '');
  out.push(row(['version', 'uses', 'repositories', 'deprecated']), row(['---', '---:', '---', '---']));
  for (const v of c.versions) out.push(row([code(v.version), String(v.uses), md(v.repositories.join(', ')), v.deprecated ? 'yes' : '']));
  out.push('');
  return out;
}

/** A table of a long history shows this many points at most (the first and the last among them). */
const HISTORY_ROWS = 12;

/** Adoption over time, the burndowns and time to adopt, per component in the order of the components above. */
function history(h: ReportHistory, agg: Aggregate): string[] {
  const out: string[] = ['## Over time', '', pointsLine(h), ''];
  out.push(...adoptionTable(h.adoption), '');
  const order = agg.owners.flatMap((g) => g.components.map((c) => c.id));
  const byId = new Map(h.components.map((c) => [c.id, c]));
  const names = new Map(agg.owners.flatMap((g) => g.components.map((c) => [c.id, c.name])));
  for (const id of [...order, ...h.components.map((c) => c.id).filter((id) => !order.includes(id))]) {
    const c = byId.get(id);
    if (!c) continue;
    out.push(`### ${md(names.get(id) ?? id)} (${code(id)})`, '');
    out.push(...adoptionTable(c.adoption), '');
    for (const b of c.burndowns) {
      out.push(burndownLine(b, h.recentPoints, md), '');
      out.push(row(['date', 'uses left', 'repositories']), row(['---', '---:', '---:']));
      for (const p of sample(b.points, HISTORY_ROWS)) out.push(row([p.date, String(p.uses), String(p.repositories)]));
      out.push('');
    }
    for (const t of c.timeToAdopt) out.push(adoptionTimeLine(t, md), '');
  }
  return out;
}

function adoptionTable(points: readonly AdoptionPoint[]): string[] {
  const shown = sample(points, HISTORY_ROWS);
  return [
    ...(shown.length < points.length ? [`${shown.length} of the ${points.length} points:`, ''] : []),
    row(['date', 'adoption (uses)', 'adoption (repositories)', 'on recommended (uses)', 'on recommended (repositories)']),
    row(Array(5).fill('---')),
    ...shown.map((p) => row([p.date, percent(p.uses), percent(p.repositories), percent(p.recommendedUses), percent(p.recommendedRepositories)])),
  ];
}

function adoptionLine(a: Adoption): string {
  const recommended = a.recommendedUses === null ? '' : ` On the recommended version: ${percent(a.recommendedUses)} of uses, ${percent(a.recommendedRepositories)} of repositories.`;
  return `Adoption: ${percent(a.uses)} of uses, ${percent(a.repositories)} of repositories.${recommended}`;
}

function severities(d: Deprecated): string {
  return d.uses === 0 ? 'none' : `${d.uses} (${d.bySeverity.error} error, ${d.bySeverity.warning} warning, ${d.bySeverity.info} info, ${d.bySeverity.hint} hint)`;
}

function exceptions(e: ExceptionCounts): string {
  return `${e.active} active (${e.expiring} expiring within 30 days), ${e.expired} expired`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Text shown as written: HTML and Markdown punctuation escaped, one line, safe in a table cell. */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~!]/g, (c) => `\\${c}`);
}

/** An id or version as code; a backtick inside cannot end the span early. */
function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}
