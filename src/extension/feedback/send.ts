import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  automaticChannels,
  buildPayload,
  describeDestination,
  entryId,
  fallbackEmail,
  mailtoUrl,
  redactDraft,
  validateDraft,
  type AutomaticChannel,
  type FeedbackDraft,
  type FeedbackPayload,
  type OutboxReport,
  type Redaction,
} from '../../core/feedback';
import { clip, type DeliveryLine, type DraftState, type SendResult } from '../../webview/feedback/protocol';
import type { CatalogService } from '../catalogService';
import type { FeedbackOutbox } from './outboxService';
import type { PanelSetup } from './prefill';

// One press of Send: the panel's draft becomes the payload (redacted exactly as the preview showed),
// is saved in the outbox before anything is sent, and is delivered to each automatic channel — or,
// for a team with only email, opened in the mail client.

export interface SendDeps {
  readonly catalogs: CatalogService;
  readonly outbox: FeedbackOutbox;
  readonly log: vscode.LogOutputChannel;
  /** A mailto: URL as text: vscode.Uri would re-encode its query and could split the body. */
  readonly openMail: (url: string) => Thenable<boolean>;
}

/** The last submission that did not fully go out: Send again with the same text retries it, same id. */
export interface Pending {
  readonly key: string;
  readonly payload: FeedbackPayload;
}

export interface SendAnswer {
  readonly result: SendResult;
  readonly draft: DraftState;
  readonly pending: Pending | undefined;
}

/** The draft the engine checks and sends: only the ticked context items, with the panel's values. */
export function toFeedbackDraft(setup: PanelSetup, draft: DraftState): FeedbackDraft {
  const context: Record<string, string> = {};
  for (const item of setup.context) if (draft.attach.includes(item.key)) context[item.key] = item.value;
  return {
    team: draft.team,
    component: draft.component === '' ? null : draft.component,
    kind: draft.kind,
    rating: draft.rating,
    message: draft.message,
    contact: draft.contact.trim() === '' ? null : draft.contact,
    context,
  };
}

/** What leaves the editor: the draft with secrets and the home folder masked. */
export function redacted(setup: PanelSetup, draft: DraftState): { draft: FeedbackDraft; redactions: Redaction[] } {
  return redactDraft(toFeedbackDraft(setup, draft), os.homedir());
}

const result = (outcome: SendResult['outcome'], summary: string, lines: DeliveryLine[] = [], errors: SendResult['errors'] = []): SendResult => ({
  outcome,
  summary: clip(summary),
  lines: lines.map((l) => ({ ...l, destination: clip(l.destination), reason: l.reason === null ? null : clip(l.reason) })),
  errors: errors.map((e) => ({ field: e.field, message: clip(e.message) })),
});
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

