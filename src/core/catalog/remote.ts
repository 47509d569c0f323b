import { CatalogLoadError, MAX_REDIRECTS, checkUrl, describeNetworkError, formatSeconds, readBody } from './load';
import { MAX_CATALOG_BYTES } from './parse';
import { formatBytes } from './reporter';

export interface RemoteFetchOptions {
  fetch?: typeof globalThis.fetch;
  /** Default 10000. Covers the whole download, not just the first byte. */
  timeoutMs?: number;
  /** Default MAX_CATALOG_BYTES. */
  maxBytes?: number;
  /** The ETag of the cached copy: sent as If-None-Match, so an unchanged catalog costs a 304. */
  etag?: string;
  /** Sent as `Authorization: Bearer …`, only to the catalog's own origin. */
  token?: string;
}

/**
 * `offline` tells a cache whether the last good copy should stand in: true when the server could
 * not be reached (network error, timeout), false when it answered and refused or the URL itself is
 * refused. Messages do not repeat the URL: the caller shows it beside them.
 */
export type RemoteFetchResult =
  | { kind: 'fresh'; text: string; etag?: string }
  | { kind: 'not-modified' }
  | { kind: 'failed'; message: string; offline: boolean };

/**
 * Fetches a catalog for the editor's cache, conditionally when `etag` is given. Follows the same
 * rules as loadCatalogs (https, http only to this machine, every redirect target checked, a capped
 * body). Never throws: every problem is a `failed` result.
 */
export async function fetchCatalogConditional(url: string, opts: RemoteFetchOptions): Promise<RemoteFetchResult> {
  const maxBytes = opts.maxBytes ?? MAX_CATALOG_BYTES;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const failed = (message: string): RemoteFetchResult => ({ kind: 'failed', message, offline: false });
  let first: URL;
  let headers: Headers;
  try {
    first = checkUrl(url, url);
    headers = new Headers({ accept: 'application/yaml, application/json, text/plain, */*' });
    if (opts.etag !== undefined) headers.set('if-none-match', opts.etag);
    // checkUrl has just limited the URL to https or loopback http, so the token never travels in clear.
    if (opts.token !== undefined) headers.set('authorization', `Bearer ${opts.token}`);
  } catch (e) {
    // A refused URL, or a token or ETag that cannot be a header value (a line break in it).
    return failed(e instanceof CatalogLoadError ? e.message : `cannot send the request: ${errorText(e)}`);
  }

  const doFetch = opts.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let target = first;
    for (let hop = 0; ; hop++) {
      const res = await doFetch(target, { signal: controller.signal, redirect: 'manual', headers });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && location !== null) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) return failed(`more than ${MAX_REDIRECTS} redirects`);
        target = checkUrl(url, new URL(location, target).toString());
        // As browsers do: a token for the catalog's server is not handed to another origin.
        if (target.origin !== first.origin) headers.delete('authorization');
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { kind: 'not-modified' };
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return failed(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      const text = await readBody(res, maxBytes, () => new CatalogLoadError(url, `the response is larger than ${formatBytes(maxBytes)}`));
      const etag = res.headers.get('etag');
      return etag === null ? { kind: 'fresh', text } : { kind: 'fresh', text, etag };
    }
  } catch (e) {
    if (controller.signal.aborted) return { kind: 'failed', message: `timed out after ${formatSeconds(timeoutMs)}`, offline: true };
    // Raised by checkUrl on a redirect or by the size cap: the server answered, so it is not offline.
    if (e instanceof CatalogLoadError) return failed(e.message);
    return { kind: 'failed', message: describeNetworkError(e), offline: true };
  } finally {
    clearTimeout(timer);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
