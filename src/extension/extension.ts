import * as vscode from 'vscode';
import { CatalogService, type CatalogState } from './catalogService';
import { registerCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { DiagnosticsController } from './diagnostics';
import { registerFeedback, type FeedbackApi } from './feedback/register';
import { registerHover } from './hover';
import { registerMigrations } from './migrations';
import { registerPlatformView } from './platformView';
import { RemoteCatalogs } from './remoteCatalogs';
import { ScanClient } from './scanClient';
import { registerStatusBar } from './statusBar';
import { registerWatchers } from './watchers';

/** What the extension exports: lets tests and other extensions wait for a settled state. */
export interface PlatformGuideApi extends FeedbackApi {
  /** Resolves when catalogs are loaded and every folder is scanned (again, after any change). */
  settled(): Promise<void>;
  catalogState(): CatalogState;
}

export function activate(context: vscode.ExtensionContext): PlatformGuideApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Platform Guide', { log: true });
  const remote = new RemoteCatalogs(context.globalStorageUri, context.secrets, log);
  // One worker thread parses catalogs and scans folders, off the extension host's event loop.
  const worker = new ScanClient();
  const catalogs = new CatalogService(remote, log, (ref, text) => worker.parseCatalog(ref, text));
  const diagnostics = new DiagnosticsController(catalogs, log, worker);
  const feedback = registerFeedback(context, catalogs, diagnostics, log);

  context.subscriptions.push(
    log,
    catalogs,
    diagnostics,
    registerHover(catalogs, diagnostics),
    registerCodeActions(catalogs, diagnostics),
    registerMigrations(catalogs, log),
    registerPlatformView(catalogs, diagnostics),
    registerStatusBar(catalogs, diagnostics),
    registerCommands(catalogs, remote, log),
    registerWatchers(catalogs, diagnostics),
    feedback.disposable,
    // Any catalog change, and every reload, re-evaluates everything.
    catalogs.onDidChange(() => void diagnostics.rescanAll()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('platformGuide') && void catalogs.reload()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void catalogs.reload()),
  );
  // Loading happens after activation returns: activation itself stays cheap.
  void catalogs.reload();
  log.info(`activated in ${Date.now() - started} ms`);
  return {
    settled: async () => {
      await catalogs.idle();
      await diagnostics.idle();
    },
    catalogState: () => catalogs.state,
    ...feedback.api,
  };
}

export function deactivate(): void {}
