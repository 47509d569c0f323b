import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, runCli } from '../../support/cli';

const MATCH = ['--match', '@acme/*', '--match', 'registry.acme.dev/*', '--match', 'acme/*'];

describe('platform-guide catalog init (a real process)', () => {
  before(buildCli);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-init-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a starter catalog of the example workspace that catalog validate accepts', () => {
    const out = path.join(dir, 'catalog.yaml');
    const r = runCli(['catalog', 'init', 'examples/workspace', '--owner', 'Web Platform', ...MATCH, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^wrote 9 components to /);
    const text = fs.readFileSync(out, 'utf8');
    const ids = [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(ids, [
      'web-platform',
      'acme-http',
      'acme-legacy-grid',
      'acme-logger',
      'acme-ui',
      'acme-ui-theme',
      'registry-acme-dev-base-node',
      'acme-ci-github-workflows-build-yml',
      'acme-deploy-action',
      'acme-ci-templates',
    ]);
    // Every npm, docker, action and gitlab-ci use the patterns match, with the versions in use above it.
    assert.match(
      text,
      /# in use: \^2\.3\.0 ×1, \^3\.1\.0 ×1, \^4\.1\.0 ×1, \^4\.2\.0 ×1 \(apps\/admin\/package\.json, apps\/web\/package\.json, packages\/dashboard\/package\.json\)\n {2}- id: acme-ui\n {4}name: "@acme\/ui"\n {4}owner: web-platform\n {4}packages:\n {6}- npm: "@acme\/ui"\n {4}recommended: 4\.2\.0\n/,
    );
    // A lockfile's pin is the version in use: `latest` is 4.2.0.
    assert.match(text, /# in use: latest ×1 .*\n.*id: acme-ui-theme\n(?: {4}.*\n)* {4}recommended: 4\.2\.0\n/);
    assert.match(text, /- docker: registry\.acme\.dev\/base\/node\n/);
    assert.match(text, /- gitlab-ci: acme\/ci-templates\n {4}recommended: 1\.8\.0\n/);

    const v = runCli(['catalog', 'validate', out]);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout, '1 catalog valid: 1 team, 9 components\n');
  });

  it('writes to stdout without --out', () => {
    const r = runCli(['catalog', 'init', 'examples/workspace', '--owner', 'web-platform', '--match', '@acme/ui*']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# A starter catalog /);
    assert.deepEqual([...r.stdout.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]), ['web-platform', 'acme-ui', 'acme-ui-theme']);
  });

  it('guesses no family: without --match it is a usage error that says to name the patterns', () => {
    const r = runCli(['catalog', 'init', 'examples/workspace', '--owner', 'web-platform']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /guesses no package family: name your internal packages with --match PATTERN/);
  });

  it('needs --owner', () => {
    const r = runCli(['catalog', 'init', 'examples/workspace', ...MATCH]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /needs --owner TEAM/);
  });

  it('refuses to overwrite an existing file unless --force', () => {
    const out = path.join(dir, 'catalog.yaml');
    fs.writeFileSync(out, 'mine\n');
    const r = runCli(['catalog', 'init', 'examples/workspace', '--owner', 'web', ...MATCH, '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /exists; pass --force to overwrite it/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'mine\n');
    const forced = runCli(['catalog', 'init', 'examples/workspace', '--owner', 'web', ...MATCH, '--out', out, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /schema: platform-guide\/v1/);
  });

  it('a manifest it cannot read is a warning with its place; the others are still read', () => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{"dependencies": {"@acme/ui": "4.2.0"}}\n');
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(path.join(dir, 'broken', 'package.json'), '{ "dependencies": nope }\n');
    const r = runCli(['catalog', 'init', dir, '--owner', 'web', '--match', '@acme/*']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^broken\/package\.json:1:\d+: warning: /m);
    assert.match(r.stdout, /# in use: 4\.2\.0 ×1 \(package\.json\)\n {2}- id: acme-ui\n/);
  });

  it('exits 1 and writes nothing when no dependency matches', () => {
    const out = path.join(dir, 'catalog.yaml');
    const r = runCli(['catalog', 'init', 'examples/workspace', '--owner', 'web', '--match', '@nobody/*', '--out', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no dependency in \d+ manifests matches @nobody\/\*; nothing written/);
    assert.equal(fs.existsSync(out), false);
  });
});
