import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogService } from './catalogService';
import type { DiagnosticsController } from './diagnostics';

const NPM_FILES = '**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,pnpm-workspace.yaml}';
const SETTLE_MS = 300;

/**
 * Keeps diagnostics fresh as files change on disk: manifests and lockfiles rescan the workspace;
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

  let catalogWatchers: vscode.Disposable[] = [];
  const watchCatalogFiles = () => {
    for (const d of catalogWatchers) d.dispose();
    catalogWatchers = catalogs.localFiles().map((file) => watch(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)), reload));
  };
  watchCatalogFiles();
  return vscode.Disposable.from(
    watch(NPM_FILES, rescan),
    watch('**/.platform-guide.yaml', reload),
    catalogs.onDidChange(watchCatalogFiles),
    { dispose: () => catalogWatchers.forEach((d) => d.dispose()) },
  );
}
