import { randomUUID } from 'node:crypto';
import type { FeedbackChannel } from '../catalog/model';
import type { AutomaticChannel } from './channels';
import type { DeliveryResult } from './http';
import { DEFAULT_STALE_MS, type OutboxLock, createFileLock } from './lockFile';
import {
  type OutboxItem,
  type OutboxReport,
  type RunMemory,
  addToReport,
  DEFAULT_MAX_OUTBOX_BYTES,
  type EnqueueResult,
  applyResult,
  entryId,
  heldByOther,
  newLease,
  nextDue,
  postponeHeld,
  refusal,
  renewLease,
  toItem,
} from './outboxRules';
import { type OutboxEntry, type OutboxState, isPayload, readOutboxFile, setAside, writeOutboxFile } from './outboxStore';
import type { FeedbackPayload } from './payload';

export interface OutboxOptions {
  /** The JSON file; the lock is `<file>.lock`. */
  file: string;
  /** Sends one entry: normally `(c, p) => deliver(c, p, { githubToken })`. Must not take longer than a few minutes. */
  deliver: (channel: AutomaticChannel, payload: FeedbackPayload) => Promise<DeliveryResult>;
  /**
   * Cap on the bytes (UTF-8 JSON) of undelivered entries, failed ones included; default 4 MiB. A
   * submission that would pass it is refused, never an older one dropped.
   */
  maxBytes?: number;
  /** Clock for scheduling (enqueuedAt, nextAttempt, nextDueIn). Default Date.now. */
  now?: () => number;
  /** For backoff jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  onWarning?: (message: string) => void;
  /** Default: a lock file next to the outbox (createFileLock). */
  lock?: OutboxLock;
  /** A lock or a sending window silent this long (wall-clock) is taken over. Default 60000. */
  staleMs?: number;
  /** How long a change waits for the lock before it gives up (and throws). Default 10000. */
  lockTimeoutMs?: number;
  /** An entry still not delivered after this (since enqueued or last "retry now") is marked failed. Default 7 days. */
  giveUpAfterMs?: number;
}

/** nextDueIn's answer while another window sends, so a caller's timer does not spin. */
export const BUSY_RECHECK_MS = 5_000;

/**
 * Durable outbox, shared by every window through one file. Each change is read-modify-write under
 * the lock, which is held for milliseconds only; sending happens outside it, by the one window that
 * holds the sender lease recorded in the file (renewed while it sends). So a window that is sending
 * never keeps another from saving a new submission, and no entry is ever sent by two windows.
 */
export class Outbox {
  private readonly opts: Required<Omit<OutboxOptions, 'onWarning'>> & Pick<OutboxOptions, 'onWarning'>;
  private readonly owner = randomUUID();
  private queue: Promise<unknown> = Promise.resolve();
  private running: Promise<OutboxReport> | undefined;
  private followUp: Promise<OutboxReport> | undefined;

  constructor(options: OutboxOptions) {
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    this.opts = {
      file: options.file,
      deliver: options.deliver,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_OUTBOX_BYTES,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      onWarning: options.onWarning,
      lock: options.lock ?? createFileLock(`${options.file}.lock`, { staleMs, onWarning: options.onWarning }),
      staleMs,
      lockTimeoutMs: options.lockTimeoutMs ?? 10_000,
      giveUpAfterMs: options.giveUpAfterMs ?? 7 * 24 * 60 * 60_000,
    };
  }

  /** Opens the outbox and checks its file now: a corrupt one is set aside (with a warning), never fatal. */
  static async load(file: string, options: Omit<OutboxOptions, 'file'>): Promise<Outbox> {
    const outbox = new Outbox({ ...options, file });
    try {
      await outbox.change(() => undefined, false);
    } catch (e) {
      outbox.warn(`could not open the feedback outbox ${file}: ${message(e)}`);
    }
    return outbox;
  }

