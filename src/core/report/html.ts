import { createHash } from 'node:crypto';
import type { Adoption, Aggregate, ComponentRow, Deprecated, ExceptionCounts, VersionRow } from './aggregate';
import { historyHtml } from './htmlHistory';
import type { ReportSnapshot } from './model';
import { daysPhrase, percent, plural, shortCommit } from './text';

/**
 * The report as ONE self-contained HTML file: no external script, font, style or image; the charts
 * are inline SVG and everything reads without JavaScript. Where scripts run, one inline script
 * (allowed by its hash, nothing else is) makes the tables sortable. It reads the same in a light or
 * a dark viewer (system colours). Every text from a catalog or a repository goes through `esc`: a
 * `<script>` in a catalog message is text.
 */
export function reportHtml(snapshot: ReportSnapshot, agg: Aggregate): string {
  const s = agg.summary;
  const body = [
    `<h1>Platform adoption on ${esc(agg.today)}</h1>`,
    '<section class="summary">',
    stat('repositories scanned', String(s.repositories)),
    stat('components in use', String(s.components)),
    stat('uses', String(s.uses)),
    stat('adoption (uses)', percent(s.adoption.uses)),
    stat('adoption (repositories)', percent(s.adoption.repositories)),
    stat('on the recommended version', percent(s.adoption.recommendedUses)),
    stat('uses past a sunset', String(s.deprecated.pastSunset)),
    '</section>',
    '<h2>Components by owner team</h2>',
    agg.owners.length === 0 ? '<p>No repository uses a catalog component.</p>' : '',
    ...agg.owners.map((g) => `<section><h3>${esc(g.owner)}</h3>${g.components.map((c) => component(c, snapshot)).join('\n')}</section>`),
    snapshot.history ? historyHtml(snapshot.history, agg) : '',
    '<h2>Consuming teams</h2>',
    table(
      ['team', 'repositories', 'components', 'adoption (uses)', 'adoption (repositories)', 'on recommended (uses)', 'deprecated uses', 'past a sunset', 'exceptions'],
      agg.teams.map((t) => [t.team === null ? '<em>(no team)</em>' : esc(t.team), esc(t.repositories.join(', ')), String(t.components), percent(t.adoption.uses), percent(t.adoption.repositories), percent(t.adoption.recommendedUses), severities(t.deprecated), String(t.deprecated.pastSunset), exceptions(t.exceptions)]),
    ),
    '<h2>Exceptions</h2>',
    agg.exceptions.length === 0
      ? '<p>No exceptions.</p>'
      : table(
          ['status', 'repository', 'component', 'until', 'reason', 'approved by', 'uses'],
          agg.exceptions.map((e) => [`<span class="status ${e.status}">${e.status}</span>`, esc(e.repository), `<code>${esc(e.component)}</code>`, `${esc(e.until)} (${daysPhrase(e.days)})`, esc(e.reason), e.by === null ? '—' : esc(e.by), String(e.uses)]),
        ),
    '<h2>Repositories</h2>',
    table(
      ['repository', 'team', 'commit', 'date', 'uses', 'deprecated uses', 'unreadable files'],
      snapshot.repositories.map((r) => [
        r.remote === null ? esc(r.name) : `${esc(r.name)}<br><small>${esc(r.remote)}</small>`,
        r.team === null ? '—' : esc(r.team),
        `<code>${esc(shortCommit(r.commit))}</code>`,
        r.date === null ? '—' : esc(r.date),
        String(r.uses.length),
        String(r.uses.filter((u) => u.severity !== null).length),
        String(r.errors.length),
      ]),
    ),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '${SORT_SCRIPT_HASH}'">
<title>Platform adoption on ${esc(agg.today)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.filter((b) => b !== '').join('\n')}
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light dark; }
body { font-family: system-ui, sans-serif; background: Canvas; color: CanvasText; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.4; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid GrayText; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; }
.stat { border: 1px solid GrayText; border-radius: .4rem; padding: .5rem .8rem; }
.stat b { display: block; font-size: 1.4rem; }
svg { display: block; margin: .5rem 0 1rem; max-width: 100%; }
svg text { fill: currentColor; font-size: 12px; }
.ok { fill: #2e8b57; } .old { fill: #d9822b; }
.status.expired { color: #d03030; font-weight: bold; } .status.expiring { color: #d9822b; }
th button.sort { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
th[aria-sort=ascending] .arrow::after { content: " ▲"; } th[aria-sort=descending] .arrow::after { content: " ▼"; }
`;

/**
 * Makes each table with two rows or more sortable: every column header becomes a button (so Enter
 * and Space sort, and a screen reader announces it), `aria-sort` says the order. Rows are moved,
 * never rewritten: no cell text is parsed as HTML. Numbers inside text sort as numbers (`57% (4/7)`
 * before `100% (7/7)`); equal cells keep their order.
 */
const SORT_SCRIPT = `(() => {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  for (const table of document.querySelectorAll('table')) {
    const body = table.tBodies[0];
    if (!table.tHead || !body || body.rows.length < 2) continue;
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      // The arrow is drawn, not named: aria-sort says the order, and the button keeps its name.
      const arrow = document.createElement('span');
      arrow.className = 'arrow';
      arrow.setAttribute('aria-hidden', 'true');
      button.append(arrow);
      th.replaceChildren(button);
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of heads) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const text = (row) => (row.cells[column]?.textContent ?? '').trim();
        const rows = [...body.rows].sort((a, b) => collator.compare(text(a), text(b)) * (ascending ? 1 : -1));
        body.append(...rows);
      });
    });
  }
})();`;

/** The Content-Security-Policy allows this one script by its hash. */
const SORT_SCRIPT_HASH = `sha256-${createHash('sha256').update(SORT_SCRIPT).digest('base64')}`;

function component(c: ComponentRow, snapshot: ReportSnapshot): string {
  const sunsets = c.deprecated.sunsets.map((s) => `<li>sunset ${esc(s.sunset)} (${daysPhrase(s.days)}): ${plural(s.uses, 'use')} in ${plural(s.repositories, 'repository', 'repositories')}</li>`);
  return [
    `<h4>${esc(c.name)} <code>${esc(c.id)}</code>${c.recommended === null ? '' : `, recommended ${esc(c.recommended)}`}</h4>`,
    `<p>${adoptionLine(c.adoption)}</p>`,
    c.deprecated.uses > 0 ? `<p>Deprecated uses: ${severities(c.deprecated)}.</p><ul>${sunsets.join('')}</ul>` : '',
    c.exceptions.active + c.exceptions.expired > 0 ? `<p>Exceptions: ${exceptions(c.exceptions)}.</p>` : '',
    chart(c),
    table(['version', 'uses', 'repositories', 'deprecated'], c.versions.map((v) => [`<code>${esc(v.version)}</code>`, String(v.uses), esc(v.repositories.join(', ')), v.deprecated ? 'yes' : ''])),
    flaggedUses(c, snapshot),
  ].join('\n');
}

/** Each deprecated use with the finding's message, folded (a `details` opens without a script). */
function flaggedUses(c: ComponentRow, snapshot: ReportSnapshot): string {
  const rows = snapshot.repositories.flatMap((r) =>
    r.uses
      .filter((u) => u.component === c.id && u.severity !== null)
      .map((u) => [esc(r.name), esc(u.file), u.version === null ? '—' : `<code>${esc(u.version)}</code>`, esc(u.severity ?? ''), esc(u.message ?? '')]),
  );
  if (rows.length === 0) return '';
  return `<details><summary>${plural(rows.length, 'deprecated use')}</summary>${table(['repository', 'file', 'version', 'severity', 'message'], rows)}</details>`;
}

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 140;
const BAR_WIDTH = 360;
/** Room after the longest bar for its count and `· deprecated`. */
const TAIL_WIDTH = 110;

/** The version distribution as horizontal bars: uses per version, deprecated ones in the warning colour. */
function chart(c: ComponentRow): string {
  const max = Math.max(1, ...c.versions.map((v) => v.uses));
  const height = c.versions.length * (BAR_HEIGHT + 4);
  const bars = c.versions.map((v: VersionRow, i) => {
    const y = i * (BAR_HEIGHT + 4);
    const w = Math.max(2, Math.round((v.uses / max) * BAR_WIDTH));
    const label = v.version.length > 20 ? `${v.version.slice(0, 19)}…` : v.version;
    return (
      `<g><title>${esc(v.version)}: ${plural(v.uses, 'use')}${v.deprecated ? ', deprecated' : ''}</title>` +
      `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end">${esc(label)}</text>` +
      `<rect class="${v.deprecated ? 'old' : 'ok'}" x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR_HEIGHT}"></rect>` +
      // Not by colour alone: the deprecated bars also say so.
      `<text x="${LABEL_WIDTH + w + 4}" y="${y + 13}">${v.uses}${v.deprecated ? ' · deprecated' : ''}</text></g>`
    );
  });
  return `<svg role="img" aria-label="${esc(`versions of ${c.name}`)}" width="${LABEL_WIDTH + BAR_WIDTH + TAIL_WIDTH}" height="${height}" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + TAIL_WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
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

function stat(label: string, value: string): string {
  return `<div class="stat"><b>${esc(value)}</b>${esc(label)}</div>`;
}

/** Cells are HTML already (each text escaped where it is made). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<div class="scroll"><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

/** Text as HTML text or attribute value. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
