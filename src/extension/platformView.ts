import * as vscode from 'vscode';
import type { Component } from '../core/catalog/model';
import { groupBy } from '../core/groupBy';
import type { PlatformUse } from '../core/scan';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import type { CatalogService } from './catalogService';
import type { DiagnosticsController } from './diagnostics';

type Node =
  | { kind: 'team'; id: string; label: string; uses: Entry[]; summary: Summary }
  | { kind: 'component'; id: string; label: string; uses: Entry[]; summary: Summary }
  | { kind: 'use'; entry: Entry };

interface Entry {
  folder: vscode.WorkspaceFolder;
  use: PlatformUse;
}

/** A group's worst severity and counts, computed once when the group is made. */
interface Summary {
  worst: Severity | undefined;
  counts: Record<Severity, number>;
}

/** A component with more uses than this starts collapsed: expanding it lists every one. */
const EXPANDED_USES = 50;
/** Changes within this time (a scan publishing, typing) refresh the view once. */
const REFRESH_MS = 300;

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
  // The top level is grouped once per refresh, not on every request the tree makes.
  let roots: Node[] | undefined;
  let timer: NodeJS.Timeout | undefined;
  const refresh = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      roots = undefined;
      changed.fire();
    }, REFRESH_MS);
  };
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren(node) {
      if (!node) return (roots ??= teams(catalogs, diagnostics.allUses()));
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
      const collapsed = node.kind === 'component' && node.uses.length > EXPANDED_USES;
      const item = new vscode.TreeItem(node.label, collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      const { worst } = node.summary;
      item.iconPath = node.kind === 'team' ? new vscode.ThemeIcon('organization') : worst ? ICON[worst] : FINE;
      item.description = describeCounts(node.uses.length, node.summary);
      item.id = `${node.kind}:${node.id}`;
      item.contextValue = node.kind;
      return item;
    },
  };
  const view = vscode.window.createTreeView('platformGuide.platform', { treeDataProvider: provider, showCollapseAll: true });
  return vscode.Disposable.from(
    view,
    changed,
    diagnostics.onDidChange(refresh),
    catalogs.onDidChange(refresh),
    { dispose: () => clearTimeout(timer) },
  );
}

/** Each folder's catalog components by id, looked up once per use rather than searched. */
function componentsById(catalogs: CatalogService): (e: Entry) => Component | undefined {
  const byFolder = new Map<vscode.WorkspaceFolder, Map<string, Component>>();
  return (e) => {
    let ids = byFolder.get(e.folder);
    if (!ids) byFolder.set(e.folder, (ids = new Map((catalogs.forFolder(e.folder).catalog?.components ?? []).map((c) => [c.id, c]))));
    return ids.get(e.use.component);
  };
}

function teams(catalogs: CatalogService, all: Entry[]): Node[] {
  const componentOf = componentsById(catalogs);
  return [...groupBy(all, (e) => componentOf(e)?.owner ?? '?')]
    .map(([id, uses]) => {
      const team = catalogs.forFolder(uses[0]!.folder).catalog?.teams.get(id);
      return { kind: 'team' as const, id, label: team?.name ?? id, uses, summary: summarise(uses) };
    })
    .sort(byWorstThenLabel);
}

function components(catalogs: CatalogService, uses: Entry[]): Node[] {
  const componentOf = componentsById(catalogs);
  return [...groupBy(uses, (e) => e.use.component)]
    .map(([id, list]) => ({ kind: 'component' as const, id, label: componentOf(list[0]!)?.name ?? id, uses: list, summary: summarise(list) }))
    .sort(byWorstThenLabel);
}

function summarise(uses: readonly Entry[]): Summary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const e of uses) if (e.use.severity) counts[e.use.severity]++;
  return { worst: SEVERITIES.find((s) => counts[s] > 0), counts };
}

function byWorstThenLabel(a: { summary: Summary; label: string }, b: { summary: Summary; label: string }): number {
  const rank = (n: { summary: Summary }) => (n.summary.worst ? severityRank(n.summary.worst) : SEVERITIES.length);
  return rank(a) - rank(b) || a.label.localeCompare(b.label);
}

function describeCounts(n: number, { counts }: Summary): string {
  const flagged = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return `${n} use${n === 1 ? '' : 's'}${flagged.length ? ' · ' + flagged.join(', ') : ''}`;
}
