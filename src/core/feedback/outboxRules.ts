import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { AutomaticChannel } from './channels';
import type { DeliveryResult } from './http';
import { isDeadHere } from './lockFile';
import type { OutboxEntry, OutboxState, SenderLease } from './outboxStore';
import { describeDestination, type FeedbackPayload } from './payload';

/** The outbox's decisions, free of files and locks: which entry goes next, and what a result does. */

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 15 * 60_000;
const KEEP_DELIVERED = 1000;
const KEEP_DELIVERED_MS = 30 * 24 * 60 * 60_000;

/** An entry as the editor shows it. `nextAttempt` and `enqueuedAt` are on the outbox's `now` clock. */
export interface OutboxItem {
  readonly id: string;
  readonly submissionId: string;
  readonly channel: AutomaticChannel;
  readonly destination: string;
  readonly state: 'pending' | 'failed';
  readonly attempts: number;
  readonly enqueuedAt: number;
  readonly nextAttempt: number;
  readonly lastError?: string;
  readonly payload: FeedbackPayload;
}

export interface OutboxReport {
  /** Another window is sending: nothing was attempted here. */
  busy: boolean;
  attempted: number;
  delivered: Array<{ id: string; submissionId: string; destination: string; url?: string }>;
  retrying: Array<{ id: string; submissionId: string; destination: string; reason: string; nextAttempt: number }>;
  failed: Array<{ id: string; submissionId: string; destination: string; reason: string }>;
  /** Entries still pending (not failed) after the run. */
  pending: number;
  /** A file problem that stopped the run early; already passed to onWarning. */
  error?: string;
}

export type Applied = { kind: 'delivered'; url?: string } | { kind: 'retry'; reason: string; nextAttempt: number } | { kind: 'failed'; reason: string };

/** Per run: what was tried, and destinations that asked for a retry (left alone until the time given). */
export interface RunMemory {
  readonly tried: Set<string>;
  readonly holds: Map<string, number>;
}

export function destinationKey(c: AutomaticChannel): string {
  return c.kind === 'github' ? `github ${c.apiUrl ?? 'https://api.github.com'} ${c.repo}` : `${c.kind} ${c.url}`;
}

/** Stable for a (submission, channel) pair, so enqueuing twice is harmless. */
export function entryId(submissionId: string, channel: AutomaticChannel): string {
  return `${submissionId}/${createHash('sha256').update(destinationKey(channel)).digest('hex').slice(0, 12)}`;
}

export function toItem(e: OutboxEntry): OutboxItem {
  const item = { id: e.id, submissionId: e.submissionId, channel: e.channel, destination: describeDestination(e.channel), state: e.state, attempts: e.attempts };
  const rest = { enqueuedAt: e.enqueuedAt, nextAttempt: e.nextAttempt, payload: e.payload };
  return e.lastError === undefined ? { ...item, ...rest } : { ...item, ...rest, lastError: e.lastError };
}

/** The oldest due entry not yet tried in this run and not held back; first in, first out. */
export function nextDue(s: OutboxState, now: number, run: RunMemory): OutboxEntry | undefined {
  let best: OutboxEntry | undefined;
  for (const e of s.entries) {
    if (e.state !== 'pending' || e.nextAttempt > now || run.tried.has(e.id)) continue;
    if ((run.holds.get(destinationKey(e.channel)) ?? -Infinity) > now) continue;
    if (!best || e.enqueuedAt < best.enqueuedAt) best = e;
  }
  return best;
}

/** Full jitter over an exponential ceiling: attempt 1 waits up to 2 s, then 4 s, … at most 15 min. */
export function backoffMs(attempts: number, random: () => number): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1)));
}

