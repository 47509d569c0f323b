import assert from 'node:assert/strict';
import * as http from 'node:http';
import { fetchCatalogConditional, type RemoteFetchResult } from '../../../src/core/catalog/remote';
import { catalogRoutes, serve } from '../../support/httpServer';

const CATALOG = 'schema: platform-guide/v1\nteams: []\ncomponents: []\n';
const ETAG = '"v1-abc"';

function assertFailed(r: RemoteFetchResult, offline: boolean, message: RegExp): void {
  assert.equal(r.kind, 'failed', JSON.stringify(r));
  if (r.kind !== 'failed') return;
  assert.equal(r.offline, offline, r.message);
  assert.match(r.message, message);
}

describe('fetchCatalogConditional (a real server on 127.0.0.1)', () => {
  let base: string;
  let close: () => void;
  const seen: http.IncomingHttpHeaders[] = [];

  before(async () => {
    ({ base, close } = await serve(
      {
        ...catalogRoutes(CATALOG),
        '/catalog.yaml': (req, res) => {
          if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
          res.writeHead(200, { 'content-type': 'application/yaml', etag: ETAG }).end(CATALOG);
        },
        '/no-etag.yaml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/yaml' }).end(CATALOG),
      },
      (req) => seen.push(req.headers),
    ));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  after(() => close());

  it('gives the text and the ETag of a 200', async () => {
    assert.deepEqual(await fetchCatalogConditional(`${base}/catalog.yaml`, {}), { kind: 'fresh', text: CATALOG, etag: ETAG });
    assert.equal(seen[0]!['if-none-match'], undefined);
    assert.equal(seen[0]!.authorization, undefined);
  });

  it('leaves the ETag out when the server sends none', async () => {
    assert.deepEqual(await fetchCatalogConditional(`${base}/no-etag.yaml`, {}), { kind: 'fresh', text: CATALOG });
  });

  it('sends If-None-Match and reports a 304 as not modified', async () => {
    assert.deepEqual(await fetchCatalogConditional(`${base}/catalog.yaml`, { etag: ETAG }), { kind: 'not-modified' });
    assert.equal(seen[0]!['if-none-match'], ETAG);
  });

  it('gets the text again when the ETag no longer matches', async () => {
    assert.deepEqual(await fetchCatalogConditional(`${base}/catalog.yaml`, { etag: '"old"' }), { kind: 'fresh', text: CATALOG, etag: ETAG });
  });

  it('sends the token as a bearer Authorization header', async () => {
    await fetchCatalogConditional(`${base}/catalog.yaml`, { token: 's3cret' });
    assert.equal(seen[0]!.authorization, 'Bearer s3cret');
  });

  it('follows a redirect on the same server, with the token and the ETag', async () => {
    assert.deepEqual(await fetchCatalogConditional(`${base}/moved`, { token: 't', etag: ETAG }), { kind: 'not-modified' });
    assert.deepEqual(seen.map((h) => [h.authorization, h['if-none-match']]), [['Bearer t', ETAG], ['Bearer t', ETAG]]);
  });

  it('refuses a redirect to plain http elsewhere (not offline)', async () => {
    assertFailed(await fetchCatalogConditional(`${base}/moved-out`, { token: 't' }), false, /refusing to fetch http:\/\/example\.com\/catalog\.yaml over plain http/);
  });

  it('reports a 500 as failed, not offline: the server answered', async () => {
    assertFailed(await fetchCatalogConditional(`${base}/broken.yaml`, {}), false, /^HTTP 500 Internal Server Error$/);
  });

  it('reports a 404 with its status', async () => {
    assertFailed(await fetchCatalogConditional(`${base}/missing.yaml`, {}), false, /^HTTP 404 Not Found$/);
  });

  it('gives up on a slow server after the timeout, as offline', async () => {
    const started = Date.now();
    assertFailed(await fetchCatalogConditional(`${base}/slow.yaml`, { timeoutMs: 150 }), true, /^timed out after 0\.15 s$/);
    assert.ok(Date.now() - started < 1500, 'did not wait for the server');
  });

  it('cuts off a body over maxBytes while streaming', async () => {
    assertFailed(await fetchCatalogConditional(`${base}/big.yaml`, { maxBytes: 8 * 1024 }), false, /larger than 8 KB/);
  });

  it('reports a closed port (connection refused) as offline', async () => {
    const closed = await serve({});
    const url = `${closed.base}/catalog.yaml`;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    assertFailed(await fetchCatalogConditional(url, {}), true, /ECONNREFUSED/);
  });
});

describe('fetchCatalogConditional (URL rules, no network)', () => {
  const never: typeof globalThis.fetch = () => Promise.reject(new Error('must not be called'));

  for (const [url, message] of [
    ['http://catalog.acme.dev/c.yaml', /refusing to fetch http:\/\/catalog\.acme\.dev\/c\.yaml over plain http: use https:\/\//],
    ['ftp://acme.dev/c.yaml', /cannot read a catalog from a ftp: URL/],
    ['not a url', /is not a valid URL/],
  ] as const) {
    it(`refuses ${url} without sending anything (token included)`, async () => {
      assertFailed(await fetchCatalogConditional(url, { fetch: never, token: 't' }), false, message);
    });
  }

  it('reports a token that cannot be a header value instead of throwing', async () => {
    assertFailed(await fetchCatalogConditional('https://acme.dev/c.yaml', { fetch: never, token: 'a\nb' }), false, /cannot send the request/);
  });

  it('reports a fetch that throws as offline, never throwing itself', async () => {
    const broken: typeof globalThis.fetch = () => {
      throw new TypeError('fetch failed');
    };
    assertFailed(await fetchCatalogConditional('https://acme.dev/c.yaml', { fetch: broken }), true, /fetch failed/);
  });

  it('does not hand the token to another origin on a redirect', async () => {
    const sent: (string | null)[] = [];
    const fake: typeof globalThis.fetch = (input, init) => {
      sent.push(new Headers(init?.headers).get('authorization'));
      return Promise.resolve(
        String(input).startsWith('https://acme.dev/') ? new Response(null, { status: 302, headers: { location: 'https://cdn.example/c.yaml' } }) : new Response(CATALOG, { status: 200 }),
      );
    };
    assert.deepEqual(await fetchCatalogConditional('https://acme.dev/c.yaml', { fetch: fake, token: 't' }), { kind: 'fresh', text: CATALOG });
    assert.deepEqual(sent, ['Bearer t', null]);
  });
});
