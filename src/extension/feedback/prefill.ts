import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Team } from '../../core/catalog';
import { MAX_CONTEXT_VALUE_LENGTH, automaticChannels, describeDestination, fallbackEmail } from '../../core/feedback';
import type { Finding } from '../../core/scan';
import { CONTEXT_KEYS, clip, emptyDraft, type ContextItem, type ContextKey, type DraftState, type TeamOption } from '../../webview/feedback/protocol';
import type { CatalogService, FolderCatalog } from '../catalogService';
import type { DiagnosticsController } from '../diagnostics';
import { isManifest } from '../selectors';

/** The webview panel's type, also what its serializer is registered for. */
export const FEEDBACK_VIEW_TYPE = 'platformGuide.feedback';

// Where the feedback panel starts from: which folder's catalogs apply, which teams may be offered
// (Restricted Mode withholds teams that only the workspace's own catalogs define), and the context
// of the place the user came from. The entry points (quick fix, hover link, Platform view, command
// palette) pass only ids and places; everything else is looked up here, again, when it is used.

export const SEND_FEEDBACK = 'platformGuide.sendFeedback';

/** What a quick fix or a hover link carries. */
export interface FeedbackRequest {
  /** The manifest's URI. */
  readonly manifest?: string;
  readonly package?: string;
  /**
   * The 0-based line of the use's version text: a file may use one package twice (a workflow's two
   * steps of one action, at `@v3` and pinned by SHA), and the context is the one the user came from.
   */
  readonly line?: number;
  readonly component?: string;
  readonly team?: string;
}

/** A panel's starting point. Context values are raw here; the panel shows and sends them redacted. */
export interface PanelSetup {
  folder: vscode.WorkspaceFolder | undefined;
  context: ContextItem[];
  draft: DraftState;
}

export interface EditorFacts {
  readonly extensionVersion: string;
  /** "Visual Studio Code 1.139.1" */
  readonly editor: string;
}

/** A team takes feedback here: it lists a channel, and in Restricted Mode it is not the workspace's own. */
export function teamAllowed(folderCatalog: FolderCatalog, team: Team): boolean {
  return team.feedback.length > 0 && (vscode.workspace.isTrusted || !folderCatalog.workspaceDefined.has(team.id));
}

export function feedbackTeam(catalogs: CatalogService, folder: vscode.WorkspaceFolder, teamId: string): Team | undefined {
  const fc = catalogs.forFolder(folder);
  const team = fc.catalog?.teams.get(teamId);
  return team && teamAllowed(fc, team) ? team : undefined;
}

/** "GitHub issue in acme/web-platform and webhook at feedback.acme.dev", or the email that opens the mail client. */
export function destinationOf(team: Pick<Team, 'feedback'>): { text: string; mail: boolean } {
  const automatic = automaticChannels(team).map(describeDestination);
  if (automatic.length > 0) return { text: automatic.length === 1 ? automatic[0]! : `${automatic.slice(0, -1).join(', ')} and ${automatic.at(-1)!}`, mail: false };
  const email = fallbackEmail(team);
  return { text: email ? `${describeDestination(email)}, opens your mail client` : 'nowhere', mail: true };
}

/** The teams the panel offers for a folder, and the names of those Restricted Mode withholds. */
export function teamOptions(catalogs: CatalogService, folder: vscode.WorkspaceFolder | undefined): { teams: TeamOption[]; withheld: Team[] } {
  const fc = folder ? catalogs.forFolder(folder) : undefined;
  const catalog = fc?.catalog;
  if (!fc || !catalog) return { teams: [], withheld: [] };
  const teams: TeamOption[] = [];
  const withheld: Team[] = [];
  for (const team of catalog.teams.values()) {
    if (team.feedback.length === 0 || team.id.length > 100) continue;
    if (!teamAllowed(fc, team)) {
      withheld.push(team);
      continue;
    }
    const { text, mail } = destinationOf(team);
    const components = catalog.components
      .filter((c) => c.owner === team.id && c.id.length <= 100)
      .map((c) => ({ id: c.id, name: clip(c.name), description: c.description === undefined ? null : clip(c.description) }));
    teams.push({ id: team.id, name: clip(team.name), contact: team.contact === undefined ? null : clip(team.contact), destination: clip(text), mail, components });
  }
  return { teams, withheld };
}

