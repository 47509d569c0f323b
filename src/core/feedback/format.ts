import type { FeedbackKind, FeedbackPayload } from './payload';

/** How each channel shows a submission to people: Slack mrkdwn, an issue's markdown, plain text for email. */

const KIND_LABELS: Record<FeedbackKind, string> = {
  bug: 'Bug',
  'migration-blocker': 'Migration blocker',
  'feature-request': 'Feature request',
  docs: 'Docs',
  praise: 'Praise',
  other: 'Feedback',
};

export const ID_MARKER_PREFIX = 'platform-guide-feedback-id:';

export function kindLabel(kind: FeedbackKind): string {
  return KIND_LABELS[kind];
}

/** "Bug (acme-ui): The 3→4 migration missed our theme file", at most ~100 characters. */
export function feedbackTitle(p: FeedbackPayload): string {
  const firstLine = p.message.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  const line = firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
  return `${kindLabel(p.kind)}${p.component ? ` (${p.component})` : ''}: ${line}`;
}

function ratingText(rating: number | null): string | undefined {
  return rating === null ? undefined : `${rating}/5`;
}

/** Slack mrkdwn treats &, < and > as control characters (links, mentions such as <!channel>). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One mrkdwn message: our own formatting around the user's text, which is escaped and quoted. */
export function slackText(p: FeedbackPayload): string {
  const facts = [kindLabel(p.kind), p.component ? `component ${p.component}` : undefined, p.rating === null ? undefined : `rating ${ratingText(p.rating)}`];
  const lines = [`*Feedback for ${escapeSlack(p.team)}*: ${escapeSlack(facts.filter(Boolean).join(' · '))}`];
  lines.push(...p.message.split(/\r?\n/).map((l) => `>${escapeSlack(l)}`));
  if (p.contact !== null) lines.push(`*Contact:* ${escapeSlack(p.contact)}`);
  const context = Object.entries(p.context);
  if (context.length > 0) {
    lines.push('*Context*');
    lines.push(...context.map(([k, v]) => `• ${escapeSlack(k)}: ${escapeSlack(v.replace(/\s*\r?\n\s*/g, ' '))}`));
  }
  lines.push(`Feedback id ${escapeSlack(p.id)} · ${escapeSlack(p.createdAt)}`);
  return lines.join('\n');
}

/** Plain text, for the body of an email. */
export function emailBody(p: FeedbackPayload, message = p.message): string {
  const facts: Array<[string, string | null | undefined]> = [
    ['Kind', kindLabel(p.kind)],
    ['Component', p.component],
    ['Rating', ratingText(p.rating)],
    ['Contact', p.contact],
  ];
  const lines = [`Feedback for ${p.team}, sent from Platform Guide`, ''];
  for (const [name, value] of facts) if (value) lines.push(`${name}: ${value}`);
  lines.push('', message);
  const context = Object.entries(p.context);
  if (context.length > 0) lines.push('', 'Context:', ...context.map(([k, v]) => `  ${k}: ${v}`));
  lines.push('', `Feedback id: ${p.id}`, `Created: ${p.createdAt}`);
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The user's text inside an issue: HTML is escaped (no hidden comments, so no forged id marker),
 * and @user / @org/team mentions are put in code spans so that feedback never notifies anyone.
 */
function issueText(text: string): string {
  return escapeHtml(text).replace(/(^|[^\w`/])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_.-]+)?)/g, '$1`@$2`');
}

/** A code span safe inside a table cell: one line, pipes escaped, fenced past any backticks. */
function cell(value: string): string {
  const text = value.replace(/\s*\r?\n\s*/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The issue's markdown; the id is both visible and in an HTML comment that retries search for. */
export function issueBody(p: FeedbackPayload): string {
  const rows: Array<[string, string]> = [
    ['Kind', kindLabel(p.kind)],
    ['Team', cell(p.team)],
  ];
  if (p.component) rows.push(['Component', cell(p.component)]);
  if (p.rating !== null) rows.push(['Rating', ratingText(p.rating)!]);
  if (p.contact !== null) rows.push(['Contact', cell(p.contact)]);
  const out = [p.message.split(/\r?\n/).map((l) => `> ${issueText(l)}`.trimEnd()).join('\n'), '', '| | |', '|---|---|'];
  out.push(...rows.map(([k, v]) => `| ${k} | ${v} |`));
  const context = Object.entries(p.context);
  if (context.length > 0) {
    out.push('', '<details><summary>Context</summary>', '', '| Field | Value |', '|---|---|');
    out.push(...context.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '', '</details>');
  }
  out.push('', `Feedback id: \`${p.id}\` · sent from Platform Guide at ${p.createdAt}`, '', `<!-- ${ID_MARKER_PREFIX} ${p.id} -->`);
  return out.join('\n');
}

/** Whether an issue body carries this submission's id marker (search results are fuzzy). */
export function hasIdMarker(body: unknown, id: string): boolean {
  return typeof body === 'string' && body.includes(`<!-- ${ID_MARKER_PREFIX} ${id} -->`);
}
