import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import type { EnqueueResult, FeedbackPayload, OutboxItem } from '../../../src/core/feedback';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A real HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
export class Receiver {
  readonly requests: Received[] = [];
  handler: Handler = (_req, res) => void res.writeHead(200).end();
  base = '';
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      this.handler(req, res, body);
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reset(handler?: Handler): void {
    this.requests.length = 0;
    if (handler) this.handler = handler;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Answers with a sequence of handlers, one per request; the last one repeats. */
export function sequence(...handlers: Handler[]): Handler {
  let i = 0;
  return (req, res, body) => handlers[Math.min(i++, handlers.length - 1)]!(req, res, body);
}

export const ok: Handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
export const status = (code: number, headers: Record<string, string> = {}, body = ''): Handler => (_req, res) => void res.writeHead(code, headers).end(body);
export const drop: Handler = (req) => void req.socket.destroy();
export const silent: Handler = () => undefined;

export function tempDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pg-feedback-'));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function payload(overrides: Partial<FeedbackPayload> = {}): FeedbackPayload {
  return {
    schema: 'platform-guide/feedback-v1',
    id: '5b0c7c1e-0000-4000-8000-000000000001',
    createdAt: '2026-11-21T10:15:00.000Z',
    team: 'web-platform',
    component: 'acme-ui',
    kind: 'bug',
    rating: 4,
    message: 'The 3→4 migration missed our theme file',
    contact: 'dev@acme.dev',
    context: { package: '@acme/ui', version: '3.1.0' },
    ...overrides,
  };
}

/** A settable clock for the outbox's `now`. */
export function clock(start = Date.parse('2026-11-21T10:15:00.000Z')): { now: () => number; advance: (ms: number) => void; set: (t: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (v) => void (t = v) };
}

/** Seeded PRNG (mulberry32): the same failures on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The entries of an enqueue the outbox accepted; fails the test when it was refused. */
export function accepted(result: EnqueueResult): OutboxItem[] {
  assert.equal(result.kind, 'accepted', result.kind === 'refused' ? result.reason : '');
  return result.kind === 'accepted' ? result.items : [];
}
