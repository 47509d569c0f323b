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
