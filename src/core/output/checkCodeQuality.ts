import { createHash } from 'node:crypto';
import { findingMessage, type ScanResult } from '../scan';
import type { Severity } from '../types';

/** GitLab's five levels; an error blocks nothing by itself there, so it is `critical`, not `blocker`. */
const SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

/** One issue of GitLab's Code Quality report (the subset of the Code Climate format GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * The findings as a GitLab Code Quality report (`artifacts: reports: codequality`), which merge
 * requests show as new or resolved issues. GitLab tells issues apart by fingerprint, so it must
 * survive a line moving: it hashes the file, component and package, plus a counter for the second
 * and later uses of the same package in one file (else GitLab would merge them into one).
 */
export function checkCodeQuality(result: ScanResult): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return result.findings.map((f) => {
    const key = `${f.file}|${f.component}|${f.package}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      description: findingMessage(f),
      check_name: f.component,
      fingerprint: createHash('sha256').update(n ? `${key}|${n}` : key).digest('hex').slice(0, 32),
      severity: SEVERITY[f.severity],
      location: { path: f.file, lines: { begin: f.range.start.line + 1 } },
    };
  });
}