/** Records one result in the freshly read state; the entry may have been discarded meanwhile. */
export function applyResult(
  s: OutboxState,
  sent: OutboxEntry,
  result: DeliveryResult,
  ctx: { now: number; random: () => number; giveUpAfterMs: number; run: RunMemory },
): Applied {
  const { now } = ctx;
  if (result.kind === 'delivered') {
    s.entries = s.entries.filter((e) => e.id !== sent.id);
    s.delivered = [...s.delivered.filter((d) => now - d.at < KEEP_DELIVERED_MS), { id: sent.id, at: now }].slice(-KEEP_DELIVERED);
    return result;
  }
  const target = s.entries.find((e) => e.id === sent.id) ?? { ...sent };
  target.attempts += 1;
  target.lastAttemptAt = now;
  if (result.kind === 'failed') {
    Object.assign(target, { state: 'failed', lastError: result.reason });
    return result;
  }
  if (now - (target.retriedAt ?? target.enqueuedAt) >= ctx.giveUpAfterMs) {
    const reason = `not delivered after ${target.attempts} attempts: ${result.reason}`;
    Object.assign(target, { state: 'failed', lastError: reason });
    return { kind: 'failed', reason };
  }
  // Retry-After is a floor: the jittered backoff may ask for longer, never for less.
  const nextAttempt = now + Math.max(backoffMs(target.attempts, ctx.random), result.retryAfterMs ?? 0);
  Object.assign(target, { nextAttempt, lastError: result.reason });
  const key = destinationKey(sent.channel);
  ctx.run.holds.set(key, Math.max(nextAttempt, ctx.run.holds.get(key) ?? 0));
  return { kind: 'retry', reason: result.reason, nextAttempt };
}

/** Default cap on the bytes of undelivered entries: thousands of ordinary submissions, dozens at the size limits. */
export const DEFAULT_MAX_OUTBOX_BYTES = 4 * 1024 * 1024;

export type EnqueueResult =
  /** Saved on disk: the submission's entries still in the outbox ([] when all were delivered already). */
  | { readonly kind: 'accepted'; readonly items: OutboxItem[] }
  /** Nothing was saved: the outbox is full. `reason` is a sentence for the user; the draft should be kept. */
  | { readonly kind: 'refused'; readonly reason: string };

/** What an entry takes in the outbox file; the cap counts this, not entries, so one big paste weighs what it costs. */
export function entryBytes(e: OutboxEntry): number {
  return Buffer.byteLength(JSON.stringify(e), 'utf8');
}

/**
 * Why `added` cannot join the outbox, or undefined when it fits. Every entry still in the file is
 * undelivered (pending or failed: delivered ones leave it), and none is ever dropped to make room:
 * a full outbox refuses the new submission, whose draft the user still has.
 */
export function refusal(s: OutboxState, added: readonly OutboxEntry[], maxBytes: number): string | undefined {
  if (added.length === 0) return undefined;
  const waiting = s.entries.reduce((sum, e) => sum + entryBytes(e), 0);
  const needed = added.reduce((sum, e) => sum + entryBytes(e), 0);
  if (waiting + needed <= maxBytes) return undefined;
  const n = s.entries.length;
  return `the feedback outbox is full: ${n} undelivered ${n === 1 ? 'entry takes' : 'entries take'} ${size(waiting)} of its ${size(maxBytes)}, and this submission needs ${size(needed)} more`;
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Entries skipped because their destination was held back wait until the destination's time. */
export function postponeHeld(s: OutboxState, run: RunMemory): void {
  for (const e of s.entries) {
    const hold = run.holds.get(destinationKey(e.channel));
    if (e.state === 'pending' && !run.tried.has(e.id) && hold !== undefined && e.nextAttempt < hold) e.nextAttempt = hold;
  }
}

export function addToReport(report: OutboxReport, sent: OutboxEntry, applied: Applied): void {
  const where = { id: sent.id, submissionId: sent.submissionId, destination: describeDestination(sent.channel) };
  if (applied.kind === 'delivered') report.delivered.push(applied.url === undefined ? where : { ...where, url: applied.url });
  else if (applied.kind === 'retry') report.retrying.push({ ...where, reason: applied.reason, nextAttempt: applied.nextAttempt });
  else report.failed.push({ ...where, reason: applied.reason });
}


export function newLease(owner: string): SenderLease {
  return { owner, pid: process.pid, host: hostname(), heartbeat: Date.now() };
}

/** Renews our sender lease; false when another window has taken it (we were silent too long). */
export function renewLease(s: OutboxState, owner: string): boolean {
  if (s.sender?.owner !== owner) return false;
  s.sender.heartbeat = Date.now();
  return true;
}

/** Another window is sending and alive (wall-clock heartbeat, and its process still runs). */
export function heldByOther(s: OutboxState, owner: string, staleMs: number): boolean {
  const l = s.sender;
  return l !== undefined && l.owner !== owner && Date.now() - l.heartbeat <= staleMs && !isDeadHere(l.pid, l.host);
}
