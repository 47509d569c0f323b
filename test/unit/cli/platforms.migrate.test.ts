import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { buildCli, ROOT, runCli } from '../../support/cli';

/**
 * `migrate` as a process on the docker, workflow and GitLab CI fixture repository: the targets of
 * every ecosystem are found, each manifest says what it changed and skipped, the dry run's diff is
 * exactly what the real run writes, and line ends stay as written.
 */
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli', 'platforms');
const ARGS = ['--catalog', path.join(FIXTURE, 'catalog.yaml'), '--today', '2026-11-21'];

/** Every file under `dir`, POSIX path → bytes as latin1 (so CRLF and a BOM show). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')] = fs.readFileSync(path.join(e.parentPath, e.name), 'latin1');
  }
  return out;
}

describe('platform-guide migrate on docker, workflow and GitLab CI files (a real process)', function () {
  let tmp: string;
  let repo: string;
  before(buildCli);
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-platforms-'));
    repo = path.join(tmp, 'repo');
    fs.cpSync(path.join(FIXTURE, 'repo'), repo, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');

  /** Runs the dry run, checks it wrote nothing and gave one patch per file, and applies it to a second copy. */
  function dryRunOnCopy(migration: string): { stderr: string; copy: Record<string, string> } {
    const before = snapshot(repo);
    const r = runCli(['migrate', repo, '--migration', migration, ...ARGS, '--dry-run']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(snapshot(repo), before, 'a dry run writes nothing');
    const second = path.join(tmp, 'second');
    fs.rmSync(second, { recursive: true, force: true });
    fs.cpSync(repo, second, { recursive: true });
    const patches = parsePatch(r.stdout);
    const names = patches.map((p) => p.oldFileName);
    assert.deepEqual(names, [...new Set(names)], 'one patch per file, even when two manifests change it');
    for (const patch of patches) {
      const file = path.join(second, patch.oldFileName!.replace(/^a\//, ''));
      const patched = applyPatch(fs.readFileSync(file, 'utf8'), patch);
      assert.equal(typeof patched, 'string', `${file} takes the patch`);
      fs.writeFileSync(file, patched as string);
    }
    return { stderr: r.stderr, copy: snapshot(second) };
  }

  it('docker: bumps the ARG default and the tag before a digest, renames the image, keeps CRLF, runs steps in the Dockerfile’s folder', () => {
    const dry = dryRunOnCopy('acme-node/node-18-to-20');
    assert.equal(
      dry.stderr,
      [
        'services/api/Dockerfile: 4 changes in 2 files',
        '  changed services/api/Dockerfile: 3 changes',
        '  changed services/api/docker-entrypoint.sh: 1 change',
        // The compose file beside it: the replace step already ran on the shared folder.
        'services/api/compose.yaml: 1 change in 1 file',
        '  changed services/api/compose.yaml: 1 change',
        'acme-node/node-18-to-20 (Node base image 18 → 20): would make 5 changes in 3 files for 2 manifests; dry run, nothing was written.',
        '',
      ].join('\n'),
    );

    const r = runCli(['migrate', repo, '--migration', 'acme-node/node-18-to-20', ...ARGS]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^services\/api\/Dockerfile: 4 changes in 2 files\n/);
    // No lockfile to bring along for images.
    assert.match(r.stdout, /made 5 changes in 3 files for 2 manifests\.\n$/);
    const dockerfile = read('services/api/Dockerfile');
    assert.match(dockerfile, /^ARG NODE_VERSION=20\.11\n/m);
    assert.match(dockerfile, /^FROM --platform=\$BUILDPLATFORM registry\.acme\.dev\/images\/node:\$\{NODE_VERSION\}-alpine AS deps$/m);
    assert.match(dockerfile, /^FROM registry\.acme\.dev\/images\/node:20\.11\.1-slim@sha256:0d1e2f3a[0-9a-f]+ AS runtime$/m);
    assert.match(dockerfile, /^FROM deps AS build$/m);
    assert.match(dockerfile, /^FROM scratch AS artifacts$/m);
    assert.equal(
      read('services/api/compose.yaml'),
      'services:\r\n  api:\r\n    build:\r\n      context: .\r\n    image: registry.acme.dev/base/node:16\r\n  jobs:\r\n    image: registry.acme.dev/images/node:20-slim\r\n    command: ["node", "jobs.js"]\r\n',
      'CRLF kept; the service that builds is no use and is left alone',
    );
    assert.match(read('services/api/docker-entrypoint.sh'), /NODE_OPTIONS="--enable-source-maps /);
    assert.equal(read('services/web/Dockerfile'), 'FROM registry.acme.dev/base/node:20.11-alpine\nCOPY . /srv\n', 'already on 20: not a target');
    assert.deepEqual(snapshot(repo), dry.copy, 'the real run writes what the dry run showed');

    const again = runCli(['migrate', repo, '--migration', 'acme-node/node-18-to-20', ...ARGS]);
    assert.equal(again.status, 1, 'nothing left in the range');
  });

  it('action: runs the steps relative to the repository, renames, bumps, and reports SHA pins', () => {
    const dry = dryRunOnCopy('acme-deploy/deploy-1-to-2');
    const r = runCli(['migrate', repo, '--migration', 'acme-deploy/deploy-1-to-2', ...ARGS]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    // The composite action under .github/ runs in the repository: its replace reaches the workflows.
    assert.deepEqual(lines.slice(0, 5), [
      '.github/actions/setup/action.yml: 2 changes in 2 files',
      '  changed .github/actions/setup/action.yml: 1 change',
      '  changed .github/workflows/deploy.yml: 1 change',
      '.github/workflows/deploy.yml: 2 changes in 1 file',
      '  changed .github/workflows/deploy.yml: 2 changes',
    ]);
    assert.ok(lines.includes('  skipped .github/workflows/pinned.yml: bump to 2.1.0: jobs.pins.steps "acme/deploy-action" at 111111111111… (v1.0.1 by its comment): pinned by commit; left as written, update the pin and its comment together'), r.stdout);
    assert.ok(lines.includes('  skipped .github/workflows/pinned.yml: bump to 2.1.0: jobs.pins.steps "acme/deploy-action" at 777777777777…: pinned by commit; left as written, update the pin by hand'), r.stdout);
    assert.match(r.stdout, /made 11 changes in 3 files for 3 manifests, 7 skipped\.\n$/);

    assert.match(read('.github/workflows/deploy.yml'), /- uses: acme\/deploy@v2\.1\.0\n {8}with:\n {10}target: \$\{\{ vars\.ACME_DEPLOY_ENVIRONMENT \}\}\n/);
    assert.match(read('.github/workflows/deploy.yml'), /uses: acme\/deploy-action\/\.github\/workflows\/release\.yml@v2\n/);
    assert.match(read('.github/workflows/deploy.yml'), /- uses: \.\/\.github\/actions\/setup\n/);
    assert.match(read('.github/actions/setup/action.yml'), /uses: acme\/deploy-action\/setup@v2\.1\n/);
    // Pins keep their commit and comment; only the name moved.
    assert.match(read('.github/workflows/pinned.yml'), /- uses: acme\/deploy@1111111111111111111111111111111111111111 # v1\.0\.1\n/);
    assert.match(read('.github/workflows/pinned.yml'), /- uses: acme\/deploy@2222222222222222222222222222222222222222 #v1\.0\.2\n/);
    assert.deepEqual(snapshot(repo), dry.copy);
  });

  it('gitlab-ci: bumps and renames the project include and the component path', () => {
    const dry = dryRunOnCopy('acme-pipelines/templates-1-to-2');
    const r = runCli(['migrate', repo, '--migration', 'acme-pipelines/templates-1-to-2', ...ARGS]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], '.gitlab-ci.yml: 3 changes in 1 file');
    assert.equal(
      read('.gitlab-ci.yml').split('\n').slice(0, 9).join('\n'),
      [
        'include:',
        '  - project: acme/pipelines',
        '    ref: 2.0.3',
        '    file: /templates/node.yml',
        '  - component: $CI_SERVER_FQDN/acme/pipelines/node-build@2.0',
        '    inputs:',
        '      stage: build',
        '  - local: .gitlab/ci/review.yml',
        '  - remote: https://ci.acme.dev/shared/lint.yml',
      ].join('\n'),
    );
    assert.deepEqual(snapshot(repo), dry.copy);
  });
});
