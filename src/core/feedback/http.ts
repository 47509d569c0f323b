import { checkUrl, describeNetworkError, formatSeconds, readBody } from '../catalog/load';

/** The outcome of one delivery attempt to one channel. */
export type DeliveryResult =
  | { kind: 'delivered'; url?: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'failed'; reason: string };

export const DEFAULT_DELIVERY_TIMEOUT_MS = 15_000;
/** A server asking for more than this is asked again after this: a message must not sit for days. */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60 * 1000;
/** Feedback responses are small; anything bigger is read only this far. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** A response, read in full (up to the cap) before the delivery's deadline. */
export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** Undefined when the body could not be read (cut off, too large): the status still stands. */
  readonly text: string | undefined;
}

/** One deadline and one fetch for all requests of a delivery (GitHub makes up to three). */
export class HttpSession {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly doFetch: typeof globalThis.fetch,
    readonly timeoutMs: number,
  ) {
    this.timer = setTimeout(() => this.controller.abort(), timeoutMs);
  }

  get timedOut(): boolean {
    return this.controller.signal.aborted;
  }

  close(): void {
    clearTimeout(this.timer);
  }

  /**
   * Throws only for network errors and the deadline. Redirects are not followed: a POST would turn
   * into a GET, and a token would travel to wherever the redirect points.
   */
  async request(url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<HttpAnswer> {
    const res = await this.doFetch(url, { ...init, redirect: 'manual', signal: this.controller.signal });
    let text: string | undefined;
    try {
      text = await readBody(res, MAX_RESPONSE_BYTES, () => new Error('too large'));
    } catch {
      // The status has arrived, and it decides; a 2xx whose body was cut off is still delivered.
      text = undefined;
    }
    return { status: res.status, statusText: res.statusText, headers: res.headers, text };
  }

  /** The retry result for an exception thrown by request(). */
  networkFailure(e: unknown): DeliveryResult {
    if (this.timedOut) return { kind: 'retry', reason: `no answer within ${formatSeconds(this.timeoutMs)}` };
    // describeNetworkError names the code (ECONNREFUSED…); some causes carry only a message ("bad port").
    const cause = e instanceof Error ? e.cause : undefined;
    const text = cause instanceof Error && (cause as { code?: unknown }).code === undefined ? cause.message : describeNetworkError(e);
    return { kind: 'retry', reason: `network error: ${text}` };
  }
}

/**
 * A destination URL must be https, or plain http to this machine only — the same rule as catalog
 * URLs. Returns the reason when it is refused.
 */
export function destinationUrl(text: string): URL | string {
  try {
    return checkUrl(text, text);
  } catch {
    return /^http:/i.test(text)
      ? `refusing to send feedback over plain http to ${text}: use https:// (plain http only to this machine)`
      : `cannot send feedback to ${text}: not an https:// URL`;
  }
}

/** A link to show the user: only https, or http to this machine; never javascript:, file:, data:… */
export function trustedLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  const url = destinationUrl(value);
  return typeof url === 'string' ? undefined : url.href;
}

/**
 * The common status rules: 2xx delivered; 408, 429 and 5xx retried (honouring Retry-After); every
 * other status a final failure that quotes the start of the body. `what` names the other side.
 */
export function classify(answer: HttpAnswer, what: string, now: number): DeliveryResult {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const head = `${what} answered HTTP ${status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now);
    return retryAfterMs === undefined ? { kind: 'retry', reason: head } : { kind: 'retry', reason: head, retryAfterMs };
  }
  if (status >= 300 && status < 400) {
    const location = answer.headers.get('location');
    return { kind: 'failed', reason: `${head}, a redirect${location ? ` to ${excerpt(location, 200)}` : ''}: the catalog should name the final address` };
  }
  const body = excerpt(answer.text ?? '', 200);
  return { kind: 'failed', reason: body ? `${head}: ${body}` : head };
}

/** Retry-After as delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (!/[a-z]/i.test(text) || Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

/** One line, at most `max` characters: for quoting a server's answer in a message. */
export function excerpt(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** JSON.parse that gives undefined instead of throwing. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
