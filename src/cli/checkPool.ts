import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { decodeFindings, encodeFindings, type EncodedFindings } from '../core/findingCodec';
import { joinParts, WorkspaceScanner, type ScanOptions, type ScanPart, type ScanProblem, type ScanResult } from '../core/scan';
import type { WalkResult } from '../core/walk';

/**
 * `check` reads a large tree on every core: the main thread walks it once, then it and its worker
 * threads take chunks of the manifests in turn from one shared counter until none is left; the
 * parts are joined in walk order (joinParts), so the result is the one a single thread returns. The
 * workers run the CLI's own bundle (dist/cli.js), started with this marker (main.ts).
 */
export const CHECK_WORKER = 'platform-guide/check-scan-worker';

/** Below this many manifests, a thread of its own costs more than it saves (its start is ~50 ms). */
export const PARALLEL_MIN_MANIFESTS = 1000;

/**
 * Every thread parses the lockfiles its chunks need: over this many bytes of them in the tree, a
 * second copy would cost more memory than the time it saves is worth (a 27 MB package-lock.json
 * parsed twice took the peak from 220 to 380 MB), so the default is one thread.
 */
export const PARALLEL_MAX_PROJECT_BYTES = 16 * 1024 * 1024;

/** What a check scan's options may hold to be sent to a worker: plain data only. */
type SentOptions = Pick<ScanOptions, 'root' | 'catalog' | 'config' | 'today' | 'lockfileRanges'>;

interface Start {
  readonly marker: typeof CHECK_WORKER;
  readonly options: SentOptions;
  readonly walked: WalkResult;
  /** How many manifests the walk holds, as the main thread counted them. */
  readonly manifests: number;
  readonly size: number;
  /** The next chunk to take, shared by every thread. */
  readonly counter: Int32Array;
}

interface EncodedPart extends Omit<ScanPart, 'findings' | 'uses'> {
  readonly chunk: number;
  readonly findings: EncodedFindings;
}

type Done = { readonly parts: EncodedPart[]; readonly projectProblems: ScanProblem[] } | { readonly error: string };

/**
 * Scans like scanWorkspace with `threads` threads in all (the main thread is one); `threads`
 * undefined: one per core when the tree has at least PARALLEL_MIN_MANIFESTS manifests. `script` is
 * the bundle a worker runs; without one (run from source) the scan stays in this thread. Uses are
 * not kept (`keepUses` false): what `check` prints is findings.
 */
export async function scanInParallel(opts: SentOptions, threads: number | undefined, script: string | undefined, warn: (message: string) => void): Promise<ScanResult> {
  const options: ScanOptions = { ...opts, keepUses: false };
  const scanner = new WorkspaceScanner(options);
  const manifests = scanner.manifestFiles();
  const wanted = threads ?? (manifests.length >= PARALLEL_MIN_MANIFESTS && !largeProjectFiles(opts.root, scanner.walked.files, manifests) ? os.availableParallelism() : 1);
  const size = chunkSize(manifests.length, wanted);
  const count = Math.ceil(manifests.length / size);
  const workers = script ? Math.min(wanted, count) - 1 : 0;
  if (workers <= 0) return scanner.scan();

  const counter = new Int32Array(new SharedArrayBuffer(4));
  const start: Start = { marker: CHECK_WORKER, options: opts, walked: scanner.walked, manifests: manifests.length, size, counter };
  const replies = Array.from({ length: workers }, () => workerReply(new Worker(script!, { workerData: start })));

  // This thread takes chunks too, while the workers start.
  const parts = new Array<ScanPart | undefined>(count);
  for (let c = Atomics.add(counter, 0, 1); c < count; c = Atomics.add(counter, 0, 1)) parts[c] = scanner.scanChunk(manifests, c * size, Math.min(manifests.length, (c + 1) * size));
  const projectProblems = [scanner.projectProblems()];
  for (const reply of await Promise.all(replies)) {
    if ('error' in reply) {
      warn(`platform-guide: a scan thread failed (${reply.error}); its files are read again in the main thread\n`);
      continue;
    }
    for (const part of reply.parts) parts[part.chunk] = { ...part, findings: decodeFindings(part.findings), uses: [] };
    projectProblems.push(reply.projectProblems);
  }
  // Chunks a failed worker took are read again, in order, by a scanner of their own.
  const missing = [...parts.keys()].filter((c) => parts[c] === undefined);
  if (missing.length > 0) {
    const again = new WorkspaceScanner({ ...options, walked: scanner.walked });
    for (const c of missing) parts[c] = again.scanChunk(manifests, c * size, Math.min(manifests.length, (c + 1) * size));
    projectProblems.push(again.projectProblems());
  }
  return joinParts(parts as ScanPart[], projectProblems);
}

/** Whether the files only project steps read (lockfiles) add up to over PARALLEL_MAX_PROJECT_BYTES. */
function largeProjectFiles(root: string, files: readonly string[], manifests: readonly string[]): boolean {
  const read = new Set(manifests);
  let bytes = 0;
  for (const file of files) {
    if (read.has(file)) continue;
    bytes += fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.size ?? 0;
    if (bytes > PARALLEL_MAX_PROJECT_BYTES) return true;
  }
  return false;
}

/** Chunks small enough that the threads finish together, large enough that taking one costs nothing. */
export function chunkSize(manifests: number, threads: number): number {
  return Math.max(4, Math.min(128, Math.ceil(manifests / (Math.max(1, threads) * 16))));
}

function workerReply(worker: Worker): Promise<Done> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (done: Done) => {
      if (settled) return;
      settled = true;
      resolve(done);
      void worker.terminate();
    };
    worker.once('message', (done: Done) => settle(done));
    worker.once('error', (e) => settle({ error: e instanceof Error ? e.message : String(e) }));
    worker.once('exit', (code) => settle({ error: `it exited with code ${code}` }));
  });
}

/** A worker's side (main.ts): the chunks it takes, their findings encoded, then its project problems. */
export function serveCheckScan(): void {
  const start = workerData as Start;
  let done: Done;
  const transfer: ArrayBuffer[] = [];
  try {
    const scanner = new WorkspaceScanner({ ...start.options, walked: start.walked, keepUses: false });
    const manifests = scanner.manifestFiles();
    if (manifests.length !== start.manifests) throw new Error(`the worker counted ${manifests.length} manifests, the main thread ${start.manifests}`);
    const { counter, size } = start;
    const count = Math.ceil(manifests.length / size);
    const parts: EncodedPart[] = [];
    for (let c = Atomics.add(counter, 0, 1); c < count; c = Atomics.add(counter, 0, 1)) {
      const { findings, uses: _uses, ...rest } = scanner.scanChunk(manifests, c * size, Math.min(manifests.length, (c + 1) * size));
      const encoded = encodeFindings(findings);
      transfer.push(encoded.codes.buffer as ArrayBuffer, encoded.ranges.buffer as ArrayBuffer);
      parts.push({ ...rest, chunk: c, findings: encoded });
    }
    done = { parts, projectProblems: scanner.projectProblems() };
  } catch (e) {
    done = { error: e instanceof Error ? e.message : String(e) };
    transfer.length = 0;
  }
  parentPort?.postMessage(done, transfer);
}
