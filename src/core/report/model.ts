import type { Ecosystem, Severity } from '../types';
import type { ReportHistory } from './history';

/** The stable snapshot's name: fields may be added, never removed or renamed (cli-v1.md). */
export const REPORT_SCHEMA = 'platform-guide/report-v1';

/** One use of a platform component in one repository, flagged or not. */
export interface ReportUse {
  /** POSIX path relative to the repository. */
  readonly file: string;
  readonly ecosystem: Ecosystem;
  readonly package: string;
  readonly component: string;
  readonly constraint: string | null;
  /** The version a lockfile pins (or the text states beside an exact ref), else null. */
  readonly resolved: string | null;
  /** The version a report counts: `resolved` when there is one, else the constraint, else null. */
  readonly version: string | null;
  /** The finding's severity, or null when no deprecation covers this use. */
  readonly severity: Severity | null;
  readonly sunset: string | null;
  /** The finding's message, as `check` words it; null for a use that is fine. */
  readonly message: string | null;
  /** Whether the version is at or above the component's `recommended`; null when it names none or the version cannot be read. */
  readonly onRecommended: boolean | null;
  readonly exception: ReportException | null;
}

export interface ReportException {
  readonly until: string;
  readonly reason: string;
  readonly expired: boolean;
  /** Who approved it, when the repository file says. */
  readonly by: string | null;
}

export interface ReportProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ReportRepository {
  /** The remote's last path segment without `.git`, else the folder's name. */
  readonly name: string;
  /** `remote.origin.url` without any user or password; null outside git or without a remote. */
  readonly remote: string | null;
  readonly commit: string | null;
  /** The commit's committer date, ISO 8601 with its offset; null outside git. */
  readonly date: string | null;
  /** The consuming team: `team:` of `.platform-guide.yaml`, else the CODEOWNERS default owner. */
  readonly team: string | null;
  readonly teamFrom: 'config' | 'codeowners' | null;
  /** The date sunsets were measured against when this repository was scanned. */
  readonly scanned: string;
  readonly uses: readonly ReportUse[];
  readonly errors: readonly ReportProblem[];
  readonly summary: { readonly manifests: number; readonly dependencies: number; readonly platformDependencies: number };
}

/** What a report needs to know of a component without its catalog (merged snapshots carry it). */
export interface ReportComponent {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly lifecycle: string;
  readonly recommended: string | null;
  readonly sunset: string | null;
}

export interface ReportSnapshot {
  readonly schema: typeof REPORT_SCHEMA;
  /** The date sunsets are measured against. */
  readonly today: string;
  /** Every component the repositories use, sorted by id. */
  readonly components: readonly ReportComponent[];
  /** Sorted by name, then remote. */
  readonly repositories: readonly ReportRepository[];
  /** Adoption over time, burndowns and time to adopt; only when the report was asked for a history (`--history`, `--since`). */
  readonly history?: ReportHistory;
}
