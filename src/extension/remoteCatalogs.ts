import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fetchCatalogConditional } from '../core/catalog';

export interface RemoteText {
  readonly text: string;
  /** When the server last confirmed this text (ms since epoch). */
  readonly fetchedAt: number;
  /** True when the network failed and this is the last good copy. */
  readonly fromCache: boolean;
}

interface CacheMeta {
  url: string;
  etag?: string;
  fetchedAt: number;
}

const TOKEN_KEY = 'platformGuide.catalogToken';

/**
 * Remote catalogs, cached under the extension's global storage with their ETag, so that a refresh
 * costs a 304 and an offline window still has the last good copy.
 */
export class RemoteCatalogs {
  /** URLs whose last fetch failed: their copy is served from the cache until a fetch succeeds. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly storage: vscode.Uri,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async get(url: string, opts: { maxAgeMs: number; timeoutMs: number; force: boolean }): Promise<RemoteText | { error: string }> {
    const { body, meta } = this.paths(url);
    const cached = await readCache(body, meta);
    if (cached && !opts.force && Date.now() - cached.meta.fetchedAt < opts.maxAgeMs) {
      // Not due: still the cached copy of a server that failed its last fetch, until one succeeds.
      return { text: cached.text, fetchedAt: cached.meta.fetchedAt, fromCache: this.failing.has(url) };
    }
    const token = await this.secrets.get(TOKEN_KEY);
    const result = await fetchCatalogConditional(url, {
      timeoutMs: opts.timeoutMs,
      ...(cached?.meta.etag ? { etag: cached.meta.etag } : {}),
      ...(token ? { token } : {}),
    });
    const now = Date.now();
    if (result.kind === 'failed') this.failing.add(url);
    else this.failing.delete(url);
    if (result.kind === 'fresh') {
      await this.write(body, meta, result.text, { url, fetchedAt: now, ...(result.etag ? { etag: result.etag } : {}) });
      this.log.info(`fetched ${url}${result.etag ? ` (ETag ${result.etag})` : ''}`);
      return { text: result.text, fetchedAt: now, fromCache: false };
    }
    if (result.kind === 'not-modified' && cached) {
      await this.write(body, meta, undefined, { ...cached.meta, fetchedAt: now });
      this.log.info(`${url} has not changed (304)`);
      return { text: cached.text, fetchedAt: now, fromCache: false };
    }
    const message = result.kind === 'failed' ? result.message : 'the server answered 304 but nothing is cached';
    if (cached) {
      this.log.warn(`${url}: ${message}; using the copy from ${new Date(cached.meta.fetchedAt).toISOString()}`);
      return { text: cached.text, fetchedAt: cached.meta.fetchedAt, fromCache: true };
    }
    return { error: message };
  }

  async setToken(token: string | undefined): Promise<void> {
    if (token) await this.secrets.store(TOKEN_KEY, token);
    else await this.secrets.delete(TOKEN_KEY);
  }

  private paths(url: string): { body: string; meta: string } {
    const key = createHash('sha256').update(url).digest('hex').slice(0, 32);
    const dir = path.join(this.storage.fsPath, 'catalogs');
    return { body: path.join(dir, `${key}.txt`), meta: path.join(dir, `${key}.json`) };
  }

  /** Written to a temporary name and renamed, so a crash never leaves half a catalog. */
  private async write(body: string, meta: string, text: string | undefined, m: CacheMeta): Promise<void> {
    await fs.mkdir(path.dirname(body), { recursive: true });
    if (text !== undefined) {
      await fs.writeFile(`${body}.tmp`, text);
      await fs.rename(`${body}.tmp`, body);
    }
    await fs.writeFile(`${meta}.tmp`, JSON.stringify(m));
    await fs.rename(`${meta}.tmp`, meta);
  }
}

async function readCache(body: string, meta: string): Promise<{ text: string; meta: CacheMeta } | undefined> {
  try {
    const [text, m] = await Promise.all([fs.readFile(body, 'utf8'), fs.readFile(meta, 'utf8')]);
    return { text, meta: JSON.parse(m) as CacheMeta };
  } catch {
    return undefined;
  }
}