export async function sendDraft(deps: SendDeps, setup: PanelSetup, draft: DraftState, previous: Pending | undefined): Promise<SendAnswer> {
  const keep = (r: SendResult, pending = previous): SendAnswer => ({ result: r, draft, pending });
  const fc = setup.folder ? deps.catalogs.forFolder(setup.folder) : undefined;
  const catalog = fc?.catalog;
  if (!fc || !catalog) return keep(result('failed', 'No catalog is loaded for this workspace, so there is no team to send feedback to.'));
  const team = catalog.teams.get(draft.team);
  if (team && !vscode.workspace.isTrusted && fc.workspaceDefined.has(team.id)) {
    deps.log.warn(`feedback to ${team.id} refused: the team comes from a catalog in this untrusted workspace`);
    return keep(result('refused', `${team.name} is defined by a catalog inside this workspace, which is not trusted: Restricted Mode sends it no feedback. Trust the workspace to send it.`));
  }
  if (draft.component !== '' && team && catalog.components.find((c) => c.id === draft.component)?.owner !== team.id) {
    return keep(result('invalid', 'Check the form.', [], [{ field: 'component', message: `Choose a component of ${team.name}, or none.` }]));
  }

  const clean = redacted(setup, draft).draft;
  const errors = validateDraft(clean, catalog.teams);
  if (!team || errors.length > 0) {
    const list = errors.length > 0 ? errors : [{ field: 'team' as const, message: 'choose the team to send feedback to' }];
    return keep(result('invalid', 'Check the form.', [], list.map((e) => ({ field: e.field, message: sentence(e.message) }))));
  }

  // The same text as a submission that did not fully go out is that submission again: same id, so
  // no channel gets it twice. Different text replaces it.
  const key = JSON.stringify(clean);
  const outbox = team.feedback.some((c) => c.kind !== 'email') ? await deps.outbox.open() : undefined;
  let payload: FeedbackPayload;
  if (previous && previous.key === key) payload = previous.payload;
  else {
    if (previous && outbox) await outbox.discard(previous.payload.id).catch(() => 0);
    payload = buildPayload(clean);
  }
  const cleared: DraftState = { ...draft, message: '', rating: null };

  const channels = automaticChannels(team);
  if (channels.length === 0 || !outbox) {
    const email = fallbackEmail(team);
    if (!email) return keep(result('failed', `${team.name} lists no channel that can take feedback.`));
    const opened = await deps.openMail(mailtoUrl(email, payload));
    deps.log.info(`feedback ${payload.id} for ${team.id}: mail client ${opened ? 'opened' : 'did not open'} for ${email.address}`);
    if (!opened) return keep(result('failed', `No mail client opened. Write to ${email.address} yourself; your draft is kept.`));
    return { result: result('mail', `Your mail client opened with the message to ${email.address}: send it from there.`), draft: cleared, pending: undefined };
  }

  try {
    await outbox.retryNow(payload.id);
    const saved = await outbox.enqueue(payload, channels);
    if (saved.kind === 'refused') {
      // Full: nothing older is dropped to make room, so this submission waits in the panel instead.
      deps.log.warn(`feedback ${payload.id} for ${team.id} not saved: ${saved.reason}`);
      return keep(result('refused', `${sentence(saved.reason)} Nothing was sent; your draft is kept. Platform Guide: Show Feedback Outbox lists what waits: retry or discard some of it, then press Send again.`));
    }
  } catch (e) {
    deps.log.error(`feedback ${payload.id}: could not save it in the outbox: ${String(e)}`);
    return keep(result('failed', `Could not save the feedback before sending it (${e instanceof Error ? e.message : String(e)}). Nothing was sent; your draft is kept.`));
  }
  const report = await deps.outbox.process(true);
  const waiting = new Map((await outbox.list()).filter((i) => i.submissionId === payload.id).map((i) => [i.id, i]));
  const lines = channels.map((channel) => lineFor(channel, entryId(payload.id, channel), report, waiting));
  const failed = lines.filter((l) => l.state === 'failed');
  if (failed.length > 0) {
    const delivered = lines.length - failed.length - lines.filter((l) => l.state === 'queued').length;
    const summary = `Not delivered to ${failed.map((l) => l.destination).join(' and ')}${delivered ? ` (the rest went through)` : ''}. Your draft is kept: fix the problem and press Send again to retry, or see Platform Guide: Show Feedback Outbox.`;
    return keep(result('failed', summary, lines), { key, payload });
  }
  if (lines.some((l) => l.state === 'queued')) {
    return { result: result('queued', `Queued: will be delivered to ${team.name} when online. Platform Guide: Show Feedback Outbox lists what waits.`, lines), draft: cleared, pending: undefined };
  }
  return { result: result('sent', `Sent to ${team.name}. Thank you!`, lines), draft: cleared, pending: undefined };
}

/** One channel's outcome: from this run's report, else from what still waits in the outbox. */
function lineFor(channel: AutomaticChannel, id: string, report: OutboxReport, waiting: ReadonlyMap<string, { destination: string; state: 'pending' | 'failed'; lastError?: string }>): DeliveryLine {
  const delivered = report.delivered.find((d) => d.id === id);
  if (delivered) return { destination: delivered.destination, state: 'delivered', url: delivered.url ?? null, reason: null };
  const failed = report.failed.find((f) => f.id === id);
  if (failed) return { destination: failed.destination, state: 'failed', url: null, reason: failed.reason };
  const entry = waiting.get(id);
  if (entry?.state === 'failed') return { destination: entry.destination, state: 'failed', url: null, reason: entry.lastError ?? null };
  if (entry) {
    const reason = report.retrying.find((r) => r.id === id)?.reason ?? (report.busy ? 'another window is sending' : entry.lastError ?? null);
    return { destination: entry.destination, state: 'queued', url: null, reason };
  }
  // Gone from the outbox without being in this report: another window delivered it.
  return { destination: describeDestination(channel), state: 'delivered', url: null, reason: null };
}
