import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogService } from './catalogService';
import type { DiagnosticsController } from './diagnostics';
import { watchedPatterns } from './selectors';
const SETTLE_MS = 300;
/** Long enough for a new file watcher to be listening, short enough for a person not to notice. */
const WATCH_READY_MS = 1500;

/**
 * Keeps diagnostics fresh as files change on disk: manifests and lockfiles of every registered
 * ecosystem (the registry's globs) rescan the workspace;
 * `.platform-guide.yaml` and local catalog files reload the catalogs (which rescans too).
 */
export function registerWatchers(catalogs: CatalogService, diagnostics: DiagnosticsController): vscode.Disposable {
  const debounced = (run: () => void) => {
    let timer: NodeJS.Timeout | undefined;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(run, SETTLE_MS);
    };
  };
  const rescan = debounced(() => void diagnostics.rescanAll());
  const reload = debounced(() => void catalogs.reload());
  const watch = (pattern: vscode.GlobPattern, then: () => void) => {
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    return vscode.Disposable.from(w, w.onDidChange(then), w.onDidCreate(then), w.onDidDelete(then));
  };

  // One watcher per local catalog file, kept across reloads: recreating them on every reload
  // would leave a moment in which a write goes unseen.
  const catalogWatchers = new Map<string, vscode.Disposable>();
  const pending = new Set<NodeJS.Timeout>();
  const watchCatalogFiles = () => {
    const wanted = new Set(catalogs.localFiles());
    for (const [file, watcher] of catalogWatchers) {
      if (!wanted.has(file)) {
        watcher.dispose();
        catalogWatchers.delete(file);
      }
    }
    for (const file of wanted) {
      if (!catalogWatchers.has(file)) {
        catalogWatchers.set(file, watch(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)), reload));
        // The watcher listens a moment after this call: a write in between is found by comparing.
        const check = setTimeout(() => {
          pending.delete(check);
          void catalogs.checkFile(file);
        }, WATCH_READY_MS);
        pending.add(check);
      }
    }
  };
  watchCatalogFiles();
  return vscode.Disposable.from(
    ...watchedPatterns().map((pattern) => watch(pattern, rescan)),
    watch('**/.platform-guide.yaml', reload),
    catalogs.onDidChange(watchCatalogFiles),
    { dispose: () => catalogWatchers.forEach((d) => d.dispose()) },
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
  );
}
