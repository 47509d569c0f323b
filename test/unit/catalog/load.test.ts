import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogLoadError, loadCatalogs, readCatalogSource } from '../../../src/core/catalog/load';
import { catalogRoutes, serve } from '../../support/httpServer';
import { y } from './helpers';

const CATALOG = y`
  schema: platform-guide/v1
  teams:
    - id: web
      name: Web
`;

async function rejects(p: Promise<unknown>, file: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CatalogLoadError, String(e));
    assert.equal(e.file, file);
    assert.match(e.message, message);
    return true;
  });
}

describe('readCatalogSource over HTTP (a real server on 127.0.0.1)', () => {
  let base: string;
  let close: () => void;

  before(async () => {
    ({ base, close } = await serve({
      ...catalogRoutes(CATALOG),
      '/catalog.yaml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/yaml' }).end(CATALOG),
    }));
  });

  after(() => close());

  it('reads a catalog (200)', async () => {
    const { file, text } = await readCatalogSource(`${base}/catalog.yaml`, { cwd: '/' });
    assert.equal(file, `${base}/catalog.yaml`);
    assert.equal(text, CATALOG);
  });

  it('says which HTTP status it got (404)', async () => {
    await rejects(readCatalogSource(`${base}/missing.yaml`, { cwd: '/' }), `${base}/missing.yaml`, /^could not fetch http:\/\/127\.0\.0\.1:\d+\/missing\.yaml: HTTP 404 Not Found$/);
  });

  it('gives up on a slow server after timeoutMs', async () => {
    const started = Date.now();
    await rejects(readCatalogSource(`${base}/slow.yaml`, { cwd: '/', timeoutMs: 150 }), `${base}/slow.yaml`, /timed out after 0\.15 s$/);
    assert.ok(Date.now() - started < 1500);
  });

  it('stops reading a body over maxBytes, while it streams', async () => {
    await rejects(readCatalogSource(`${base}/big.yaml`, { cwd: '/', maxBytes: 4096 }), `${base}/big.yaml`, /the response is larger than 4 KB/);
    await rejects(readCatalogSource(`${base}/declared-big.yaml`, { cwd: '/', maxBytes: 4096 }), `${base}/declared-big.yaml`, /larger than 4 KB/);
  });

  it('follows a redirect, but not one to plain http elsewhere', async () => {
    assert.equal((await readCatalogSource(`${base}/moved`, { cwd: '/' })).text, CATALOG);
    await rejects(readCatalogSource(`${base}/moved-out`, { cwd: '/' }), `${base}/moved-out`, /refusing to fetch http:\/\/example\.com\/catalog\.yaml over plain http: use https:\/\//);
  });

  it('loads a URL and a failing URL together: the failure is an error at 0:0 of that ref', async () => {
    const { catalog, problems } = await loadCatalogs([`${base}/catalog.yaml`, `${base}/gone.yaml`], { cwd: '/' });
    assert.deepEqual([...catalog!.teams.keys()], ['web']);
    assert.deepEqual(problems, [
      { file: `${base}/gone.yaml`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `could not fetch ${base}/gone.yaml: HTTP 404 Not Found`, severity: 'error' },
    ]);
  });
});

describe('readCatalogSource: refused without any network call', () => {
  const noFetch = (): typeof globalThis.fetch => (() => assert.fail('fetch must not be called')) as unknown as typeof globalThis.fetch;

  const refused: readonly [string, RegExp][] = [
    ['http://catalog.acme.dev/c.yaml', /refusing to fetch http:\/\/catalog\.acme\.dev\/c\.yaml over plain http: use https:\/\//],
    ['http://10.0.0.1/c.yaml', /use https:\/\//],
    ['ftp://acme.dev/c.yaml', /cannot read a catalog from a ftp: URL .*give an https:\/\/ URL or a file path/],
    ['file:///etc/c.yaml', /cannot read a catalog from a file: URL/],
  ];
  for (const [ref, message] of refused) {
    it(ref, async () => rejects(readCatalogSource(ref, { cwd: '/', fetch: noFetch() }), ref, message));
  }

  it('accepts http to loopback names', async () => {
    for (const ref of ['http://localhost:1/c.yaml', 'http://127.1.2.3:1/c.yaml', 'http://[::1]:1/c.yaml']) {
      const seen: string[] = [];
      const fake = (async (url: URL | string) => {
        seen.push(String(url));
        return new Response(CATALOG, { status: 200 });
      }) as typeof globalThis.fetch;
      assert.equal((await readCatalogSource(ref, { cwd: '/', fetch: fake })).text, CATALOG);
      assert.deepEqual(seen, [ref]);
    }
  });

  it('reports a network failure', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    }) as typeof globalThis.fetch;
    await rejects(readCatalogSource('https://catalog.acme.dev/c.yaml', { cwd: '/', fetch: failing }), 'https://catalog.acme.dev/c.yaml', /could not fetch https:\/\/catalog\.acme\.dev\/c\.yaml: ECONNREFUSED/);
  });
});

