import type { Range } from '../positions';
import { findingMessage, severityCounts, type Finding, type ScanProblem, type ScanResult } from '../scan';
import { Mapped } from './jsonStream';
import type { ToolInfo } from './tool';

/** 1-based line and column with an exclusive end: the CLI's convention (cli-v1.md). */
export interface OneBasedRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export function oneBased(r: Range): OneBasedRange {
  return {
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}

/**
 * The stable `platform-guide/check-v1` document. Fields may be added, never removed or renamed.
 * Its lists are made one element at a time as writeJson writes them (JSON.stringify works too).
 */
export function checkJson(result: ScanResult, tool: ToolInfo): object {
  return {
    schema: 'platform-guide/check-v1',
    tool: { name: 'platform-guide', version: tool.version },
    findings: new Mapped(result.findings, findingJson),
    errors: new Mapped(result.errors, problemJson),
    summary: {
      manifests: result.manifests,
      dependencies: result.dependencies,
      platformDependencies: result.platformDependencies,
      findings: severityCounts(result.findings),
    },
  };
}

function findingJson(f: Finding): object {
  return {
    file: f.file,
    range: oneBased(f.range),
    ecosystem: f.ecosystem,
    package: f.package,
    constraint: f.constraint,
    resolved: f.resolved,
    component: f.component,
    owner: f.owner,
    severity: f.severity,
    message: findingMessage(f),
    sunset: f.sunset,
    recommended: f.recommended,
    migration: f.migration,
    exception: f.exception
      ? { until: f.exception.until, reason: f.exception.reason, expired: f.exception.expired }
      : null,
    // Only where the version is written in another file than its uses: `file` is the definition's.
    ...(f.usedBy ? { usedBy: f.usedBy.map((u) => ({ file: u.file, range: oneBased(u.range) })) } : {}),
  };
}

function problemJson(p: ScanProblem): object {
  return { file: p.file, line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message };
}
