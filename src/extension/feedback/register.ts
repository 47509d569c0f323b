import * as vscode from 'vscode';
import type { OutboxItem } from '../../core/feedback';
import type { CatalogService } from '../catalogService';
import type { DiagnosticsController } from '../diagnostics';
import { SHOW_OUTBOX, FeedbackOutbox } from './outboxService';
import { lazyBundle } from '../lazy';
import type { FeedbackPanels, FeedbackPanelSnapshot } from './panel';
import { FEEDBACK_VIEW_TYPE } from './prefill';
import { SEND_FEEDBACK, resolveSetup } from './prefill';

/** The feedback part of the extension's exported API: what the integration tests look at. */
export interface FeedbackApi {
  /** The open feedback panel's state, or undefined when none is open. */
  feedbackPanelState(): FeedbackPanelSnapshot | undefined;
  /** The outbox's entries (opens the outbox). */
  feedbackOutbox(): Promise<OutboxItem[]>;
  /**
   * Feeds a message to the panel's handler, exactly as the webview's postMessage does; false when
   * it was not a protocol message (or no panel is open). Only in development and test runs.
   */
  postToFeedbackHandler?(raw: unknown): Promise<{ accepted: boolean }>;
}

/**
 * Feedback to platform teams: the panel (with its serializer, so a half-written draft survives a
 * reload), the commands, and the user's outbox. Nothing is read or opened until it is used.
 */
export function registerFeedback(
  context: vscode.ExtensionContext,
  catalogs: CatalogService,
  diagnostics: DiagnosticsController,
  log: vscode.LogOutputChannel,
): { disposable: vscode.Disposable; api: FeedbackApi } {
  const outbox = new FeedbackOutbox(context.globalStorageUri, log);
  // The panel and its sending code are bundled apart and loaded when a panel is first needed.
  const engine = lazyBundle<typeof import('./engine')>('feedback.js');
  let created: FeedbackPanels | undefined;
  const panels = (): FeedbackPanels =>
    (created ??= new (engine().FeedbackPanels)({
      catalogs,
      outbox,
      log,
      extensionUri: context.extensionUri,
      // The text goes through as it is: the ext host parses it without re-encoding the query.
      openMail: (url) => vscode.env.openExternal(url as unknown as vscode.Uri),
    }));
  const facts = {
    extensionVersion: String((context.extension.packageJSON as { version?: unknown }).version ?? 'unknown'),
    editor: `${vscode.env.appName} ${vscode.version}`,
  };
  outbox.startSoon();

  const disposable = vscode.Disposable.from(
    outbox,
    vscode.commands.registerCommand(SEND_FEEDBACK, (arg: unknown) => panels().show(resolveSetup({ catalogs, diagnostics, facts }, arg))),
    vscode.commands.registerCommand(SHOW_OUTBOX, () => outbox.show()),
    vscode.window.registerWebviewPanelSerializer(FEEDBACK_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => panels().restore(panel, state),
    }),
  );

  const testing = context.extensionMode !== vscode.ExtensionMode.Production;
  const api: FeedbackApi = {
    feedbackPanelState: () => created?.snapshot(),
    feedbackOutbox: () => outbox.items(),
    ...(testing ? { postToFeedbackHandler: async (raw: unknown) => ({ accepted: await panels().handle(raw) }) } : {}),
  };
  return { disposable, api };
}