describe('readCatalogSource and loadCatalogs: local files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pg-catalog-'));
    writeFileSync(path.join(dir, 'org.yaml'), CATALOG);
    writeFileSync(path.join(dir, 'local.yaml'), 'schema: platform-guide/v1\ncomponents:\n  - { id: ui, name: UI, owner: web, packages: [{ npm: ui }] }\n');
    writeFileSync(path.join(dir, 'bad.yaml'), 'schema: platform-guide/v1\nteams: 3\n');
    writeFileSync(path.join(dir, 'big.yaml'), '#'.repeat(5000));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows a relative path as the user gave it', async () => {
    const { file, text } = await readCatalogSource('org.yaml', { cwd: dir });
    assert.equal(file, 'org.yaml');
    assert.equal(text, CATALOG);
  });

  it('says when a file is missing or too large', async () => {
    await rejects(readCatalogSource('nope.yaml', { cwd: dir }), 'nope.yaml', /^cannot read nope\.yaml: no such file$/);
    await rejects(readCatalogSource('big.yaml', { cwd: dir, maxBytes: 4096 }), 'big.yaml', /big\.yaml is larger than 4 KB/);
  });

  it('merges files in order with problems from every step', async () => {
    const { catalog, problems } = await loadCatalogs(['org.yaml', 'local.yaml', 'bad.yaml', 'nope.yaml', './org.yaml'], { cwd: dir });
    assert.deepEqual(catalog!.files, ['org.yaml', 'local.yaml', 'bad.yaml']);
    assert.deepEqual(catalog!.components.map((c) => c.id), ['ui']);
    assert.deepEqual(problems.map((p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity}`), ['bad.yaml:2:8 error', 'nope.yaml:1:1 error']);
  });

  it('has no catalog when nothing could be parsed', async () => {
    const { catalog, problems } = await loadCatalogs(['nope.yaml'], { cwd: dir });
    assert.equal(catalog, undefined);
    assert.equal(problems.length, 1);
  });
});

describe('loadCatalogs: a repository catalog is a file inside the repository, never a URL', () => {
  const noFetch = (() => assert.fail('fetch must not be called')) as unknown as typeof globalThis.fetch;
  let tmp: string;
  let root: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pg-repocat-'));
    root = path.join(tmp, 'repo');
    mkdirSync(root);
    writeFileSync(path.join(root, 'catalog.yaml'), CATALOG);
    writeFileSync(path.join(tmp, '.npmrc'), '//registry.npmjs.org/:_authToken=npm_s3cretT0ken\n');
    if (process.platform !== 'win32') symlinkSync(path.join(tmp, '.npmrc'), path.join(root, 'linked.yaml'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads one by its path', async () => {
    const { catalog, problems } = await loadCatalogs([{ root, path: 'catalog.yaml', file: 'shown.yaml' }], { cwd: '/', fetch: noFetch });
    assert.deepEqual(problems, []);
    assert.deepEqual(catalog!.files, ['shown.yaml']);
  });

  // The repository file's validation already refuses these with a line and column; this is the
  // second line of defence, where an entry becomes something to load.
  for (const entry of ['http:/127.0.0.1:9/x.yaml', 'HTTPS://catalog.acme.dev/x.yaml', 'https:catalog.acme.dev/x', 'file:/etc/passwd', '//host/share/x.yaml', '\\\\host\\share\\x.yaml', '/etc/x.yaml', 'C:\\x.yaml', '../x.yaml']) {
    it(`refuses ${entry} without a fetch or a read`, async () => {
      const { catalog, problems } = await loadCatalogs([{ root, path: entry, file: entry }], { cwd: root, fetch: noFetch });
      assert.equal(catalog, undefined);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /^refusing the catalog '.*': a repository's catalogs are paths inside it, never URLs/);
    });
  }

  it('does not follow a link out of the repository, nor show a word of its target', async function () {
    if (process.platform === 'win32') this.skip();
    const { problems } = await loadCatalogs([{ root, path: 'linked.yaml', file: 'linked.yaml' }], { cwd: root, fetch: noFetch });
    assert.deepEqual(problems.map((p) => p.message), ['cannot read linked.yaml: it is a symbolic link to a place outside the repository; not followed']);
  });
});
