import type { ReportSnapshot } from './model';

export const REPORT_FORMATS = ['json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one of its formats; `json` is the stable snapshot itself. */
export function renderReport(snapshot: ReportSnapshot, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(snapshot, null, 2) + '\n';
  }
}
