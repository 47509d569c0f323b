import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AutomaticChannel, DeliveryResult, FeedbackPayload, Outbox, OutboxItem, OutboxReport } from '../../core/feedback';
import { lazyBundle } from '../lazy';

const engine = lazyBundle<typeof import('./engine')>('feedback.js');
import { kindLabel } from '../../core/feedback/format';

export const SHOW_OUTBOX = 'platformGuide.showFeedbackOutbox';
const FILE = 'feedback-outbox.json';
/** After activation, before looking for feedback an earlier session left waiting. */
const STARTUP_DELAY_MS = 3_000;
const MIN_TIMER_MS = 1_000;

/**
 * The user's feedback outbox: one file in the extension's global storage, shared by every window
 * (the engine's Outbox takes care of locks and of one window sending at a time). Opened lazily —
 * on the first send, the outbox command, or a file found a moment after startup — so activation
 * stays cheap. A timer sends what is due; the status bar says what waits.
 */
export class FeedbackOutbox implements vscode.Disposable {
  private opened: Promise<Outbox> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private startup: NodeJS.Timeout | undefined;
  /** >0 while the user waits on a send or a retry: then a GitHub sign-in may be asked for. */
  private interactive = 0;
  private disposed = false;
  private readonly status: vscode.StatusBarItem;

  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.status = vscode.window.createStatusBarItem('platformGuide.feedbackOutbox', vscode.StatusBarAlignment.Left, 9);
    this.status.name = 'Platform Guide Feedback Outbox';
    this.status.command = SHOW_OUTBOX;
  }

  get file(): string {
    return path.join(this.storage.fsPath, FILE);
  }

  open(): Promise<Outbox> {
    this.opened ??= (async () => {
      await fs.mkdir(this.storage.fsPath, { recursive: true });
      return engine().Outbox.load(this.file, { deliver: (c, p) => this.deliverOne(c, p), onWarning: (m) => this.log.warn(m) });
    })();
    return this.opened;
  }

  /** Sends what an earlier session left, if anything: only reads the folder when there is a file. */
  startSoon(): void {
    this.startup = setTimeout(() => {
      void fs.access(this.file).then(
        () => this.process(false),
        () => undefined,
      );
    }, STARTUP_DELAY_MS);
  }

  /** Sends every due entry now. `interactive`: the user is waiting, so a sign-in may be asked for. */
  async process(interactive: boolean): Promise<OutboxReport> {
    const outbox = await this.open();
    if (interactive) this.interactive++;
    try {
      const report = await outbox.processDue();
      this.logReport(report, interactive);
      return report;
    } finally {
      if (interactive) this.interactive--;
      await this.refresh();
    }
  }

  /** Status bar and timer after any change. */
  async refresh(): Promise<void> {
    if (this.disposed || !this.opened) return;
    const outbox = await this.opened;
    const items = await outbox.list();
    const pending = items.filter((i) => i.state === 'pending').length;
    const failed = items.length - pending;
    if (items.length === 0) this.status.hide();
    else {
      this.status.text = `$(mail) ${[pending ? `${pending} queued` : '', failed ? `${failed} failed` : ''].filter(Boolean).join(', ')}`;
      this.status.tooltip = `Platform Guide: ${pending} feedback deliver${pending === 1 ? 'y' : 'ies'} waiting${failed ? `, ${failed} failed` : ''}. Click to show the outbox.`;
      this.status.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.status.show();
    }
    const due = await outbox.nextDueIn();
    // Cleared after the await: two refreshes at once must leave one timer, not two.
    clearTimeout(this.timer);
    if (due !== undefined && !this.disposed) this.timer = setTimeout(() => void this.process(false), Math.max(due, MIN_TIMER_MS));
  }

  async items(): Promise<OutboxItem[]> {
    return (await this.open()).list();
  }

  /** Platform Guide: Show Feedback Outbox — each waiting or failed delivery, with Retry now and Discard. */
  async show(): Promise<void> {
    const outbox = await this.open();
    const items = await outbox.list();
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Platform Guide: the feedback outbox is empty; everything was delivered.');
      return;
    }
    type Pick = vscode.QuickPickItem & { item?: OutboxItem; all?: true };
    const picks: Pick[] = items.map((item) => ({
      label: `$(${item.state === 'failed' ? 'error' : 'clock'}) ${item.destination}`,
      description: `${kindLabel(item.payload.kind)} for ${item.payload.team}${item.payload.component ? ` · ${item.payload.component}` : ''}`,
      detail: `${firstLine(item.payload.message)} — ${describeState(item)}`,
      item,
    }));
    if (items.length > 1) picks.push({ label: '$(sync) Retry all now', all: true });
    const chosen = await vscode.window.showQuickPick(picks, { title: 'Platform Guide: Feedback Outbox', placeHolder: 'Choose a delivery to retry or discard', matchOnDetail: true });
    if (!chosen) return;
    if (chosen.all) {
      await outbox.retryNow();
      await this.process(true);
      return;
    }
    const item = chosen.item!;
    const action = await vscode.window.showQuickPick(['$(sync) Retry now', '$(trash) Discard'], { title: `${item.destination}: ${firstLine(item.payload.message)}` });
    if (action?.includes('Retry')) {
      await outbox.retryNow(item.id);
      await this.process(true);
    } else if (action?.includes('Discard')) {
      await outbox.discard(item.id);
      this.log.info(`feedback ${item.submissionId} to ${item.destination} discarded`);
      await this.refresh();
    }
  }

  /**
   * One delivery. GitHub uses the editor's sign-in (GitHub Enterprise when the channel names an API
   * URL); in the background nobody is asked to sign in: the entry waits for a send or retry the
   * user makes.
   */
  private async deliverOne(channel: AutomaticChannel, payload: FeedbackPayload): Promise<DeliveryResult> {
    const { deliver } = engine();
    if (channel.kind !== 'github') return deliver(channel, payload);
    const provider = channel.apiUrl === undefined ? 'github' : 'github-enterprise';
    if (this.interactive === 0) {
      const session = await vscode.authentication.getSession(provider, ['repo'], { silent: true });
      if (!session) return { kind: 'retry', reason: `waiting for a GitHub sign-in: retry it from Platform Guide: Show Feedback Outbox` };
      return deliver(channel, payload, { githubToken: async () => session.accessToken });
    }
    return deliver(channel, payload, { githubToken: async () => (await vscode.authentication.getSession(provider, ['repo'], { createIfNone: true })).accessToken });
  }

  private logReport(report: OutboxReport, interactive: boolean): void {
    for (const d of report.delivered) this.log.info(`feedback ${d.submissionId} delivered: ${d.destination}${d.url ? ` (${d.url})` : ''}`);
    for (const r of report.retrying) this.log.warn(`feedback ${r.submissionId} to ${r.destination} will be retried: ${r.reason}`);
    for (const f of report.failed) {
      this.log.error(`feedback ${f.submissionId} to ${f.destination} failed: ${f.reason}`);
      // The panel shows the outcome of a send the user waits on; a background failure needs a word.
      if (!interactive) {
        void vscode.window.showWarningMessage(`Platform Guide: feedback to ${f.destination} could not be delivered.`, 'Show Outbox').then((a) => a && vscode.commands.executeCommand(SHOW_OUTBOX));
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.startup);
    this.status.dispose();
  }
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > 70 ? `${line.slice(0, 69)}…` : line;
}

function describeState(item: OutboxItem): string {
  if (item.state === 'failed') return `failed: ${item.lastError ?? 'unknown error'}`;
  const wait = Math.max(0, item.nextAttempt - Date.now());
  const when = wait < 60_000 ? 'in under a minute' : `in ${Math.round(wait / 60_000)} min`;
  return `${item.attempts === 0 ? 'waiting to be sent' : `attempt ${item.attempts} failed (${item.lastError ?? 'no answer'})`}, next try ${when}`;
}
