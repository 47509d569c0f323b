import { findingMessage, severityCounts, type ScanResult } from '../scan';

/** A job summary must stay well under GitHub's 1 MiB per step; the rest is in the SARIF. */
const MAX_ROWS = 300;

/**
 * A Markdown report of the findings, for a CI job summary (GitHub's $GITHUB_STEP_SUMMARY) or a
 * merge request comment: the counts, then a table in the text output's order.
 */
export function checkMarkdown(result: ScanResult): string {
  const c = severityCounts(result.findings);
  const out = ['## Platform Guide', ''];
  if (!result.findings.length) {
    out.push(`No deprecated platform dependency: ${result.platformDependencies} platform dependencies in ${result.manifests} manifests checked.`);
  } else {
    out.push(
      `**${count(result.findings.length, 'finding')}** — ${count(c.error, 'error')}, ${count(c.warning, 'warning')}, ${c.info} info, ` +
        `${count(c.hint, 'hint')} — in ${count(result.manifests, 'manifest')} (${result.platformDependencies} platform dependencies).`,
      '',
      '| Severity | Where | Dependency | Component (owner) | Finding |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const f of result.findings.slice(0, MAX_ROWS)) {
      const where = `\`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}\``;
      const dep = `\`${f.package}${f.constraint ? ` ${f.constraint}` : ''}\``;
      out.push(`| ${f.severity} | ${cell(where)} | ${cell(dep)} | ${cell(`${f.component} (${f.owner})`)} | ${cell(findingMessage(f))} |`);
    }
    if (result.findings.length > MAX_ROWS) out.push('', `… and ${result.findings.length - MAX_ROWS} more (see the code scanning alerts).`);
  }
  if (result.errors.length) {
    out.push('', `${result.errors.length} manifests or lockfiles could not be read:`, '');
    for (const p of result.errors.slice(0, MAX_ROWS)) out.push(`- \`${p.file}:${p.range.start.line + 1}\`: ${oneLine(p.message)}`);
  }
  return out.join('\n') + '\n';
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** A table cell: one line, and a `|` that does not end the cell. */
function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