  /**
   * Saves one entry per automatic channel, on disk, before anything is sent. Enqueuing the same
   * submission again adds nothing. Accepted: the submission's entries still in the outbox ([] when
   * all were delivered already). Refused, with nothing saved, when the undelivered entries would pass
   * `maxBytes`: the panel shows why and keeps the draft. Rejects only when the file cannot be
   * written (then nothing was saved either).
   */
  async enqueue(payload: FeedbackPayload, channels: readonly AutomaticChannel[]): Promise<EnqueueResult> {
    if (!isPayload(payload)) throw new TypeError('enqueue: not a feedback payload (use buildPayload)');
    // The type already says so; this is for callers that cast (a team's whole feedback list).
    if (channels.some((c) => (c as FeedbackChannel).kind === 'email')) throw new TypeError('enqueue: email is not sent automatically; use mailtoUrl');
    const now = this.opts.now();
    return this.change((s): EnqueueResult => {
      const added: OutboxEntry[] = [];
      for (const channel of channels) {
        const id = entryId(payload.id, channel);
        if (s.entries.some((e) => e.id === id) || s.delivered.some((d) => d.id === id) || added.some((e) => e.id === id)) continue;
        const copy = JSON.parse(JSON.stringify({ channel, payload })) as { channel: AutomaticChannel; payload: FeedbackPayload };
        added.push({ id, submissionId: payload.id, ...copy, state: 'pending', attempts: 0, enqueuedAt: now, nextAttempt: now });
      }
      // All of the submission or none of it: half a submission in the outbox would be sent half.
      const full = refusal(s, added, this.opts.maxBytes);
      if (full !== undefined) return { kind: 'refused', reason: full };
      s.entries.push(...added);
      return { kind: 'accepted', items: s.entries.filter((e) => e.submissionId === payload.id).map(toItem) };
    });
  }

