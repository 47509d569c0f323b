import * as vscode from 'vscode';
import type { CatalogService, CatalogState } from './catalogService';
import type { DiagnosticsController } from './diagnostics';

/** Findings and catalog state at a glance; a click leads where it helps. */
export function registerStatusBar(catalogs: CatalogService, diagnostics: DiagnosticsController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('platformGuide.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Platform Guide';
  const update = () => {
    const state = catalogs.state;
    // Updated on every evaluation: counted, not copied (a monorepo has hundreds of thousands of uses).
    const { total, flagged } = diagnostics.useCounts();
    item.text = `$(library) ${label(state, flagged)}`;
    item.tooltip = `Platform Guide — ${describe(state)}\n${flagged} deprecated platform dependenc${flagged === 1 ? 'y' : 'ies'} of ${total}`;
    item.command =
      state.kind === 'none'
        ? { command: 'platformGuide.configureCatalogs', title: 'Configure catalogs' }
        : state.kind === 'invalid'
          ? { command: 'platformGuide.showLog', title: 'Show the log' }
          : { command: 'workbench.actions.view.problems', title: 'Show problems' };
    item.backgroundColor = state.kind === 'invalid' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  return vscode.Disposable.from(item, catalogs.onDidChange(update), diagnostics.onDidChange(update));
}

function label(state: CatalogState, flagged: number): string {
  switch (state.kind) {
    case 'none':
      return 'Platform: configure a catalog';
    case 'invalid':
      return `Platform: ${flagged} · catalog invalid`;
    case 'cached':
      return `Platform: ${flagged} $(cloud-offline)`;
    case 'fresh':
      return `Platform: ${flagged}`;
  }
}

export function describe(state: CatalogState): string {
  switch (state.kind) {
    case 'none':
      return 'no catalog configured';
    case 'fresh':
      return 'catalogs fresh';
    case 'invalid':
      return `${state.problems} catalog problem${state.problems === 1 ? '' : 's'}; the last good version keeps serving`;
    case 'cached': {
      const hours = Math.round((Date.now() - state.fetchedAt) / 3_600_000);
      return `offline: catalog cached ${hours < 1 ? 'less than an hour' : `${hours} hour${hours === 1 ? '' : 's'}`} ago`;
    }
  }
}
