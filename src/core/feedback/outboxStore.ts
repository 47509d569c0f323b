import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { AutomaticChannel } from './channels';
import { FEEDBACK_SCHEMA, type FeedbackPayload, isFeedbackKind } from './payload';

/** The outbox file: one JSON document, replaced as a whole (temp file, fsync, rename) on every change. */

export const OUTBOX_SCHEMA = 'platform-guide/outbox-v1';

export interface OutboxEntry {
  /** `<submission id>/<channel hash>`: one entry per (submission, channel). */
  id: string;
  submissionId: string;
  channel: AutomaticChannel;
  payload: FeedbackPayload;
  state: 'pending' | 'failed';
  attempts: number;
  enqueuedAt: number;
  nextAttempt: number;
  /** When the user last chose "retry now": giving up counts from here. */
  retriedAt?: number;
  lastAttemptAt?: number;
  lastError?: string;
}

/** The window that is sending, so that only one does; renewed while it sends. */
export interface SenderLease {
  owner: string;
  pid: number;
  host: string;
  heartbeat: number;
}

export interface OutboxState {
  entries: OutboxEntry[];
  /** Entry ids delivered recently: enqueuing one again (a double click) does not send it twice. */
  delivered: Array<{ id: string; at: number }>;
  sender?: SenderLease;
}

export const emptyState = (): OutboxState => ({ entries: [], delivered: [] });

/** `problem` says why the file (or part of it) could not be used; the state holds what could. */
export async function readOutboxFile(file: string): Promise<{ state: OutboxState; problem?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyState() };
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { state: emptyState(), problem: text.trim() === '' ? 'the feedback outbox file was empty' : 'the feedback outbox file is not valid JSON (cut off?)' };
  }
  const root = data as { schema?: unknown; entries?: unknown; delivered?: unknown; sender?: unknown } | null;
  if (typeof root !== 'object' || root === null || root.schema !== OUTBOX_SCHEMA || !Array.isArray(root.entries)) {
    return { state: emptyState(), problem: `the feedback outbox file is not a ${OUTBOX_SCHEMA} document` };
  }
  const entries = root.entries.filter(isEntry);
  const delivered = Array.isArray(root.delivered)
    ? root.delivered.filter((d): d is { id: string; at: number } => typeof d?.id === 'string' && typeof d?.at === 'number')
    : [];
  const state: OutboxState = { entries, delivered };
  if (isLease(root.sender)) state.sender = root.sender;
  const dropped = root.entries.length - entries.length;
  return dropped > 0 ? { state, problem: `${dropped} entr${dropped === 1 ? 'y' : 'ies'} of the feedback outbox could not be read` } : { state };
}

/** Atomic: a reader sees the old file or the new one, never a mix; a crash leaves at most a temp file. */
export async function writeOutboxFile(file: string, state: OutboxState): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  const doc = { schema: OUTBOX_SCHEMA, entries: state.entries, delivered: state.delivered, sender: state.sender ?? null };
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(doc));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameOver(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/** Windows refuses to replace a file another process has open for a moment: try again briefly. */
async function renameOver(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 10 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw e;
      await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable; not possible on Windows, where rename is already journaled. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EISDIR/EPERM on Windows: nothing more to do.
  }
}

/** Keeps a copy of an unusable outbox beside it, named `<file>.corrupt-<time>`; returns its path. */
export async function setAside(file: string, now: number): Promise<string | undefined> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let i = 0; i < 5; i++) {
    const target = `${file}.corrupt-${stamp}${i === 0 ? '' : `-${i}`}`;
    try {
      await copyFile(file, target, constants.COPYFILE_EXCL);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code !== 'EEXIST') throw e;
    }
  }
  return undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
/** It travels as the Idempotency-Key header: a uuid, or at least a short header-safe token. */
export const isSubmissionId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9._~-]{1,100}$/.test(v);
const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

function isChannel(v: unknown): v is AutomaticChannel {
  const c = v as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null) return false;
  if (c.kind === 'webhook' || c.kind === 'slack') return isString(c.url);
  return c.kind === 'github' && isString(c.repo) && Array.isArray(c.labels) && c.labels.every(isString) && (c.apiUrl === undefined || isString(c.apiUrl));
}

export function isPayload(v: unknown): v is FeedbackPayload {
  const p = v as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null) return false;
  const context = p.context as Record<string, unknown> | null;
  return (
    p.schema === FEEDBACK_SCHEMA &&
    isSubmissionId(p.id) &&
    isString(p.createdAt) &&
    isString(p.team) &&
    isStringOrNull(p.component) &&
    isFeedbackKind(p.kind) &&
    (p.rating === null || typeof p.rating === 'number') &&
    isString(p.message) &&
    isStringOrNull(p.contact) &&
    typeof context === 'object' &&
    context !== null &&
    Object.values(context).every(isString)
  );
}

function isEntry(v: unknown): v is OutboxEntry {
  const e = v as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null) return false;
  const num = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  return (
    isString(e.id) &&
    isString(e.submissionId) &&
    isChannel(e.channel) &&
    isPayload(e.payload) &&
    e.payload.id === e.submissionId &&
    (e.state === 'pending' || e.state === 'failed') &&
    num(e.attempts) &&
    num(e.enqueuedAt) &&
    num(e.nextAttempt) &&
    (e.retriedAt === undefined || num(e.retriedAt)) &&
    (e.lastAttemptAt === undefined || num(e.lastAttemptAt)) &&
    (e.lastError === undefined || isString(e.lastError))
  );
}

function isLease(v: unknown): v is SenderLease {
  const l = v as Record<string, unknown> | null;
  return typeof l === 'object' && l !== null && isString(l.owner) && typeof l.pid === 'number' && isString(l.host) && typeof l.heartbeat === 'number';
}