  /**
   * Sends every due entry, one at a time, re-reading the file before each. Never rejects. A call
   * made while this window is sending gets the report of one more run after the current one, so an
   * entry enqueued just before the call is always tried. Timers are the caller's: run again after
   * nextDueIn().
   */
  processDue(): Promise<OutboxReport> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = undefined));
      return this.running;
    }
    this.followUp ??= this.running.then(() => {
      this.followUp = undefined;
      return this.processDue();
    });
    return this.followUp;
  }

  async list(): Promise<OutboxItem[]> {
    return this.read((s) => [...s.entries].sort((a, b) => a.enqueuedAt - b.enqueuedAt).map(toItem));
  }

  async pendingCount(): Promise<number> {
    return this.read((s) => s.entries.filter((e) => e.state === 'pending').length);
  }

  /** Milliseconds until the next pending entry is due (0: now); undefined when nothing is pending. */
  async nextDueIn(): Promise<number | undefined> {
    return this.read((s) => {
      const now = this.opts.now();
      const pending = s.entries.filter((e) => e.state === 'pending').map((e) => Math.max(0, e.nextAttempt - now));
      if (pending.length === 0) return undefined;
      const due = Math.min(...pending);
      return heldByOther(s, this.owner, this.opts.staleMs) ? Math.max(due, BUSY_RECHECK_MS) : due;
    });
  }

  /** Makes failed and waiting entries due now (all, or one by entry id or submission id); returns how many. */
  async retryNow(id?: string): Promise<number> {
    const now = this.opts.now();
    return this.change((s) => {
      const hit = s.entries.filter((e) => id === undefined || e.id === id || e.submissionId === id);
      for (const e of hit) Object.assign(e, { state: 'pending', attempts: 0, nextAttempt: now, retriedAt: now });
      return hit.length;
    });
  }

  /** Removes entries by entry id or submission id; returns how many. */
  async discard(id: string): Promise<number> {
    return this.change((s) => {
      const before = s.entries.length;
      s.entries = s.entries.filter((e) => e.id !== id && e.submissionId !== id);
      return before - s.entries.length;
    });
  }

  private async run(): Promise<OutboxReport> {
    const report: OutboxReport = { busy: false, attempted: 0, delivered: [], retrying: [], failed: [], pending: 0 };
    const run: RunMemory = { tried: new Set(), holds: new Map() };
    let sending = false;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    try {
      const claimed = await this.change((s) => {
        if (heldByOther(s, this.owner, this.opts.staleMs)) return undefined;
        if (s.sender && s.sender.owner !== this.owner) this.warn(`took over sending feedback from process ${s.sender.pid}, which stopped responding`);
        s.sender = newLease(this.owner);
        return s;
      });
      if (!claimed) return { ...report, busy: true, pending: await this.pendingCount() };
      sending = true;
      // Renews the lease while one slow delivery is under way; each recorded result renews it too.
      heartbeat = setInterval(() => void this.change((s) => renewLease(s, this.owner)).catch(() => undefined), Math.max(1000, this.opts.staleMs / 4));
      heartbeat.unref?.();
      let state: OutboxState = claimed;
      for (let next = nextDue(state, this.opts.now(), run); next; next = nextDue(state, this.opts.now(), run)) {
        const sent: OutboxEntry = next;
        run.tried.add(sent.id);
        report.attempted++;
        const result = await this.attempt(sent);
        const ctx = { now: this.opts.now(), random: this.opts.random, giveUpAfterMs: this.opts.giveUpAfterMs, run };
        const after = await this.change((s) => ({ state: s, mine: renewLease(s, this.owner), applied: applyResult(s, sent, result, ctx) }));
        state = after.state;
        addToReport(report, sent, after.applied);
        if (!after.mine) break;
      }
    } catch (e) {
      report.error = `feedback outbox: ${message(e)}`;
      this.warn(report.error);
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      if (sending) await this.finish(report, run);
    }
    return report;
  }

  /** Gives held-back entries their destination's next time and hands the sender lease back. */
  private async finish(report: OutboxReport, run: RunMemory): Promise<void> {
    try {
      report.pending = await this.change((s) => {
        postponeHeld(s, run);
        if (s.sender?.owner === this.owner) delete s.sender;
        return s.entries.filter((e) => e.state === 'pending').length;
      });
    } catch (e) {
      report.error ??= `feedback outbox: ${message(e)}`;
      this.warn(`feedback outbox: ${message(e)}`);
    }
  }

  private async attempt(entry: OutboxEntry): Promise<DeliveryResult> {
    try {
      return await this.opts.deliver(entry.channel, entry.payload);
    } catch (e) {
      return { kind: 'retry', reason: `delivery failed unexpectedly: ${message(e)}` };
    }
  }

  /**
   * Read-modify-write under the lock, one at a time within this window. `write: false` is for
   * reads that found the file damaged: the repaired state is written all the same.
   */
  private change<T>(fn: (s: OutboxState) => T, write = true): Promise<T> {
    const run = async (): Promise<T> => {
      await this.lock();
      try {
        const { state, problem } = await readOutboxFile(this.opts.file);
        if (problem !== undefined) {
          const copy = await setAside(this.opts.file, this.opts.now());
          this.warn(`${problem}; ${copy ? `a copy was kept at ${copy} and ` : ''}the outbox goes on with what could be read`);
        }
        const result = fn(state);
        if (write || problem !== undefined) await writeOutboxFile(this.opts.file, state);
        return result;
      } finally {
        await this.opts.lock.release();
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Reads need no lock (every write is an atomic rename), unless the file has to be set aside. */
  private async read<T>(fn: (s: OutboxState) => T): Promise<T> {
    const { state, problem } = await readOutboxFile(this.opts.file);
    return problem === undefined ? fn(state) : this.change(fn, false);
  }

  private async lock(): Promise<void> {
    const deadline = Date.now() + this.opts.lockTimeoutMs;
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      if (await this.opts.lock.acquire()) return;
      if (Date.now() > deadline) throw new Error(`the feedback outbox ${this.opts.file} stayed locked by another window for ${this.opts.lockTimeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, wait / 2 + Math.random() * wait));
    }
  }

  private warn(text: string): void {
    this.opts.onWarning?.(text);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
