import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseCatalogText, type ParsedCatalog } from '../core/catalog';
import { WorkspaceScanner, type Finding, type PlatformUse, type ScanResult } from '../core/scan';
import type { Ecosystem } from '../core/types';
import type { WalkResult } from '../core/walk';
import type { ScanRequest, ScanResponse, ScanWorkerMessage } from './scanWorker';

/** A folder's scan: its results, and what a scanner on the host needs to evaluate open documents as it would. */
export interface Scanned {
  readonly result: ScanResult;
  readonly walked: WalkResult;
  readonly notes: Partial<Record<Ecosystem, unknown>>;
}

/**
 * The extension host's side of the scan worker (scanWorker.ts): one worker, started on the first
 * scan, answering one folder's scan at a time. Where the worker's bundle is missing (the engine
 * run from source), the scan runs here instead, as one pause.
 */
export class ScanClient {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<
    number,
    { findings: Finding[]; uses: PlatformUse[]; resolve: (r: Scanned) => void; reject: (e: Error) => void }
  >();
  private readonly parsing = new Map<number, { resolve: (r: ParsedCatalog) => void; reject: (e: Error) => void }>();

  /** Parses a catalog in the worker (here, where there is none), off the host's event loop. */
  parseCatalog(ref: string, text: string): Promise<ParsedCatalog> {
    const worker = this.started();
    if (!worker) return Promise.resolve(parseCatalogText(ref, text));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.parsing.set(id, { resolve, reject });
      worker.postMessage({ id, parseCatalog: { ref, text } } satisfies ScanWorkerMessage);
    });
  }

  scan(request: Omit<ScanRequest, 'id'>): Promise<Scanned> {
    const worker = this.started();
    if (!worker) return Promise.resolve(scanHere(request));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { findings: [], uses: [], resolve, reject });
      worker.postMessage({ ...request, id } satisfies ScanWorkerMessage);
    });
  }

  private started(): Worker | undefined {
    if (this.worker) return this.worker;
    const file = path.join(__dirname, 'scanWorker.js');
    if (!fs.existsSync(file)) return undefined;
    const worker = (this.worker = new Worker(file));
    worker.on('message', (r: ScanResponse) => {
      const parsing = this.parsing.get(r.id);
      if (parsing) {
        this.parsing.delete(r.id);
        if (r.kind === 'catalog') parsing.resolve(r.parsed);
        else parsing.reject(new Error(r.kind === 'error' ? r.error : `unexpected answer ${r.kind}`));
        return;
      }
      const waiting = this.pending.get(r.id);
      if (!waiting) return;
      if (r.kind === 'part') {
        for (const f of r.findings) waiting.findings.push(f);
        for (const u of r.uses) waiting.uses.push(u);
        // The next part is asked for once the host has run what waits, never all queued at once.
        setImmediate(() => worker.postMessage({ id: r.id, next: true } satisfies ScanWorkerMessage));
        return;
      }
      this.pending.delete(r.id);
      if (r.kind === 'error') waiting.reject(new Error(r.error));
      else if (r.kind === 'done') waiting.resolve({ result: { ...r.rest, findings: waiting.findings, uses: waiting.uses }, walked: r.walked, notes: r.notes });
      else waiting.reject(new Error(`unexpected answer ${r.kind}`));
    });
    // A worker that dies takes its requests with it: they fail, and the next scan starts a new one.
    const fail = (e: Error) => {
      for (const w of this.pending.values()) w.reject(e);
      for (const w of this.parsing.values()) w.reject(e);
      this.pending.clear();
      this.parsing.clear();
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the scan worker stopped (exit code ${code})`)));
    return worker;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

function scanHere(request: Omit<ScanRequest, 'id'>): Scanned {
  const scanner = new WorkspaceScanner({ root: request.root, catalog: request.catalog, today: request.today, lockfileRanges: true, perUse: true, ...(request.config ? { config: request.config } : {}) });
  const result = scanner.scan();
  return { result, walked: scanner.walked, notes: scanner.projectNotes() };
}
