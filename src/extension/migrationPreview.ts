import * as vscode from 'vscode';
import type { MigrationPlan } from '../core/migrate';

/** The planned texts are served under this scheme, read-only, to the diff editor. */
export const PLAN_SCHEME = 'platform-guide-plan';

/**
 * The preview of a migration before it is applied: VS Code's multi-file diff editor with every
 * planned change (the file as it is now on the left, as the migration leaves it on the right), and
 * one question with Apply and Discard. Everything shown is applied: there is nothing to tick.
 * (VS Code's Refactor Preview opens an extension's edits unticked, so its Apply alone changes
 * nothing: the wrong default for a change the person already asked for.)
 */
export class MigrationPreviews implements vscode.Disposable {
  /** Planned texts by the URI they are served under, while their preview is open. */
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private provider: vscode.Disposable | undefined;

  /** Opens the preview and resolves true when the person chose Apply. */
  async confirm(id: string, folder: vscode.WorkspaceFolder, plan: MigrationPlan, where: string): Promise<boolean> {
    this.provider ??= vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.texts.get(uri.toString()) ?? '',
    });
    const changes = plan.files.reduce((n, f) => n + f.edits.length, 0);
    const title = `${plan.migration.title} in ${where}: ${changes} change${changes === 1 ? '' : 's'} in ${plan.files.length} file${plan.files.length === 1 ? '' : 's'}`;
    const resources: Array<[vscode.Uri, vscode.Uri, vscode.Uri]> = [];
    const served: string[] = [];
    for (const f of plan.files) {
      const file = vscode.Uri.joinPath(folder.uri, f.file);
      // The file's own path under our scheme, so the diff editor shows a change, not a rename.
      const planned = file.with({ scheme: PLAN_SCHEME, query: id });
      // An editor's text never holds the byte-order mark: the right side is compared with the left.
      this.texts.set(planned.toString(), f.after.charCodeAt(0) === 0xfeff ? f.after.slice(1) : f.after);
      served.push(planned.toString());
      resources.push([file, file, planned]);
    }
    try {
      // The question does not wait for the diff editor's command, which can resolve long after the
      // editor shows (or not at all while other editors load): asking is never held up by it.
      void Promise.resolve(vscode.commands.executeCommand('vscode.changes', title, resources)).then(undefined, () => undefined);
      const skipped = plan.skipped.length ? `; ${plan.skipped.length} left alone (see the log)` : '';
      const pick = await vscode.window.showInformationMessage(
        `Apply "${plan.migration.title}" to ${where}? ${title.slice(title.lastIndexOf(': ') + 2)}, shown in the diff editor${skipped}.`,
        'Apply',
        'Discard',
      );
      return pick === 'Apply';
    } finally {
      for (const uri of served) this.texts.delete(uri);
      await closeTabs(title);
    }
  }

  dispose(): void {
    this.provider?.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}

/** Closes the preview's editor: its tab carries the title it was opened with (and a file count after it). */
async function closeTabs(title: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === title || t.label.startsWith(`${title} (`));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs).then(undefined, () => undefined);
}
