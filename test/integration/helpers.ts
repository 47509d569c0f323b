// Shared by the integration suites (bundled into each test file).
import * as vscode from 'vscode';

/** Polls until `probe` returns something truthy: the editor delivers diagnostics and activation
 *  asynchronously (about a second after they are set), so a fixed sleep would be either slow or flaky. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The diagnostics on `uri` with the given source (other extensions add their own). */
export function diagnosticsFrom(uri: vscode.Uri, source: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder;
}

/** Platform Guide's exported API, once the extension is active. */
export interface PlatformGuideApi {
  settled(): Promise<void>;
  catalogState(): { kind: string; fetchedAt?: number; problems?: number };
}

export async function platformGuide(): Promise<PlatformGuideApi> {
  const ext = vscode.extensions.getExtension<PlatformGuideApi>('platform-guide.platform-guide');
  if (!ext) throw new Error('Platform Guide is not installed in this window');
  const api = await ext.activate();
  await api.settled();
  return api;
}

export function fileIn(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...parts);
}

/** Sets a user-level (global) setting, as a person would in their settings. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
}

/** Drops unsaved changes of a document, as File: Revert does for the active editor. */
export async function revert(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** Platform Guide's hover at a place, as a person reads it (no-break spaces and markdown escapes undone). */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .filter((t) => t.includes('Owner:'))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|>])/g, '$1');
}
