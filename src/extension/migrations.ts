import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Component, Migration, MigrationStep } from '../core/catalog/model';
import { migrationAllowed } from '../core/migrate/targets';
import type { MigrationPlan, Skipped } from '../core/migrate';
import { lazyBundle } from './lazy';

/** The planner is bundled apart (dist/migrate.js) and loaded on the first migration. */
const engine = lazyBundle<typeof import('./migrationEngine')>('migrate.js');
import type { CatalogService } from './catalogService';
import { toRange } from './convert';
import { MigrationPreviews } from './migrationPreview';

/** What the quick fix carries: which migration, for which manifest. The catalog is looked up again when it runs. */
export interface MigrationRequest {
  /** The manifest's URI. */
  readonly manifest: string;
  readonly component: string;
  readonly migration: string;
}

/** `platformGuide.planMigration`'s answer: the plan, kept under `id` until it is applied. */
export interface PlannedMigration {
  readonly id: string;
  readonly manifest: string;
  readonly files: MigrationPlan['files'];
  readonly skipped: readonly Skipped[];
}

export type MigrationOutcome =
  | { readonly applied: true; readonly summary: string; readonly files: readonly string[]; readonly changes: number; readonly skipped: readonly Skipped[] }
  | { readonly applied: false; readonly reason: 'outdated'; readonly files: readonly string[]; readonly message: string }
  | { readonly applied: false; readonly reason: 'nothing-to-do' | 'cancelled' | 'refused'; readonly message: string };

interface Kept {
  readonly folder: vscode.WorkspaceFolder;
  readonly manifest: vscode.Uri;
  readonly request: MigrationRequest;
  readonly plan: MigrationPlan;
}

/** Plans nobody applied are dropped oldest first: each holds the text of every file it touches. */
const MAX_KEPT = 8;

/**
 * Catalog migrations in the editor. Planning and applying are two internal commands so that what
 * lies between them (the preview, a person typing) is real: the apply step refuses a plan
 * whose files no longer hold the text it was made against. The quick fix runs both.
 */
