import * as os from 'node:os';
import * as vscode from 'vscode';
import { redact } from '../../core/feedback';
import {
  emptyDraft,
  parsePersistedState,
  parseToExtension,
  type DraftState,
  type PanelInit,
  type SendResult,
  type ToWebview,
} from '../../webview/feedback/protocol';
import type { CatalogService } from '../catalogService';
import { feedbackPage, newNonce } from './html';
import { FEEDBACK_VIEW_TYPE, teamOptions, type PanelSetup } from './prefill';
import { redacted, sendDraft, type Pending, type SendDeps } from './send';

const TITLE = 'Send Feedback';

/** What the panel was opened with and shows now: for tests (the extension's API) and nothing else. */
export interface FeedbackPanelSnapshot {
  readonly visible: boolean;
  readonly init: PanelInit;
  /** Team ids Restricted Mode withholds. */
  readonly withheld: string[];
  readonly result: SendResult | null;
  /** Messages that reached the handler and passed the protocol check. */
  readonly accepted: number;
}

export interface PanelDeps extends SendDeps {
  readonly catalogs: CatalogService;
  readonly extensionUri: vscode.Uri;
}

/**
 * The feedback panel, one at a time: asking again reveals it with the new place prefilled. The
 * panel itself is left to VS Code when the extension stops: disposing it then would close it, and
 * a window reload would no longer bring it back.
 */
export class FeedbackPanels {
  private current: FeedbackPanel | undefined;

  constructor(private readonly deps: PanelDeps) {}

  show(setup: PanelSetup): void {
    if (this.current) {
      this.current.retarget(setup);
      return;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(FEEDBACK_VIEW_TYPE, TITLE, { viewColumn: column, preserveFocus: false }, webviewOptions(this.deps.extensionUri));
    this.adopt(panel, setup);
  }

  /** After a window reload: the webview's saved state, checked like any message, becomes the setup. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    // The reason only: the state holds the user's words, which do not belong in a log.
    const saved = parsePersistedState(state, (why) => this.deps.log.warn(`feedback panel: the saved state was not usable (${why}); starting empty`));
    const folder = saved?.folder ? vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === saved.folder) : undefined;
    const setup: PanelSetup = saved
      ? { folder: folder ?? vscode.workspace.workspaceFolders?.[0], context: saved.context, draft: saved.draft }
      : { folder: vscode.workspace.workspaceFolders?.[0], context: [], draft: emptyDraft() };
    if (this.current) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.adopt(panel, setup);
  }

  snapshot(): FeedbackPanelSnapshot | undefined {
    return this.current?.snapshot();
  }

  /** The webview's message handler, for tests that feed it directly. */
  handle(raw: unknown): Promise<boolean> {
    return this.current ? this.current.handle(raw) : Promise.resolve(false);
  }

  private adopt(panel: vscode.WebviewPanel, setup: PanelSetup): void {
    const p = new FeedbackPanel(panel, setup, this.deps);
    this.current = p;
    panel.onDidDispose(() => {
      if (this.current === p) this.current = undefined;
      p.dispose();
    });
  }

}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

class FeedbackPanel {
  private readonly subscriptions: vscode.Disposable[] = [];
  private result: SendResult | null = null;
  private pending: Pending | undefined;
  private sending = false;
  private accepted = 0;
  /** Tracking links this panel showed: the only ones it opens. */
  private readonly links = new Set<string>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private setup: PanelSetup,
    private readonly deps: PanelDeps,
  ) {
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    const uri = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
    panel.webview.html = feedbackPage({
      cspSource: panel.webview.cspSource,
      nonce: newNonce(),
      scriptUri: uri('feedback.js'),
      styleUri: uri('feedback.css'),
      codiconsUri: uri('codicons', 'codicon.css'),
    });
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handle(raw)),
      // Teams and destinations follow the catalogs; the draft stays.
      deps.catalogs.onDidChange(() => this.postInit()),
    );
  }

  /** Opened again from another place: the new place's team, component and context; the user's words stay. */
  retarget(setup: PanelSetup): void {
    const words = this.setup.draft;
    this.setup = { ...setup, draft: { ...setup.draft, message: words.message, contact: words.contact, rating: words.rating } };
    this.result = null;
    this.postInit();
    this.panel.reveal();
  }

  /** Every message from the webview enters here, and is checked against the protocol first. */
  async handle(raw: unknown): Promise<boolean> {
    const msg = parseToExtension(raw, (why) => this.deps.log.warn(`feedback panel: ignored a message that is not in the protocol: ${why}`));
    if (!msg) return false;
    this.accepted++;
    switch (msg.type) {
      case 'ready':
        this.postInit();
        break;
      case 'draft':
        this.setup.draft = msg.draft;
        this.postPreview(msg.seq);
        break;
      case 'send':
        await this.send(msg.draft);
        break;
      case 'openLink':
        if (this.links.has(msg.url)) await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        else this.deps.log.warn(`feedback panel: refused to open a link it did not show: ${msg.url}`);
        break;
    }
    return true;
  }

  snapshot(): FeedbackPanelSnapshot {
    return { visible: this.panel.visible, init: this.init(), withheld: teamOptions(this.deps.catalogs, this.setup.folder).withheld.map((t) => t.id), result: this.result, accepted: this.accepted };
  }

  private init(): PanelInit {
    const { teams, withheld } = teamOptions(this.deps.catalogs, this.setup.folder);
    const notice = !this.setup.folder
      ? 'Open a folder: feedback goes to the teams of the catalogs that apply to it.'
      : withheld.length > 0
        ? `Restricted Mode: ${withheld.map((t) => t.name).join(', ')} ${withheld.length === 1 ? 'is' : 'are'} defined by a catalog inside this workspace and ${withheld.length === 1 ? 'is' : 'are'} not offered. Trust the workspace to send feedback there.`
        : null;
    // What the panel shows is what is sent: context values redacted as the send will redact them.
    const context = this.setup.context.map((c) => ({ key: c.key, value: redact(c.value, { home: os.homedir() }).text }));
    return { folder: this.setup.folder?.uri.toString() ?? null, teams, context, draft: this.setup.draft, notice };
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private postInit(): void {
    this.post({ type: 'init', init: this.init() });
  }

  private postPreview(seq: number): void {
    const { draft, redactions } = redacted(this.setup, this.setup.draft);
    this.post({ type: 'preview', seq, message: draft.message, redactions });
  }

  private async send(draft: DraftState): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      this.setup.draft = draft;
      const answer = await sendDraft(this.deps, this.setup, draft, this.pending);
      this.pending = answer.pending;
      this.setup.draft = answer.draft;
      this.result = answer.result;
      for (const line of answer.result.lines) if (line.url) this.links.add(line.url);
      this.post({ type: 'result', result: answer.result, draft: answer.draft });
    } catch (e) {
      this.deps.log.error(`feedback panel: sending failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      this.result = { outcome: 'failed', summary: 'Something went wrong while sending; your draft is kept. The log (Platform Guide: Show Log) has the details.', lines: [], errors: [] };
      this.post({ type: 'result', result: this.result, draft });
    } finally {
      this.sending = false;
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
