import type { Range } from '../positions';
import { findingMessage, severityCounts, type Finding, type ScanProblem, type ScanResult } from '../scan';
import { Mapped, type Template } from './jsonStream';
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
    findings: new Mapped(result.findings, (f) => findingJson(f), FINDING_TEXT),
    errors: new Mapped(result.errors, problemJson),
    summary: {
      manifests: result.manifests,
      dependencies: result.dependencies,
      platformDependencies: result.platformDependencies,
      findings: severityCounts(result.findings),
    },
  };
}

/** A finding's JSON; with `hole`, its file and position are holes (FINDING_TEXT). */
function findingJson(f: Finding, hole?: (i: number) => string): object {
  return {
    file: hole ? hole(0) : f.file,
    range: hole ? { start: { line: hole(1), column: hole(2) }, end: { line: hole(3), column: hole(4) } } : oneBased(f.range),
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

/** Findings that say the same thing in another file or place are written from one text. */
const FINDING_TEXT: Template<Finding> = {
  // A finding with uses elsewhere names them in its message: written on its own.
  group: (f) => (f.usedBy ? undefined : f.message),
  alike: saysTheSame,
  shape: (f, hole) => findingJson(f, hole),
  holes: (f) => [f.file, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1],
};

/** Two findings with the same message say the same thing but for their file and range. */
export function saysTheSame(a: Finding, b: Finding): boolean {
  return (
    a.message === b.message &&
    a.package === b.package &&
    a.ecosystem === b.ecosystem &&
    a.constraint === b.constraint &&
    a.resolved === b.resolved &&
    a.resolvedFrom === b.resolvedFrom &&
    a.component === b.component &&
    a.owner === b.owner &&
    a.severity === b.severity &&
    a.sunset === b.sunset &&
    a.recommended === b.recommended &&
    a.migration === b.migration &&
    // The verdict's own object, shared by its findings; another one is another text.
    a.exception === b.exception &&
    !a.usedBy &&
    !b.usedBy
  );
}

function problemJson(p: ScanProblem): object {
  return { file: p.file, line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message };
}
