import * as path from 'node:path';
import { ZERO_RANGE } from '../positions';
import { readRegularFile, readRepoFile, type ReadResult } from '../safeRead';
import type { SourceProblem } from '../types';
import { mergeCatalogs } from './merge';
import type { Catalog, CatalogDocument } from './model';
import { MAX_CATALOG_BYTES, parseCatalogText } from './parse';
import { formatBytes } from './reporter';
import { repoCatalogPathProblem } from './repoConfig';

export interface LoadOptions {
  /** Relative catalog paths are read from here. */
  cwd: string;
  fetch?: typeof globalThis.fetch;
  /** Default 10000. Covers the whole download, not just the first byte. */
  timeoutMs?: number;
  /** Default MAX_CATALOG_BYTES. */
  maxBytes?: number;
}

/** A catalog that could not be read at all. `file` is the reference as the user gave it. */
export class CatalogLoadError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'CatalogLoadError';
  }
}

/** Shared with remote.ts, like the URL rule and the capped body reader below. */
export const MAX_REDIRECTS = 5;

/**
 * A `catalogs:` entry of a repository's `.platform-guide.yaml`: always a path inside `root`, never
 * a URL however it is spelt, read only through the safe reader. `file` is how problems name it.
 */
export interface RepoCatalogRef {
  readonly root: string;
  /** The entry as written, relative to `root`. */
  readonly path: string;
  readonly file: string;
}

/** What the user named (a path or a URL), or a repository's own catalog. */
export type CatalogRef = string | RepoCatalogRef;

/**
 * Reads a catalog from a path (relative to `cwd`) or an https URL (http only to this machine); a
 * repository's catalog only from a file inside that repository.
 */
export async function readCatalogSource(ref: CatalogRef, opts: LoadOptions): Promise<{ file: string; text: string }> {
  const maxBytes = opts.maxBytes ?? MAX_CATALOG_BYTES;
  if (typeof ref !== 'string') return { file: ref.file, text: readRepoCatalog(ref, maxBytes) };
  if (!isUrlLike(ref)) return { file: ref, text: readLocal(ref, path.resolve(opts.cwd, ref), maxBytes) };
  const url = checkUrl(ref, ref);
  return { file: ref, text: await fetchText(ref, url, opts, maxBytes) };
}

/** Reads, parses and merges catalogs in order. Any problem with severity `error` means "invalid catalog". */
export async function loadCatalogs(refs: readonly CatalogRef[], opts: LoadOptions): Promise<{ catalog?: Catalog; problems: SourceProblem[] }> {
  // The same catalog named twice would report every id in it as a duplicate.
  const seen = new Set<string>();
  const unique = refs.filter((r) => {
    const key = typeof r !== 'string' ? path.resolve(r.root, r.path) : isUrlLike(r) ? r : path.resolve(opts.cwd, r);
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const sources = await Promise.allSettled(unique.map((r) => readCatalogSource(r, opts)));
  const problems: SourceProblem[] = [];
  const docs: CatalogDocument[] = [];
  sources.forEach((s, i) => {
    if (s.status === 'rejected') {
      const reason: unknown = s.reason;
      const message = reason instanceof Error ? reason.message : String(reason);
      const ref = unique[i]!;
      problems.push({ file: typeof ref === 'string' ? ref : ref.file, range: ZERO_RANGE, message, severity: 'error' });
      return;
    }
    const parsed = parseCatalogText(s.value.file, s.value.text, { maxBytes: opts.maxBytes });
    problems.push(...parsed.problems);
    if (parsed.document) docs.push(parsed.document);
  });
  if (docs.length === 0) return { problems };
  const merged = mergeCatalogs(docs);
  return { catalog: merged.catalog, problems: [...problems, ...merged.problems] };
}

function isUrlLike(ref: string): boolean {
  // A one-letter "scheme" is a Windows drive (C:\catalog.yaml).
  return /^[a-z][a-z0-9+.-]+:/i.test(ref);
}

/** The https rule for every URL a catalog is fetched from (each redirect target too); throws CatalogLoadError. */
export function checkUrl(ref: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CatalogLoadError(ref, `${text} is not a valid URL`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (isLoopback(url.hostname)) return url;
    throw new CatalogLoadError(ref, `refusing to fetch ${text} over plain http: use https:// (http is accepted only for this machine: localhost, 127.0.0.1, [::1])`);
  }
  throw new CatalogLoadError(ref, `cannot read a catalog from a ${url.protocol} URL (${text}): give an https:// URL or a file path`);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** A path the user gave: links are followed (the user chose it), but only a regular file is read. */
function readLocal(ref: string, absolute: string, maxBytes: number): string {
  return decodeOrThrow(ref, readRegularFile(absolute, maxBytes), maxBytes);
}

/** Nothing of a refused file is read, so nothing of it can appear in a message. */
function readRepoCatalog(ref: RepoCatalogRef, maxBytes: number): string {
  const problem = repoCatalogPathProblem(ref.path);
  if (problem) throw new CatalogLoadError(ref.file, `refusing the catalog '${ref.path}': ${problem}`);
  return decodeOrThrow(ref.file, readRepoFile(ref.root, ref.path, maxBytes), maxBytes);
}

function decodeOrThrow(ref: string, read: ReadResult, maxBytes: number): string {
  if (read.ok) return new TextDecoder().decode(read.bytes);
  if (read.tooLarge) throw new CatalogLoadError(ref, `${ref} is larger than ${formatBytes(maxBytes)}; split it into smaller catalogs`);
  throw new CatalogLoadError(ref, `cannot read ${ref}: ${read.reason}`);
}

async function fetchText(ref: string, first: URL, opts: LoadOptions, maxBytes: number): Promise<string> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const fail = (message: string): CatalogLoadError => new CatalogLoadError(ref, `could not fetch ${ref}: ${message}`);
  try {
    let url = first;
    for (let hop = 0; ; hop++) {
      // Redirects are followed by hand so that each target passes the same https rule.
      const res = await doFetch(url, { signal: controller.signal, redirect: 'manual', headers: { accept: 'application/yaml, application/json, text/plain, */*' } });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location !== null) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`);
        url = checkUrl(ref, new URL(location, url).toString());
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw fail(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      return await readBody(res, maxBytes, () => fail(`the response is larger than ${formatBytes(maxBytes)}`));
    }
  } catch (e) {
    if (controller.signal.aborted) throw fail(`timed out after ${formatSeconds(timeoutMs)}`);
    if (e instanceof CatalogLoadError) throw e;
    throw fail(describeNetworkError(e));
  } finally {
    clearTimeout(timer);
  }
}

/** Reads at most `maxBytes`, so a huge or endless response is cut off instead of buffered. */
export async function readBody(res: Response, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export function describeNetworkError(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}