export function registerMigrations(catalogs: CatalogService, log: vscode.LogOutputChannel): vscode.Disposable {
  const kept = new Map<string, Kept>();
  const previews = new MigrationPreviews();

  const plan = (request: MigrationRequest): PlannedMigration | MigrationOutcome => {
    const manifest = vscode.Uri.parse(request.manifest);
    const folder = vscode.workspace.getWorkspaceFolder(manifest);
    const found = folder && findMigration(catalogs, folder, request);
    if (!folder || !found) return refused(`the migration ${request.component}/${request.migration} is not in the catalogs of this workspace (any more)`);
    const { component, migration } = found;
    const { config, workspaceDefined } = catalogs.forFolder(folder);
    // The quick fix is not offered then, but a command can be called by other means.
    if (!migrationAllowed(component, { trusted: vscode.workspace.isTrusted, workspaceDefined })) {
      return refused(`${migration.title} comes from a catalog in this workspace, which is not trusted; trust the workspace to run it`);
    }
    const root = folder.uri.fsPath;
    const rel = path.relative(root, manifest.fsPath).split(path.sep).join('/');
    // Plan against what the user sees: the text of open editors, saved or not.
    const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
    const started = Date.now();
    const result = engine().planMigration({
      root,
      manifest: rel,
      component,
      migration,
      readText: (file) => open.get(vscode.Uri.joinPath(folder.uri, file).fsPath)?.getText(),
      exclude: config?.exclude ?? [],
    });
    const changes = countEdits(result);
    log.info(`planned ${component.id}/${migration.id} for ${rel} in ${Date.now() - started} ms: ${changes} change(s) in ${result.files.length} file(s), ${result.skipped.length} skipped`);
    for (const s of result.skipped) log.warn(`${migration.title}: skipped ${s.file}: ${s.reason}`);
    const id = randomUUID();
    kept.set(id, { folder, manifest, request, plan: result });
    for (const old of [...kept.keys()].slice(0, Math.max(0, kept.size - MAX_KEPT))) kept.delete(old);
    return { id, manifest: rel, files: result.files, skipped: result.skipped };
  };

  const apply = async (id: string, preview: boolean): Promise<MigrationOutcome> => {
    const k = kept.get(id);
    kept.delete(id); // a plan is applied at most once; a refusal asks for a new one
    if (!k) return refused('this migration plan is unknown or was already used; run the migration again');
    const { folder, plan: p } = k;
    const where = packageLabel(folder, k.manifest);
    if (p.files.length === 0) {
      const message = `Platform Guide: ${p.migration.title} has nothing to change in ${where}${p.skipped.length ? `; ${p.skipped.length} skipped (see the log)` : ''}.`;
      void vscode.window.showInformationMessage(message);
      return { applied: false, reason: 'nothing-to-do', message };
    }
    if (preview && !(await previews.confirm(id, folder, p, where))) {
      const message = `Platform Guide: ${p.migration.title} was not applied in ${where}: discarded in the preview.`;
      log.info(message);
      return { applied: false, reason: 'cancelled', message };
    }
    // Checked after the preview too: the person may have typed in a file while reading it.
    const outdated = await outdatedFiles(folder, p);
    if (outdated.length > 0) {
      const message = `Platform Guide: ${outdated.join(', ')} changed since ${p.migration.title} was planned; nothing was changed. Try the migration again.`;
      log.warn(message);
      void vscode.window.showWarningMessage(message, 'Try Again').then((pick) => pick && vscode.commands.executeCommand('platformGuide.runMigration', k.request));
      return { applied: false, reason: 'outdated', files: outdated, message };
    }
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(folder, p), { isRefactoring: true });
    if (!applied) {
      const message = `Platform Guide: ${p.migration.title} was not applied in ${where}: the editor refused the edit.`;
      log.warn(message);
      return { applied: false, reason: 'cancelled', message };
    }
    return finish(k, log);
  };

  return vscode.Disposable.from(
    previews,
    vscode.commands.registerCommand('platformGuide.planMigration', (request: MigrationRequest) => plan(request)),
    vscode.commands.registerCommand('platformGuide.applyMigration', (args: { id: string; preview?: boolean }) => apply(args.id, args.preview !== false)),
    vscode.commands.registerCommand('platformGuide.runMigration', async (request: MigrationRequest & { preview?: boolean }) => {
      const planned = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Platform Guide: planning ${request.component}/${request.migration}` },
        async () => plan(request),
      );
      if (!('id' in planned)) return planned;
      return apply(planned.id, request.preview !== false);
    }),
  );
}

function refused(why: string): MigrationOutcome {
  const message = `Platform Guide: ${why}.`;
  void vscode.window.showWarningMessage(message);
  return { applied: false, reason: 'refused', message };
}

function findMigration(catalogs: CatalogService, folder: vscode.WorkspaceFolder, request: MigrationRequest): { component: Component; migration: Migration } | undefined {
  const component = catalogs.forFolder(folder).catalog?.components.find((c) => c.id === request.component);
  const migration = component?.migrations.find((m) => m.id === request.migration);
  return component && migration ? { component, migration } : undefined;
}

/** Files whose text now (the open document's, else the disk's) is not the text planned against. */
async function outdatedFiles(folder: vscode.WorkspaceFolder, plan: MigrationPlan): Promise<string[]> {
  const out: string[] = [];
  for (const f of plan.files) {
    const uri = vscode.Uri.joinPath(folder.uri, f.file);
    // By the whole URI: the preview's planned text is open under the same path in its own scheme.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const now = doc ? doc.getText() : await fs.readFile(uri.fsPath, 'utf8').catch(() => undefined);
    // An editor's text never holds the byte-order mark; the disk's may.
    if (now === undefined || engine().splitBom(now).body !== engine().splitBom(f.before).body) out.push(f.file);
  }
  return out;
}

/**
 * One WorkspaceEdit: one undo step. Each change carries the step that made it (its label names the
 * step in the undo history and in the editor's own lists of the edit).
 */
function toWorkspaceEdit(folder: vscode.WorkspaceFolder, plan: MigrationPlan): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const meta = new Map<number, vscode.WorkspaceEditEntryMetadata>();
  const metaOf = (step: number) => {
    let m = meta.get(step);
    if (!m) meta.set(step, (m = { needsConfirmation: false, ...describeStep(plan, step) }));
    return m;
  };
  for (const f of plan.files) {
    const uri = vscode.Uri.joinPath(folder.uri, f.file);
    f.edits.forEach((e, i) => edit.replace(uri, toRange(e.range), e.newText, metaOf(f.stepOf[i] ?? 0)));
  }
  return edit;
}

/** The preview's name for a step. Catalog text, shown as plain text by the preview. */
function describeStep(plan: MigrationPlan, step: number): { label: string; description: string } {
  const { migration, component } = plan;
  const total = migration.steps.length;
  if (step === 0) return { label: `${migration.title}: bump to ${migration.to}`, description: `every package of ${component.id} in the manifest` };
  const s: MigrationStep | undefined = migration.steps[step - 1];
  const label = `${migration.title}: step ${step} of ${total}`;
  if (!s) return { label, description: '' };
  const files = s.kind === 'rename' ? 'manifest' : s.files.join(', ');
  const what =
    s.kind === 'rename'
      ? `rename ${s.from} → ${s.to}`
      : s.kind === 'json'
        ? `JSON: ${[...Object.keys(s.set).map((k) => `set ${k}`), ...s.remove.map((k) => `remove ${k}`)].join(', ')}`
        : s.regex !== undefined
          ? `replace /${s.regex}/ with ${s.with}`
          : `replace ${s.find ?? ''} with ${s.with}`;
  return { label, description: clip(`${what} (${files})`) };
}

/** After a successful apply: what was done, the skipped in the log, the guide, the lockfile. */
async function finish(k: Kept, log: vscode.LogOutputChannel): Promise<MigrationOutcome> {
  const { folder, plan: p, manifest } = k;
  const where = packageLabel(folder, manifest);
  const changes = countEdits(p);
  const summary =
    `Migrated ${p.component.id} in ${where}: ${changes} change${changes === 1 ? '' : 's'} in ${p.files.length} file${p.files.length === 1 ? '' : 's'}; ` +
    `${p.skipped.length} skipped`;
  log.info(`${summary} (${p.migration.title})`);
  const buttons = [...(p.skipped.length ? ['Show Skipped'] : []), ...(p.migration.guide && /^https:\/\//i.test(p.migration.guide) ? ['Open Guide'] : [])];
  void vscode.window.showInformationMessage(`Platform Guide: ${summary}.`, ...buttons).then((pick) => {
    if (pick === 'Show Skipped') log.show(true);
    if (pick === 'Open Guide' && p.migration.guide) void vscode.env.openExternal(vscode.Uri.parse(p.migration.guide));
  });
  // The lockfile follows only through the package manager (trusted workspaces only; the command checks).
  if (p.files.some((f) => f.file === p.manifest)) void vscode.commands.executeCommand('platformGuide.runPackageManager', manifest.toString());
  return { applied: true, summary, files: p.files.map((f) => f.file), changes, skipped: p.skipped };
}

function countEdits(plan: MigrationPlan): number {
  return plan.files.reduce((n, f) => n + f.edits.length, 0);
}

/** `apps/web`, or the folder's name for a manifest at its root. */
function packageLabel(folder: vscode.WorkspaceFolder, manifest: vscode.Uri): string {
  const dir = path.relative(folder.uri.fsPath, path.dirname(manifest.fsPath)).split(path.sep).join('/');
  return dir === '' ? folder.name : dir;
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
