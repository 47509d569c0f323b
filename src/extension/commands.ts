import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { REPO_CONFIG_FILE } from '../core/catalog';
import { daysBetween, isDate } from '../core/dates';
import { locateUses } from '../core/ecosystems';
import { lockCommandFor } from '../core/ecosystems/lockCommands';
import type { Ecosystem } from '../core/types';
import { addException } from '../core/repoConfigEdit';
import type { CatalogService } from './catalogService';
import type { ExceptionRequest } from './codeActions';
import { toRange } from './convert';
import { today as todayDate } from './diagnostics';
import type { RemoteCatalogs } from './remoteCatalogs';

export function registerCommands(catalogs: CatalogService, remote: RemoteCatalogs, log: vscode.LogOutputChannel): vscode.Disposable {
  const register = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    register('platformGuide.refreshCatalogs', () => catalogs.reload(true)),
    register('platformGuide.showLog', () => log.show()),
    register('platformGuide.configureCatalogs', () => vscode.commands.executeCommand('workbench.action.openSettings', 'platformGuide.catalogs')),
    register('platformGuide.setCatalogToken', async () => {
      const token = await vscode.window.showInputBox({
        title: 'Platform Guide: catalog token',
        prompt: 'A bearer token sent with requests for remote catalogs. It is kept in the secret storage, never in settings.',
        password: true,
        ignoreFocusOut: true,
      });
      if (!token) return;
      await remote.setToken(token);
      void vscode.window.showInformationMessage('Platform Guide: the catalog token is saved.');
      await catalogs.reload(true);
    }),
    register('platformGuide.clearCatalogToken', async () => {
      await remote.setToken(undefined);
      void vscode.window.showInformationMessage('Platform Guide: the catalog token is removed.');
    }),
    register('platformGuide.addException', (request: ExceptionRequest) => addExceptionCommand(request, log)),
    // From a quick fix without arguments (see codeActions.ts): the document the edit was applied in.
    register('platformGuide.runPackageManager', (manifest?: string) => {
      const uri = manifest ? vscode.Uri.parse(manifest) : vscode.window.activeTextEditor?.document.uri;
      return uri ? runPackageManager(uri) : undefined;
    }),
    register('platformGuide.openUse', openUse),
  );
}

/** Asks for a reason and an end date, then writes the exception into `.platform-guide.yaml` as one undoable edit. */
async function addExceptionCommand(request: ExceptionRequest, log: vscode.LogOutputChannel): Promise<void> {
  const manifest = vscode.Uri.parse(request.manifest);
  const folder = vscode.workspace.getWorkspaceFolder(manifest);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === request.manifest);
  if (!folder) return;
  if (doc && doc.version !== request.version) {
    void vscode.window.showWarningMessage('Platform Guide: the file changed since this fix was offered. Try the quick fix again.');
    return;
  }
  const today = todayDate();
  const validUntil = (v: string) => (!isDate(v) ? 'A date as YYYY-MM-DD.' : daysBetween(today, v) < 0 ? 'The date must not be in the past.' : undefined);
  const reason = request.reason ?? await vscode.window.showInputBox({
    title: `Exception for ${request.component} (1/2)`,
    prompt: 'Why can this repository not move yet? Name the blocker and a ticket.',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'A reason is required: the owning team reads it.' : undefined),
  });
  if (!reason?.trim()) return;
  const until = request.until !== undefined && !validUntil(request.until) ? request.until : await vscode.window.showInputBox({
    title: `Exception for ${request.component} (2/2)`,
    prompt: 'Until when (YYYY-MM-DD)? Exceptions are time-boxed.',
    value: addDays(today, 90),
    ignoreFocusOut: true,
    validateInput: validUntil,
  });
  if (!until) return;
  const manifestPath = path.relative(folder.uri.fsPath, manifest.fsPath).split(path.sep).join('/');
  const configUri = vscode.Uri.joinPath(folder.uri, REPO_CONFIG_FILE);
  const exists = fs.existsSync(configUri.fsPath);
  const configDoc = exists ? await vscode.workspace.openTextDocument(configUri) : undefined;
  let text: string;
  try {
    // A definition's exception covers the manifests that use it (they are what is evaluated).
    const paths = request.paths?.filter((p): p is string => typeof p === 'string' && p !== '') ?? [];
    text = addException(configDoc?.getText(), { component: request.component, paths: paths.length > 0 ? paths : [manifestPath], until, reason: reason.trim() });
  } catch (e) {
    log.error(`${configUri.fsPath}: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(`Platform Guide: ${(e as Error).message}`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  if (configDoc) edit.replace(configUri, new vscode.Range(0, 0, configDoc.lineCount, 0), text);
  else {
    edit.createFile(configUri, { ignoreIfExists: true });
    edit.insert(configUri, new vscode.Position(0, 0), text);
  }
  if (await vscode.workspace.applyEdit(edit)) {
    const saved = await vscode.workspace.openTextDocument(configUri);
    await saved.save();
  }
}

/** After an upgrade, offers to run the package manager so the lockfile follows (npm, yarn, pnpm, uv, Poetry, Helm). Trusted workspaces only. */
async function runPackageManager(manifest: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  const folder = vscode.workspace.getWorkspaceFolder(manifest);
  if (!folder) return;
  const relative = path.relative(folder.uri.fsPath, manifest.fsPath).split(path.sep).join('/');
  const found = lockCommandFor(relative, (rel) => fs.existsSync(path.join(folder.uri.fsPath, rel)));
  if (!found) return;
  const { lockfile, command } = found;
  const dir = path.join(folder.uri.fsPath, found.dir);
  const pick = await vscode.window.showInformationMessage(`Update ${lockfile}: run \`${command}\` in ${found.dir || folder.name}?`, `Run ${command}`);
  if (!pick) return;
  await vscode.workspace.textDocuments.find((d) => d.uri.toString() === manifest.toString())?.save();
  const task = new vscode.Task({ type: 'shell' }, folder, command, 'Platform Guide', new vscode.ShellExecution(command, { cwd: dir }));
  await vscode.tasks.executeTask(task);
}

/** Opens a manifest at the dependency on a package (the Platform view's items). */
async function openUse(manifest: string, pkg: string, ecosystem?: Ecosystem): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(manifest));
  const dep = locateUses(vscode.workspace.asRelativePath(doc.uri, false), doc.getText()).find((d) => d.name === pkg && (ecosystem === undefined || d.ecosystem === ecosystem));
  await vscode.window.showTextDocument(doc, dep ? { selection: toRange(dep.range) } : {});
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
