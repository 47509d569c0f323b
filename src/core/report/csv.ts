import { daysBetween } from '../dates';
import type { ReportSnapshot } from './model';

const HEADER = [
  'repository', 'remote', 'commit', 'date', 'team', 'file', 'ecosystem', 'package', 'component', 'owner',
  'constraint', 'resolved', 'version', 'severity', 'sunset', 'days_to_sunset', 'on_recommended',
  'exception_until', 'exception_status', 'exception_reason', 'exception_by', 'message',
] as const;

/** One row per use, RFC 4180 (CRLF, quoted where needed), for a spreadsheet or a database. */
export function reportCsv(snapshot: ReportSnapshot): string {
  const owners = new Map(snapshot.components.map((c) => [c.id, c.owner]));
  const rows: string[] = [HEADER.join(',')];
  for (const r of snapshot.repositories) {
    for (const u of r.uses) {
      const e = u.exception;
      rows.push(
        [
          text(r.name), text(r.remote), text(r.commit), text(r.date), text(r.team), text(u.file), text(u.ecosystem), text(u.package),
          text(u.component), text(owners.get(u.component) ?? null), text(u.constraint), text(u.resolved), text(u.version), text(u.severity),
          text(u.sunset), u.sunset === null ? '' : String(daysBetween(snapshot.today, u.sunset)),
          u.onRecommended === null ? '' : String(u.onRecommended),
          text(e?.until ?? null), e === null ? '' : daysBetween(snapshot.today, e.until) < 0 ? 'expired' : 'active',
          text(e?.reason ?? null), text(e?.by ?? null), text(u.message),
        ].join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}

/**
 * A text cell. A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage
 * return) as a formula: such a text from a repository gets a leading `'`. A bare scoped name
 * (`@acme/ui`, a CODEOWNERS team) is no formula and stays as written.
 */
function text(value: string | null): string {
  if (value === null) return '';
  const formula = /^[=+\-@\t\r]/.test(value) && !/^@[\w.-]+(?:\/[\w.-]+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
