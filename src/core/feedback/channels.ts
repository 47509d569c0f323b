import type { FeedbackChannel, Team } from '../catalog/model';
import { emailBody, feedbackTitle, slackText } from './format';
import { deliverGithub } from './github';
import { DEFAULT_DELIVERY_TIMEOUT_MS, type DeliveryResult, type HttpAnswer, HttpSession, classify, destinationUrl, parseJson, trustedLink } from './http';
import type { FeedbackPayload } from './payload';

export type EmailChannel = Extract<FeedbackChannel, { kind: 'email' }>;
/** The channels that receive every submission without the user doing anything more. */
export type AutomaticChannel = Exclude<FeedbackChannel, EmailChannel>;

export interface DeliverOptions {
  /** Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Covers the whole delivery (all requests, bodies included). Default 15000. */
  timeoutMs?: number;
  /** The editor's GitHub sign-in; asked only for github channels. */
  githubToken?: () => Promise<string | undefined>;
  /** For Retry-After given as an HTTP-date. Default Date.now. */
  now?: () => number;
}

/**
 * Delivers one submission to one channel, once. Never throws: every outcome is a DeliveryResult,
 * and `retry` is only given when sending the same payload again is safe and may succeed.
 */
export async function deliver(channel: FeedbackChannel, payload: FeedbackPayload, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const session = new HttpSession(opts.fetch ?? globalThis.fetch, opts.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS);
  const now = opts.now ?? Date.now;
  try {
    switch (channel.kind) {
      case 'webhook':
        return await deliverWebhook(session, channel.url, payload, now);
      case 'slack':
        return await deliverSlack(session, channel.url, payload, now);
      case 'github':
        return await deliverGithub(session, channel, payload, { githubToken: opts.githubToken, now });
      case 'email':
        return { kind: 'failed', reason: 'email is not sent automatically: open it in the mail client (mailtoUrl)' };
    }
  } catch (e) {
    return { kind: 'failed', reason: `could not send: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    session.close();
  }
}

async function deliverWebhook(session: HttpSession, target: string, payload: FeedbackPayload, now: () => number): Promise<DeliveryResult> {
  const url = destinationUrl(target);
  if (typeof url === 'string') return { kind: 'failed', reason: url };
  const headers = { 'content-type': 'application/json', 'idempotency-key': payload.id, accept: 'application/json' };
  let answer: HttpAnswer;
  try {
    answer = await session.request(url, { method: 'POST', headers, body: JSON.stringify(payload) });
  } catch (e) {
    return session.networkFailure(e);
  }
  const result = classify(answer, 'the webhook', now());
  if (result.kind !== 'delivered') return result;
  const link = trustedLink((parseJson(answer.text) as { url?: unknown } | undefined)?.url);
  return link === undefined ? result : { kind: 'delivered', url: link };
}

/** Slack incoming webhooks have no idempotency key: a response lost after Slack posted means a repeat post. */
async function deliverSlack(session: HttpSession, target: string, payload: FeedbackPayload, now: () => number): Promise<DeliveryResult> {
  const url = destinationUrl(target);
  if (typeof url === 'string') return { kind: 'failed', reason: url };
  const body = JSON.stringify(slackMessage(payload));
  try {
    return classify(await session.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 'Slack', now());
  } catch (e) {
    return session.networkFailure(e);
  }
}

/**
 * The body posted to a Slack incoming webhook. Only `text` (mrkdwn): a section block holds at most
 * 3000 characters and a message may be 5000, while `text` takes 40000.
 */
export function slackMessage(payload: FeedbackPayload): { text: string } {
  return { text: slackText(payload) };
}

/** The webhook, github and slack channels of a team, in catalog order. */
export function automaticChannels(team: Pick<Team, 'feedback'>): AutomaticChannel[] {
  return team.feedback.filter((c): c is AutomaticChannel => c.kind !== 'email');
}

/** The email channel to open in the mail client: only when the team has no automatic channel. */
export function fallbackEmail(team: Pick<Team, 'feedback'>): EmailChannel | undefined {
  if (automaticChannels(team).length > 0) return undefined;
  return team.feedback.find((c): c is EmailChannel => c.kind === 'email');
}

/** Windows hands a URL to the mail client through APIs that stop near 2048 characters. */
export const DEFAULT_MAILTO_MAX_LENGTH = 2000;
const SHORTENED = '\n[… the message was shortened to fit in an email link]';

/**
 * A mailto: URL with subject and body, for the editor to open. When it would be longer than
 * `maxLength`, the message is shortened (and says so); emailBody gives the full text to copy.
 */
export function mailtoUrl(channel: EmailChannel, payload: FeedbackPayload, opts: { maxLength?: number } = {}): string {
  const max = opts.maxLength ?? DEFAULT_MAILTO_MAX_LENGTH;
  const address = channel.address.split('@').map(encodeURIComponent).join('@');
  const subject = encodeURIComponent(`[Platform Guide] ${feedbackTitle(payload)}`);
  // RFC 6068: line breaks in the body are CRLF, percent-encoded.
  const build = (message: string): string =>
    `mailto:${address}?subject=${subject}&body=${encodeURIComponent(emailBody(payload, message).replace(/\r?\n/g, '\r\n'))}`;
  const full = build(payload.message);
  if (full.length <= max) return full;
  const chars = [...payload.message];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(chars.slice(0, mid).join('') + SHORTENED).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return build(chars.slice(0, lo).join('') + SHORTENED);
}
