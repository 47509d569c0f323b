import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, runCli, runCliAsync, type CliRun } from '../../support/cli';
import { serve } from '../../support/httpServer';

/**
 * A repository is hostile input: a pull request can turn any file the CLI reads into a link to
 * /dev/zero, a FIFO, a link to a secret outside the repository, or a catalog "path" that is a URL.
 * Each run here is a real process with a time limit far below "hangs forever" but generous for a
 * slow machine: the CLI must finish, say what is wrong and where, and never print a stack trace.
 */
const LIMIT_MS = 10_000;
const TODAY = ['--today', '2026-11-21'];
const CATALOG = `schema: platform-guide/v1
teams:
  - { id: web, name: Web }
components:
  - id: acme-ui
    name: Acme UI
    owner: web
    packages: [{ npm: '@acme/ui' }]
    deprecations:
      - { versions: '<3.0.0', severity: error, message: Old. }
`;
const MANIFEST = '{ "name": "app", "dependencies": { "@acme/ui": "^2.0.0" } }\n';
const SECRET = 'npm_h0stileT0kenSh0uldNeverPrint';
const NPMRC = `//registry.npmjs.org/:_authToken=${SECRET}\n`;
const POSIX = process.platform !== 'win32';

function assertFinished(r: CliRun): void {
  assert.equal(r.timedOut, false, `the CLI did not finish within ${LIMIT_MS / 1000} s`);
  assert.notEqual(r.status, null);
  assert.doesNotMatch(r.stderr, /^\s+at .+:\d+:\d+\)?$/m, `a stack trace:\n${r.stderr}`);
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

function fifo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
}

