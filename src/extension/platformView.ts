import * as vscode from 'vscode';
import type { PlatformUse } from '../core/scan';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import type { CatalogService } from './catalogService';
import type { DiagnosticsController } from './diagnostics';

type Node =
  | { kind: 'team'; id: string; label: string; uses: Entry[] }
  | { kind: 'component'; id: string; label: string; uses: Entry[] }
  | { kind: 'use'; entry: Entry };

interface Entry {
  folder: vscode.WorkspaceFolder;
  use: PlatformUse;
}

const ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};
const FINE = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));

/** The Platform view: the components the workspace uses, grouped by owner team, worst first. */
export function registerPlatformView(catalogs: CatalogService, diagnostics: DiagnosticsController): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren(node) {
      if (!node) return teams(catalogs, diagnostics.allUses());
      if (node.kind === 'team') return components(catalogs, node.uses);
      if (node.kind === 'component') return node.uses.map((entry) => ({ kind: 'use' as const, entry }));
      return [];
    },
    getTreeItem(node) {
      if (node.kind === 'use') {
        const { use, folder } = node.entry;
        const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
        const item = new vscode.TreeItem(multiRoot ? `${folder.name}/${use.file}` : use.file);
        // A lockfile locks a version; a version comment beside a SHA only states one.
        const resolved = use.resolved ? ` (${use.resolvedFrom === 'text' ? 'pinned by comment at' : 'locked'} ${use.resolved})` : '';
        item.description = `${use.package} ${use.constraint ?? ''}${resolved}`;
        item.iconPath = use.severity ? ICON[use.severity] : FINE;
        item.tooltip = use.severity ? `${use.severity}: deprecated version` : 'supported version';
        item.command = { command: 'platformGuide.openUse', title: 'Open', arguments: [vscode.Uri.joinPath(folder.uri, use.file).toString(), use.package, use.ecosystem] };
        return item;
      }
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      const worst = worstOf(node.uses);
      item.iconPath = node.kind === 'team' ? new vscode.ThemeIcon('organization') : worst ? ICON[worst] : FINE;
      item.description = describeCounts(node.uses);
      item.id = `${node.kind}:${node.id}`;
      item.contextValue = node.kind;
      return item;
    },
  };
  const view = vscode.window.createTreeView('platformGuide.platform', { treeDataProvider: provider, showCollapseAll: true });
  return vscode.Disposable.from(view, changed, diagnostics.onDidChange(() => changed.fire()), catalogs.onDidChange(() => changed.fire()));
}

function teams(catalogs: CatalogService, all: Entry[]): Node[] {
  const byTeam = new Map<string, Entry[]>();
  for (const e of all) {
    const owner = catalogs.forFolder(e.folder).catalog?.components.find((c) => c.id === e.use.component)?.owner ?? '?';
    byTeam.set(owner, [...(byTeam.get(owner) ?? []), e]);
  }
  return [...byTeam].map(([id, uses]) => {
    const team = catalogs.forFolder(uses[0]!.folder).catalog?.teams.get(id);
    return { kind: 'team' as const, id, label: team?.name ?? id, uses };
  }).sort(byWorstThenLabel);
}

function components(catalogs: CatalogService, uses: Entry[]): Node[] {
  const byComponent = new Map<string, Entry[]>();
  for (const e of uses) byComponent.set(e.use.component, [...(byComponent.get(e.use.component) ?? []), e]);
  return [...byComponent].map(([id, list]) => {
    const component = catalogs.forFolder(list[0]!.folder).catalog?.components.find((c) => c.id === id);
    return { kind: 'component' as const, id, label: component?.name ?? id, uses: list };
  }).sort(byWorstThenLabel);
}

function worstOf(uses: readonly Entry[]): Severity | undefined {
  return uses.map((e) => e.use.severity).filter((s): s is Severity => s !== null).sort((a, b) => severityRank(a) - severityRank(b))[0];
}

function byWorstThenLabel(a: { uses: Entry[]; label: string }, b: { uses: Entry[]; label: string }): number {
  const rank = (n: { uses: Entry[] }) => { const w = worstOf(n.uses); return w ? severityRank(w) : SEVERITIES.length; };
  return rank(a) - rank(b) || a.label.localeCompare(b.label);
}

function describeCounts(uses: readonly Entry[]): string {
  const flagged = SEVERITIES.map((s) => [s, uses.filter((e) => e.use.severity === s).length] as const).filter(([, n]) => n > 0);
  const n = uses.length;
  return `${n} use${n === 1 ? '' : 's'}${flagged.length ? ' · ' + flagged.map(([s, c]) => `${c} ${s}`).join(', ') : ''}`;
}
