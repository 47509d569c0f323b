import { aggregate } from './aggregate';
import { reportCsv } from './csv';
import { reportHtml } from './html';
import { reportMarkdown } from './markdown';
import type { ReportSnapshot } from './model';

export const REPORT_FORMATS = ['json', 'markdown', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one of its formats; `json` is the stable snapshot itself. */
export function renderReport(snapshot: ReportSnapshot, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(snapshot, null, 2) + '\n';
    case 'markdown':
      return reportMarkdown(snapshot, aggregate(snapshot));
    case 'csv':
      return reportCsv(snapshot);
    case 'html':
      return reportHtml(snapshot, aggregate(snapshot));
  }
}
