import * as vscode from 'vscode';
import type { Finding } from '../../core/scan';
import type { CatalogService } from '../catalogService';
import { SEND_FEEDBACK, feedbackTeam, type FeedbackRequest } from './prefill';

// The ways into the feedback panel from the places where friction shows: a quick fix on each
// Platform Guide diagnostic and a command link in the hover. Both carry only ids and places.

/** `Send feedback to <team name>` for one of our diagnostics, when its owner takes feedback here. */
export function feedbackCodeActions(catalogs: CatalogService, doc: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const team = folder && feedbackTeam(catalogs, folder, finding.owner);
  if (!team) return [];
  const title = `Send feedback to ${oneLine(team.name)}`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  const request: FeedbackRequest = { manifest: doc.uri.toString(), package: finding.package, line: finding.range.start.line };
  action.command = { command: SEND_FEEDBACK, title, arguments: [request] };
  return [action];
}

/**
 * Appends `[Send feedback to <team>](command:platformGuide.sendFeedback?…)` to a hover. The hover
 * must trust exactly this command (`isTrusted: { enabledCommands: [SEND_FEEDBACK] }`); the team's
 * name is appended as text, so catalog text can never form a link or close ours early.
 */
export function appendFeedbackLink(md: vscode.MarkdownString, catalogs: CatalogService, folder: vscode.WorkspaceFolder, teamId: string, request: FeedbackRequest): void {
  const team = feedbackTeam(catalogs, folder, teamId);
  if (!team) return;
  md.appendMarkdown('\n\n[');
  md.appendText(`Send feedback to ${oneLine(team.name)}`);
  md.appendMarkdown(`](${feedbackCommandUri(request)} "Open the feedback panel")`);
}

/** A command URI whose argument is JSON, percent-encoded so that no character can end the link. */
export function feedbackCommandUri(request: FeedbackRequest): string {
  const arg = encodeURIComponent(JSON.stringify([request])).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${SEND_FEEDBACK}?${arg}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
