import { parentPort } from 'node:worker_threads';
import type { Catalog, RepoConfig } from '../core/catalog';
import type { Ecosystem } from '../core/types';
import type { WalkResult } from '../core/walk';
import { parseCatalogText, type ParsedCatalog } from '../core/catalog';
import { WorkspaceScanner, type Finding, type PlatformUse, type ScanResult } from '../core/scan';

/**
 * The workspace scan, off the extension host's event loop (its own bundle, dist/scanWorker.js):
 * walking, reading and parsing thousands of manifests and their lockfiles takes a second or more,
 * and the editor must stay responsive meanwhile. One request at a time; each builds a scanner,
 * scans, and answers with what the host shows, the walk it made and what its projects noted, so the
 * host can build its own scanner for open documents without walking or parsing again.
 */
export interface ScanRequest {
  readonly id: number;
  readonly root: string;
  readonly catalog: Catalog;
  readonly config?: RepoConfig;
  readonly today: string;
}

/**
 * The answer comes in parts of at most PART items, each sent when the host asks for the next:
 * receiving a message is one uninterrupted task on the host, a whole scan's findings and uses at
 * once took it over 100 ms to read, and messages already queued are all read in one go.
 */
export type ScanResponse =
  | { readonly id: number; readonly kind: 'part'; readonly findings: Finding[]; readonly uses: PlatformUse[] }
  | { readonly id: number; readonly kind: 'done'; readonly rest: Omit<ScanResult, 'findings' | 'uses'>; readonly walked: WalkResult; readonly notes: Partial<Record<Ecosystem, unknown>> }
  | { readonly id: number; readonly kind: 'error'; readonly error: string }
  | { readonly id: number; readonly kind: 'catalog'; readonly parsed: ParsedCatalog };

/**
 * A catalog to parse: reading a catalog's YAML is one uninterrupted stretch of work (tens of
 * milliseconds with the library not yet warm), which the host must not spend on its event loop.
 */
export interface CatalogParseRequest {
  readonly id: number;
  readonly parseCatalog: { readonly ref: string; readonly text: string };
}

/** What the host sends: a scan to make, or a request for the next part of the current answer. */
export type ScanWorkerMessage = ScanRequest | CatalogParseRequest | { readonly id: number; readonly next: true };

const PART = 1_000;

/** The answers not yet sent in full, by request id. */
const sending = new Map<number, Iterator<ScanResponse>>();

parentPort?.on('message', (message: ScanWorkerMessage) => {
  const post = (r: ScanResponse) => parentPort?.postMessage(r);
  if ('parseCatalog' in message) {
    const { ref, text } = message.parseCatalog;
    try {
      post({ id: message.id, kind: 'catalog', parsed: parseCatalogText(ref, text) });
    } catch (e) {
      post({ id: message.id, kind: 'error', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    return;
  }
  if (!('next' in message)) sending.set(message.id, answer(message));
  const next = sending.get(message.id)?.next();
  if (!next || next.done) return;
  if (next.value.kind !== 'part') sending.delete(message.id);
  post(next.value);
});

function* answer(req: ScanRequest): Generator<ScanResponse> {
  let scanned: { scanner: WorkspaceScanner; result: ScanResult };
  try {
    // Per use: the host replaces one manifest's findings as it is typed, wherever they are shown.
    const scanner = new WorkspaceScanner({ root: req.root, catalog: req.catalog, today: req.today, lockfileRanges: true, perUse: true, ...(req.config ? { config: req.config } : {}) });
    scanned = { scanner, result: scanner.scan() };
  } catch (e) {
    yield { id: req.id, kind: 'error', error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    return;
  }
  const { findings, uses, ...rest } = scanned.result;
  for (let at = 0; at < Math.max(findings.length, uses.length); at += PART) {
    yield { id: req.id, kind: 'part', findings: findings.slice(at, at + PART), uses: uses.slice(at, at + PART) };
  }
  yield { id: req.id, kind: 'done', rest, walked: scanned.scanner.walked, notes: scanned.scanner.projectNotes() };
}