describe('hostile repository files (a real process, 10 s limit)', function () {
  let tmp: string;
  let outside: string;
  let catalog: string;
  before(function () {
    if (!POSIX) this.skip(); // FIFOs, /dev/zero and these links are POSIX things
    buildCli();
  });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-hostile-'));
    outside = path.join(tmp, 'outside');
    write(outside, '.npmrc', NPMRC);
    catalog = path.join(outside, 'catalog.yaml');
    fs.writeFileSync(catalog, CATALOG);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A repository with a good manifest in `apps/good`, plus whatever the test adds. */
  function repo(): string {
    const root = path.join(tmp, 'repo');
    write(root, 'apps/good/package.json', MANIFEST);
    return root;
  }
  const check = (root: string, ...args: string[]): CliRun =>
    runCli(['check', root, '--catalog', catalog, ...TODAY, ...args], { timeoutMs: LIMIT_MS });

  describe('files that never end or never open', () => {
    it('a package.json that is a link to /dev/zero is skipped with a warning', () => {
      const root = repo();
      fs.mkdirSync(path.join(root, 'apps/zero'));
      fs.symlinkSync('/dev/zero', path.join(root, 'apps/zero/package.json'));
      const r = check(root);
      assertFinished(r);
      assert.match(r.stderr, /^apps\/zero\/package\.json:1:1: warning: cannot read the file: it is a symbolic link to a place outside the repository; not followed$/m);
      assert.match(r.stdout, /^apps\/good\/package\.json:1:\d+: error: @acme\/ui/m, 'the rest of the repository is still scanned');
      assert.equal(r.status, 1);
    });

    it('a package.json, a lockfile and a pnpm-workspace.yaml linked to FIFOs in the repository are skipped with a warning', () => {
      // The walk lists only files and links; a link inside the repository is followed, to a FIFO too.
      const root = repo();
      const pipe = (rel: string, name: string): void => {
        fifo(path.join(root, 'pipes', name));
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.symlinkSync(path.relative(path.dirname(path.join(root, rel)), path.join(root, 'pipes', name)), path.join(root, rel));
      };
      pipe('apps/pipe/package.json', 'manifest');
      pipe('apps/good/package-lock.json', 'lock');
      write(root, 'apps/pnpm/package.json', MANIFEST);
      write(root, 'apps/pnpm/pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
      pipe('apps/pnpm/pnpm-workspace.yaml', 'workspace');
      const r = check(root);
      assertFinished(r);
      for (const file of ['apps/pipe/package.json', 'apps/good/package-lock.json', 'apps/pnpm/pnpm-workspace.yaml']) {
        assert.match(r.stderr, new RegExp(`^${file.replace(/[/.]/g, '\\$&')}:1:1: warning: cannot read the file: it is a named pipe \\(FIFO\\), not a regular file; not read$`, 'm'));
      }
      assert.equal(r.status, 1, 'the manifests that can be read are still checked');
    });

    it('a .platform-guide.yaml that is a FIFO is an error that names it', () => {
      const root = repo();
      fifo(path.join(root, '.platform-guide.yaml'));
      const r = check(root);
      assertFinished(r);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /\.platform-guide\.yaml:1:1: cannot read .*\.platform-guide\.yaml: it is a named pipe \(FIFO\), not a regular file; not read/);
    });

    it('a repository catalog that is a FIFO, and a --catalog that is one, are errors that name them', () => {
      const root = repo();
      write(root, '.platform-guide.yaml', 'schema: platform-guide/v1\ncatalogs: [tools/catalog.yaml]\n');
      fifo(path.join(root, 'tools/catalog.yaml'));
      const fromRepo = runCli(['check', '.', ...TODAY], { cwd: root, timeoutMs: LIMIT_MS });
      assertFinished(fromRepo);
      assert.equal(fromRepo.status, 2);
      assert.match(fromRepo.stderr, /^tools\/catalog\.yaml:1:1: cannot read tools\/catalog\.yaml: it is a named pipe \(FIFO\), not a regular file; not read$/m);

      const given = runCli(['check', '.', '--catalog', 'tools/catalog.yaml', ...TODAY], { cwd: root, timeoutMs: LIMIT_MS });
      assertFinished(given);
      assert.equal(given.status, 2);
      assert.match(given.stderr, /^tools\/catalog\.yaml:1:1: cannot read tools\/catalog\.yaml: it is a named pipe \(FIFO\)/m);
    });
  });

  describe('symbolic links', () => {
    it('a manifest linked out of the repository is not read; one linked inside it is', () => {
      const root = repo();
      write(outside, 'app/package.json', '{ "dependencies": { "@acme/ui": "^1.0.0" } }\n');
      fs.mkdirSync(path.join(root, 'apps/out'));
      fs.symlinkSync(path.join(outside, 'app/package.json'), path.join(root, 'apps/out/package.json'));
      fs.mkdirSync(path.join(root, 'apps/in'));
      fs.symlinkSync('../good/package.json', path.join(root, 'apps/in/package.json'));
      const r = check(root, '--format', 'json');
      assertFinished(r);
      const json = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; errors: Array<{ file: string; message: string }> };
      assert.deepEqual(json.findings.map((f) => f.file), ['apps/good/package.json', 'apps/in/package.json']);
      assert.deepEqual(json.errors.map((e) => [e.file, e.message]), [
        ['apps/out/package.json', 'cannot read the file: it is a symbolic link to a place outside the repository; not followed'],
      ]);
    });

    it('a repository catalog linked to a file outside (an .npmrc) is refused without reading it', () => {
      const root = repo();
      write(root, '.platform-guide.yaml', 'schema: platform-guide/v1\ncatalogs: [platform-catalog.yaml]\n');
      fs.symlinkSync(path.join(outside, '.npmrc'), path.join(root, 'platform-catalog.yaml'));
      const r = runCli(['check', '.', ...TODAY], { cwd: root, timeoutMs: LIMIT_MS });
      assertFinished(r);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^platform-catalog\.yaml:1:1: cannot read platform-catalog\.yaml: it is a symbolic link to a place outside the repository; not followed$/m);
      assert.ok(!(r.stdout + r.stderr).includes(SECRET.slice(0, 8)), r.stderr);
      assert.ok(!(r.stdout + r.stderr).includes('_authToken'), r.stderr);
    });

    it('a catalog the user names that is not a catalog (an .npmrc) is refused without quoting it', () => {
      const root = repo();
      const r = runCli(['check', root, '--catalog', path.join(outside, '.npmrc'), ...TODAY], { timeoutMs: LIMIT_MS });
      assertFinished(r);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /\.npmrc:1:1: the catalog must be a mapping \(key: value\), not plain text; is this file really a catalog\?/);
      assert.ok(!(r.stdout + r.stderr).includes(SECRET.slice(0, 8)), r.stderr);
      assert.ok(!(r.stdout + r.stderr).includes('_authToken'), r.stderr);
    });
  });

  describe('repository catalogs are paths, never URLs (a real server on 127.0.0.1 that must see nothing)', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    let connections = 0;
    before(async () => {
      server = await serve({ '/x.yaml': (_req, res) => void res.writeHead(200).end(CATALOG) });
      // Counted per connection, not per request: an https attempt never becomes an HTTP request.
      server.server.on('connection', () => connections++);
    });
    after(() => server?.close());

    const hostPort = (): string => server.base.replace(/^http:\/\//, '');
    const spellings: Array<[string, () => string]> = [
      ['http:/host/x (one slash)', () => `http:/${hostPort()}/x.yaml`],
      ['HTTP://host/x (upper case)', () => `HTTP://${hostPort()}/x.yaml`],
      ['http://host/x', () => `http://${hostPort()}/x.yaml`],
      ['https:host/x (no slashes)', () => `https:${hostPort()}/x.yaml`],
      ['file:/…', () => `file://${catalog}`],
      ['//host/x (a UNC path)', () => `//${hostPort()}/x.yaml`],
      ['an absolute path', () => catalog],
    ];
    for (const [name, entry] of spellings) {
      it(`refuses ${name} at its line and column, and fetches nothing`, async () => {
        const root = repo();
        write(root, '.platform-guide.yaml', `schema: platform-guide/v1\ncatalogs:\n  - "${entry()}"\n`);
        connections = 0;
        const r = await runCliAsync(['check', '.', ...TODAY], { cwd: root, timeoutMs: LIMIT_MS });
        assertFinished(r);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /^\.platform-guide\.yaml:3:5: a repository's catalogs are paths inside it, never URLs/m);
        await new Promise((resolve) => setTimeout(resolve, 100)); // let a late connection show up
        assert.equal(connections, 0, 'the CLI contacted the server');
      });
    }
  });
});
