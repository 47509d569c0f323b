import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog';
import type { Range } from '../core/positions';
import { findingMessage, type Finding } from '../core/scan';
import { docsLink } from './diagnosticsFingerprint';
import type { Severity } from '../core/types';

export const SOURCE = 'Platform Guide';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, folder: vscode.Uri, catalog: Catalog | undefined): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(finding.range), findingMessage(finding), SEVERITY[finding.severity]);
  d.source = SOURCE;
  const link = docsLink(finding, catalog);
  d.code = link ? { value: finding.component, target: vscode.Uri.parse(link) } : finding.component;
  d.tags = [vscode.DiagnosticTag.Deprecated];
  const related: vscode.DiagnosticRelatedInformation[] = [];
  if (finding.lockfile) {
    related.push(
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.joinPath(folder, finding.lockfile.file), toRange(finding.lockfile.range)),
        `${finding.package} is locked at ${finding.resolved ?? '?'} here`,
      ),
    );
  }
  // A version defined here for other files (a parent pom's property): each use, one click away.
  for (const u of finding.usedBy ?? []) {
    related.push(new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.joinPath(folder, u.file), toRange(u.range)), `${finding.package} takes this version here`));
  }
  if (related.length > 0) d.relatedInformation = related;
  return d;
}
