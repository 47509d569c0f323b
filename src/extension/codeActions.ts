import * as path from 'node:path';
import * as vscode from 'vscode';
import { versioningOf } from '../core/ecosystems';
import { offeredMigrations } from '../core/migrate/targets';
import type { Finding } from '../core/scan';
import type { CatalogService } from './catalogService';
import { SOURCE, toRange } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { feedbackCodeActions } from './feedback/entryPoints';
import type { MigrationRequest } from './migrations';
import { findingSelector } from './selectors';

/** Ecosystems whose lockfile a command refreshes after an upgrade (src/core/ecosystems/lockCommands.ts). */
const LOCKED = new Set(['npm', 'pypi', 'helm', 'terraform']);

/** A definition used by many manifests offers a migration for the first few; the CLI runs them all. */
const MAX_MIGRATION_MANIFESTS = 5;

export const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('platformGuide');

/** What the exception command needs, carried in the code action itself. */
export interface ExceptionRequest {
  readonly manifest: string;
  readonly version: number;
  readonly component: string;
  readonly constraint: string | null;
  /**
   * The manifests it covers (POSIX, relative to the folder) when not `manifest` alone: a version
   * defined here for other files (a parent pom's property) is excepted where it is used.
   */
  readonly paths?: readonly string[];
  /** Answers given in advance (automation, tests); the user is asked for whatever is missing. */
  readonly reason?: string;
  readonly until?: string;
}

/**
 * Quick fixes on Platform Guide diagnostics: the upgrade that keeps the constraint's style
 * (preferred), the catalog's migrations whose `from` holds the version, a time-boxed exception, and
 * `source.fixAll.platformGuide` for a whole file.
 */
export function registerCodeActions(catalogs: CatalogService, diagnostics: DiagnosticsController): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    // Also where a version that manifests use is defined (gradle.properties): its findings are there.
    findingSelector(),
    {
      provideCodeActions(doc, _range, context) {
        const findings = diagnostics.findingsFor(doc.uri);
        const actions: vscode.CodeAction[] = [];
        const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
        if (wants(vscode.CodeActionKind.QuickFix)) {
          const ours = context.diagnostics.filter((d) => d.source === SOURCE);
          for (const diagnostic of ours) {
            const finding = findings.find((f) => toRange(f.range).isEqual(diagnostic.range));
            if (!finding || !isCurrent(doc, finding)) continue; // stale: the text moved on since
            const upgrade = upgradeAction(doc, [finding]);
            if (upgrade) {
              upgrade.diagnostics = [diagnostic];
              upgrade.isPreferred = true;
              actions.push(upgrade);
            } else {
              const refused = refusedUpgrade(finding);
              if (refused) actions.push(refused);
            }
            actions.push(...migrateActions(catalogs, doc, finding, diagnostic));
            const request: ExceptionRequest = {
              manifest: doc.uri.toString(),
              version: doc.version,
              component: finding.component,
              constraint: finding.constraint,
              ...(finding.usedBy ? { paths: [...new Set([finding.file, ...finding.usedBy.map((u) => u.file)])] } : {}),
            };
            const exception = new vscode.CodeAction(`Add a time-boxed exception for ${finding.component}`, vscode.CodeActionKind.QuickFix);
            exception.diagnostics = [diagnostic];
            exception.command = { command: 'platformGuide.addException', title: exception.title, arguments: [request] };
            actions.push(exception);
            actions.push(...feedbackCodeActions(catalogs, doc, finding, diagnostic));
          }
        }
        // Source actions only when asked for (on save or by command), never in the light bulb.
        if (context.only && wants(FIX_ALL)) {
          const all = upgradeAction(doc, findings.filter((f) => isCurrent(doc, f)), FIX_ALL);
          if (all) actions.push(all);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL] },
  );
}

/**
 * `Migrate <component>: <title>` for each migration whose `from` holds the finding's version, on any
 * of our findings, hints (excepted uses) included: an exception defers the move, the migration is
 * still the way out. Not offered for a catalog the untrusted workspace supplies itself.
 */
function migrateActions(catalogs: CatalogService, doc: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return [];
  const { catalog, workspaceDefined } = catalogs.forFolder(folder);
  const component = catalog?.components.find((c) => c.id === finding.component);
  if (!component) return [];
  // A migration runs for the manifest that uses the component; for a version defined here for other
  // files (a parent pom's property), for each of those (its bump edits the definition here).
  const manifests = finding.usedBy ? [...new Set(finding.usedBy.map((u) => u.file))].slice(0, MAX_MIGRATION_MANIFESTS) : [undefined];
  return offeredMigrations(finding, component, { trusted: vscode.workspace.isTrusted, workspaceDefined }).flatMap((m) =>
    manifests.map((file) => {
      const action = new vscode.CodeAction(`Migrate ${component.id}: ${m.title}${file ? ` in ${file}` : ''}`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      const manifest = file ? vscode.Uri.joinPath(folder.uri, file) : doc.uri;
      const request: MigrationRequest = { manifest: manifest.toString(), component: component.id, migration: m.id };
      action.command = { command: 'platformGuide.runMigration', title: action.title, arguments: [request] };
      return action;
    }),
  );
}

/**
 * The upgrade that the version syntax refuses for a reason the user should hear (a Go module
 * crossing a major changes its path: a rename), shown greyed out with that reason rather than
 * silently missing.
 */
function refusedUpgrade(f: Finding): vscode.CodeAction | undefined {
  if (!f.recommended || f.constraint === null) return undefined;
  const reason = versioningOf(f.ecosystem).whyNotBumped?.(f.constraint, f.recommended);
  if (!reason) return undefined;
  const action = new vscode.CodeAction(`Upgrade ${f.package} to ${f.recommended}`, vscode.CodeActionKind.QuickFix);
  action.disabled = { reason };
  return action;
}

/** The finding still describes the text: the version text is where and what it was. */
function isCurrent(doc: vscode.TextDocument, f: Finding): boolean {
  return f.constraint !== null && doc.getText(toRange(f.range)) === f.constraint;
}

function upgradeAction(doc: vscode.TextDocument, findings: readonly Finding[], kind = vscode.CodeActionKind.QuickFix): vscode.CodeAction | undefined {
  const edit = new vscode.WorkspaceEdit();
  const titles: string[] = [];
  for (const f of findings) {
    // The finding's own version syntax keeps the text's style (`^3.1.0` → `^4.2.0`, `v3` → `v4`).
    const to = f.recommended && f.constraint !== null ? versioningOf(f.ecosystem).bump(f.constraint, f.recommended) : undefined;
    if (!to || to === f.constraint) continue;
    edit.replace(doc.uri, toRange(f.range), to);
    titles.push(`Upgrade ${f.package} to ${to}`);
  }
  if (titles.length === 0) return undefined;
  const file = `${path.basename(path.dirname(doc.uri.fsPath))}/${path.basename(doc.uri.fsPath)}`;
  const action = new vscode.CodeAction(kind === FIX_ALL ? `Upgrade every flagged platform dependency of ${file}` : titles[0]!, kind);
  action.edit = edit;
  // After the edit: offer to bring the lockfile along (trusted workspaces only; the command checks).
  // The command knows npm's package managers, uv, Poetry, Helm and Terraform; other files have none.
  // No arguments: VS Code keeps a code action's arguments only while its list of actions lives, and
  // the re-evaluation that follows the edit can replace that list before the command runs. The
  // command takes the document the edit was applied in, the active one.
  if (findings.some((f) => LOCKED.has(f.ecosystem))) {
    action.command = { command: 'platformGuide.runPackageManager', title: 'Update the lockfile' };
  }
  return action;
}