/** A quick fix's, hover link's or Platform view item's argument, checked: commands can be called by anyone. */
export function readRequest(arg: unknown): { request: FeedbackRequest; folder?: vscode.WorkspaceFolder } {
  if (typeof arg !== 'object' || arg === null) return { request: {} };
  const a = arg as Record<string, unknown>;
  const str = (v: unknown, max = 500): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);
  // A Platform view node: { kind: 'team' | 'component', id, uses: [{ folder, use }] }.
  if ((a.kind === 'team' || a.kind === 'component') && Array.isArray(a.uses)) {
    const first = a.uses[0] as { folder?: vscode.WorkspaceFolder } | undefined;
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === first?.folder?.uri?.toString());
    const id = str(a.id, 100);
    return { request: a.kind === 'team' ? { team: id } : { component: id }, ...(folder ? { folder } : {}) };
  }
  const request: { -readonly [K in keyof FeedbackRequest]: FeedbackRequest[K] } = {};
  for (const key of ['manifest', 'package', 'component', 'team'] as const) {
    const value = str(a[key]);
    if (value !== undefined) request[key] = value;
  }
  if (typeof a.line === 'number' && Number.isInteger(a.line) && a.line >= 0) request.line = a.line;
  return { request };
}

export interface PrefillDeps {
  readonly catalogs: CatalogService;
  readonly diagnostics: DiagnosticsController;
  readonly facts: EditorFacts;
}

/** The panel's starting point for a request; without one, the finding under the cursor, if any. */
export function resolveSetup(deps: PrefillDeps, arg: unknown): PanelSetup {
  let { request, folder } = readRequest(arg);
  if (!request.manifest && !request.component && !request.team) request = fromActiveEditor(deps.diagnostics) ?? request;
  const manifest = request.manifest ? safeUri(request.manifest) : undefined;
  folder ??= (manifest && vscode.workspace.getWorkspaceFolder(manifest)) ?? activeFolder();
  const catalog = folder ? deps.catalogs.forFolder(folder).catalog : undefined;

  const findings = manifest && request.package ? deps.diagnostics.findingsFor(manifest).filter((f) => f.package === request.package) : [];
  const finding = findings.find((f) => f.range.start.line === request.line) ?? findings[0];
  const file = manifest && folder ? path.relative(folder.uri.fsPath, manifest.fsPath).split(path.sep).join('/') : undefined;
  const use = file && folder ? deps.diagnostics.allUses().find((u) => u.folder.uri.toString() === folder.uri.toString() && u.use.file === file && u.use.package === request.package)?.use : undefined;
  const componentId = finding?.component ?? use?.component ?? request.component;
  const component = catalog?.components.find((c) => c.id === componentId);
  const teamId = request.team ?? component?.owner;

  const values: Partial<Record<ContextKey, string | null | undefined>> = {
    package: request.package && (finding || use) ? request.package : undefined,
    version: finding ? finding.resolved ?? finding.constraint : use ? use.resolved ?? use.constraint : undefined,
    file: finding || use ? file : undefined,
    finding: finding?.message,
    extensionVersion: deps.facts.extensionVersion,
    editor: deps.facts.editor,
  };
  const context = CONTEXT_KEYS.flatMap((key) => {
    const value = values[key];
    return value ? [{ key, value: value.slice(0, MAX_CONTEXT_VALUE_LENGTH) }] : [];
  });
  const draft = emptyDraft(context.map((c) => c.key));
  draft.team = teamId ?? '';
  draft.component = component && component.owner === teamId ? component.id : '';
  if (finding) draft.kind = 'migration-blocker';
  return { folder, context, draft };
}

/** In a manifest, the finding on the cursor's line stands in for a quick fix's argument. */
function fromActiveEditor(diagnostics: DiagnosticsController): FeedbackRequest | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isManifest(vscode.workspace.asRelativePath(editor.document.uri, false))) return undefined;
  const line = editor.selection.active.line;
  const finding: Finding | undefined = diagnostics.findingsFor(editor.document.uri).find((f) => f.range.start.line <= line && f.range.end.line >= line);
  return finding ? { manifest: editor.document.uri.toString(), package: finding.package, line: finding.range.start.line } : undefined;
}

function activeFolder(): vscode.WorkspaceFolder | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

function safeUri(text: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
}
