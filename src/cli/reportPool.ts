import { parentPort, Worker } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/model';
import { scanRepository, type RepositoryScan } from '../core/report/snapshot';

/**
 * `report` scans its repositories in worker threads, one repository per request, so a folder of a
 * thousand repositories uses every core. The workers run the CLI's own bundle (dist/cli.js): it
 * serves scans when started with this marker as its workerData (main.ts), so the package ships one
 * file and the workers run exactly the code the command does.
 */
export const REPORT_WORKER = 'platform-guide/report-scan-worker';

type Scanned = Awaited<ReturnType<typeof scanRepository>>;
/**
 * A repository to scan. Its catalog is sent to a worker once and named by a number after: copying
 * a catalog into a worker for each of a thousand repositories took seconds of the report's thread.
 */
type Request = Omit<RepositoryScan, 'catalog'> & { readonly id: number; readonly catalogId: number; readonly catalog?: Catalog };
type Response = { readonly id: number; readonly scanned: Scanned } | { readonly id: number; readonly error: string };

interface Job {
  readonly request: RepositoryScan;
  readonly resolve: (s: Scanned) => void;
  readonly reject: (e: Error) => void;
}

/** Up to `size` workers started as they are needed; each scans one repository at a time. */
export class ScanPool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  /** The job each worker is scanning. */
  private readonly busy = new Map<Worker, Job & { readonly id: number }>();
  private started = 0;
  /** The catalogs' numbers, and which each worker has been sent. */
  private readonly catalogIds = new Map<Catalog, number>();
  private readonly sent = new WeakMap<Worker, Set<number>>();
  private next = 1;
  private closed = false;

  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  scan(request: RepositoryScan): Promise<Scanned> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; scans still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the report was stopped'));
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.start() : undefined);
      if (!worker) return;
      const job = { ...this.queue.shift()!, id: this.next++ };
      this.busy.set(worker, job);
      const { catalog, ...request } = job.request;
      const catalogId = this.catalogIds.get(catalog) ?? this.catalogIds.set(catalog, this.catalogIds.size + 1).size;
      const sent = this.sent.get(worker) ?? this.sent.set(worker, new Set()).get(worker)!;
      const first = !sent.has(catalogId);
      sent.add(catalogId);
      worker.postMessage({ ...request, id: job.id, catalogId, ...(first ? { catalog } : {}) } satisfies Request);
    }
  }

  private start(): Worker {
    this.started++;
    const worker = new Worker(this.script, { workerData: REPORT_WORKER });
    worker.on('message', (r: Response) => {
      const job = this.busy.get(worker);
      if (!job || job.id !== r.id) return;
      this.busy.delete(worker);
      if ('error' in r) job.reject(new Error(r.error));
      else job.resolve(r.scanned);
      this.idle.push(worker);
      this.pump();
    });
    // A worker that dies fails the scan it was making; the others carry on, and a new one may start.
    let gone = false;
    const lost = (e: Error) => {
      if (gone) return;
      gone = true;
      this.started--;
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      job?.reject(e);
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`a report scan worker stopped (exit code ${code})`)));
    return worker;
  }
}

/** The worker's side: answers each request with its repository's scan, or the error it threw. */
export function serveReportScans(): void {
  const catalogs = new Map<number, Catalog>();
  parentPort?.on('message', (req: Request) => {
    const { id, catalogId, catalog: sent, ...request } = req;
    if (sent) catalogs.set(catalogId, sent);
    const catalog = catalogs.get(catalogId);
    if (!catalog) throw new Error(`report scan worker: catalog ${catalogId} was never sent`);
    scanRepository({ ...request, catalog }).then(
      (scanned) => parentPort?.postMessage({ id, scanned } satisfies Response),
      (e: unknown) => parentPort?.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies Response),
    );
  });
}
