import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';

/** A try-lock: acquire() answers at once; the outbox waits and asks again. */
export interface OutboxLock {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

export const DEFAULT_STALE_MS = 60_000;

interface LockInfo {
  pid: number;
  host: string;
  at: number;
  token: string;
}

/** Whether a process on this machine is gone, so that what it held can be taken over at once. */
export function isDeadHere(pid: number, host: string): boolean {
  if (host !== hostname() || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: it exists, but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * A lock file created with `wx` holding pid, host, time and a token. One whose holder is gone (a
 * dead pid on this machine) or older than `staleMs` is taken over: it is renamed aside first and
 * removed only if it is still the one judged stale, so two windows never both take it.
 */
export function createFileLock(file: string, opts: { staleMs?: number; onWarning?: (message: string) => void } = {}): OutboxLock {
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  let held: string | undefined;

  const create = async (): Promise<boolean> => {
    const info: LockInfo = { pid: process.pid, host: hostname(), at: Date.now(), token: randomUUID() };
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(info));
      } finally {
        await handle.close();
      }
      held = info.token;
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT') {
        await mkdir(path.dirname(file), { recursive: true });
        return create();
      }
      throw e;
    }
  };

  return {
    async acquire(): Promise<boolean> {
      if (await create()) return true;
      const seen = await inspect(file);
      if (seen === undefined) return create();
      if (!isStale(seen, staleMs)) return false;
      const aside = `${file}.stale-${randomUUID().slice(0, 8)}`;
      try {
        await rename(file, aside);
      } catch {
        return false;
      }
      const moved = await inspect(aside);
      if (moved !== undefined && sameLock(moved, seen)) {
        await unlink(aside).catch(() => undefined);
        const who = seen.info ? `process ${seen.info.pid} on ${seen.info.host}` : 'a process that stopped while taking it';
        opts.onWarning?.(`took over the feedback outbox lock left by ${who}`);
        return create();
      }
      // Someone replaced the stale lock in between: put theirs back.
      await link(aside, file).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      return false;
    },
    async release(): Promise<void> {
      const token = held;
      held = undefined;
      if (token === undefined) return;
      const seen = await inspect(file);
      if (seen?.info?.token === token) await unlink(file).catch(() => undefined);
    },
  };
}

interface Seen {
  info?: LockInfo;
  mtimeMs: number;
  size: number;
}

async function inspect(file: string): Promise<Seen | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let parsed: LockInfo | undefined;
    try {
      const v = JSON.parse(text) as Partial<LockInfo>;
      if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.at === 'number' && typeof v.token === 'string') parsed = v as LockInfo;
    } catch {
      // Created but not yet written, or the writer died: judged by the file's time alone.
    }
    return parsed ? { info: parsed, mtimeMs: info.mtimeMs, size: info.size } : { mtimeMs: info.mtimeMs, size: info.size };
  } catch {
    return undefined;
  }
}

function isStale(seen: Seen, staleMs: number): boolean {
  const at = seen.info?.at ?? seen.mtimeMs;
  if (Date.now() - at > staleMs) return true;
  return seen.info !== undefined && isDeadHere(seen.info.pid, seen.info.host);
}

function sameLock(a: Seen, b: Seen): boolean {
  if (a.info && b.info) return a.info.token === b.info.token;
  return !a.info && !b.info && a.mtimeMs === b.mtimeMs && a.size === b.size;
}
