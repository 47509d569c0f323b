import * as path from 'node:path';
import * as vscode from 'vscode';
import { daysBetween } from '../core/dates';
import { locateUses } from '../core/ecosystems';
import { usedByNote, type Finding } from '../core/scan';
import type { LocatedDependency } from '../core/types';
import type { CatalogService } from './catalogService';
import { appendFeedbackLink } from './feedback/entryPoints';
import { SEND_FEEDBACK } from './feedback/prefill';
import { today as todayDate, type DiagnosticsController } from './diagnostics';
import { findingSelector } from './selectors';

/**
 * Hover on a platform dependency: who owns it and what to do. Every text that comes from a catalog
 * is appended with `appendText`, so it is shown as typed: no links, no HTML, no command links.
 */
export function registerHover(catalogs: CatalogService, diagnostics: DiagnosticsController): vscode.Disposable {
  // Also where a version that manifests use is defined (gradle.properties): its findings are there.
  return vscode.languages.registerHoverProvider(findingSelector(), {
    provideHover(doc, position) {
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      const scanner = folder && diagnostics.scannerFor(folder);
      const catalog = folder && catalogs.forFolder(folder).catalog;
      if (!folder || !scanner || !catalog) return undefined;
      // Every ecosystem that reads this file; none (and no hover) for a file no module reads.
      const uses = locateUses(path.relative(folder.uri.fsPath, doc.uri.fsPath).split(path.sep).join('/'), doc.getText());
      const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
        new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      const dep = uses.find((d) => at(d.range).contains(position) || at(d.nameRange).contains(position)) ?? definitionAt(diagnostics.findingsFor(doc.uri), position, at);
      const component = dep && scanner.componentOf(dep.ecosystem, dep.name);
      if (!dep || !component) return undefined;
      const finding = diagnostics
        .findingsFor(doc.uri)
        .find((f) => f.ecosystem === dep.ecosystem && f.package === dep.name && f.range.start.line === dep.range.start.line && f.range.start.character === dep.range.start.character);
      const team = catalog.teams.get(component.owner);
      const today = todayDate();

      const md = new vscode.MarkdownString(undefined, false);
      // Trusts one command only, our own feedback link below; catalog text never forms links.
      md.isTrusted = { enabledCommands: [SEND_FEEDBACK] };
      md.supportHtml = false;
      const line = (label: string, text: string) => {
        md.appendMarkdown(`**${label}:** `);
        md.appendText(text);
        md.appendMarkdown('  \n');
      };
      md.appendMarkdown('### ');
      md.appendText(component.name);
      md.appendMarkdown('\n\n');
      if (component.description) {
        md.appendText(component.description);
        md.appendMarkdown('\n\n');
      }
      line('Owner', team ? `${team.name}${team.contact ? ` (${team.contact})` : ''}` : component.owner);
      const status = finding ? `${component.lifecycle === 'deprecated' ? 'deprecated component' : 'deprecated version'} (${finding.severity})` : component.lifecycle === 'deprecated' ? 'deprecated' : `${component.lifecycle}: this version is supported`;
      line('Status', status);
      // VS Code shows the diagnostic's full message above the hover: here each fact once, on its own line.
      if (finding) line('Why', finding.reason);
      if (finding?.usedBy) line('Used by', usedByNote(finding, 10).replace(/^used by /, ''));
      if (finding?.sunset) {
        const days = daysBetween(today, finding.sunset);
        line('Sunset', days > 0 ? `${finding.sunset}, in ${days} day${days === 1 ? '' : 's'}` : days === 0 ? `${finding.sunset}, today` : `${finding.sunset}, ${-days} days ago`);
      }
      if (finding?.resolvedFrom === 'lockfile' && finding.resolved) line('Locked at', finding.resolved);
      else if (dep.resolved !== undefined && dep.constraint !== null) line('Pinned', pinned(dep.constraint, dep.resolved, finding !== undefined));
      if (component.recommended) line('Recommended', component.recommended);
      const migration = component.migrations.find((m) => m.id === finding?.migration);
      if (migration) line('Migration', `${migration.title}${migration.guide ? ` — guide: ${migration.guide}` : ''}`);
      if (finding?.exception) {
        const e = finding.exception;
        line('Exception', `${e.expired ? 'expired on' : 'until'} ${e.until}${e.by ? `, approved by ${e.by}` : ''}: ${e.reason}`);
      }
      if (component.docs) line('Docs', component.docs);
      appendFeedbackLink(md, catalogs, folder, component.owner, { manifest: doc.uri.toString(), package: dep.name, line: dep.range.start.line });
      return new vscode.Hover(md, at(dep.range.start.line === dep.nameRange.start.line ? { start: dep.nameRange.start, end: dep.range.end } : dep.range));
    },
  });
}

/**
 * A version defined here for other files (a parent pom's property that this pom does not use
 * itself, a gradle.properties value): no use of this file stands there, its finding does; the
 * hover is the one of the uses it stands for.
 */
function definitionAt(findings: readonly Finding[], position: vscode.Position, at: (r: Finding['range']) => vscode.Range): LocatedDependency | undefined {
  const f = findings.find((x) => x.usedBy && at(x.range).contains(position));
  return f && { ecosystem: f.ecosystem, name: f.package, constraint: f.constraint, section: 'definition', key: f.package, range: f.range, nameRange: f.range };
}

/**
 * A use pinned to an exact ref whose version only its comment states (`@<sha> # v3.2.0`). No
 * upgrade is offered for it (a bump would drop the pin), so the hover says what to do instead.
 */
function pinned(ref: string, version: string, flagged: boolean): string {
  const what = /^[0-9a-f]{40}$/i.test(ref) ? `commit ${ref.slice(0, 7)}…` : ref;
  return `${what} (${version}, from its comment)${flagged ? '. Update the pin and its comment together: no one-click upgrade drops a pin.' : ''}`;
}
