import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportSnapshot } from '../../../src/core/report/model';
import { buildCli, runCli } from '../../support/cli';
import { git, makeRepo, makeReportRepos, REPORT_CATALOG } from '../../support/reportRepos';

/** REPORT_CATALOG and two components of other ecosystems, so the repositories differ in kind. */
const CATALOG = `${REPORT_CATALOG}  - id: acme-node-image
    name: Acme Node image
    owner: web-platform
    packages:
      - docker: registry.acme.dev/base/node
    recommended: "22.11.0"
    deprecations:
      - versions: "<20.0.0"
        message: Node 18 images are out of support.
        sunset: 2027-04-30
  - id: acme-deploy-action
    name: Acme deploy action
    owner: observability
    packages:
      - action: acme/deploy-action
    deprecations:
      - versions: "<4.0.0"
        message: Version 3 deploys with long-lived keys.
        sunset: 2026-12-31
`;

/** Repository `i` of the generated ones: a few manifests of several ecosystems, one unreadable in one. */
function generatedRepo(i: number) {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: `svc-${i}`, dependencies: { '@acme/ui': `^${2 + (i % 3)}.1.0`, '@acme/log': i % 2 ? '0.9.1' : '2.0.0' } }),
    Dockerfile: `FROM registry.acme.dev/base/node:${i % 2 ? '18.20.1' : '22.11.0'}-alpine\nRUN npm ci\n`,
    '.github/workflows/ci.yml': `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/deploy-action@v${3 + (i % 2)}\n`,
  };
  for (let k = 0; k < i % 4; k++) files[`packages/p${k}/package.json`] = JSON.stringify({ name: `p${k}`, devDependencies: { '@acme/ui': `4.${k}.0` } });
  if (i === 4) files['packages/broken/package.json'] = '{ "dependencies": { "@acme/ui": ';
  return { remote: `https://git.acme.dev/acme/svc-${i}.git`, date: `2026-11-${String(10 + i).padStart(2, '0')}T08:00:00Z`, files };
}

describe('platform-guide report --jobs: repositories scanned in parallel', function () {
  let fx: ReturnType<typeof makeReportRepos>;
  before(() => {
    buildCli();
    fx = makeReportRepos();
    fs.writeFileSync(fx.catalog, CATALOG);
    // Past 16 repositories git runs from its helper process (src/cli/gitRunner.ts).
    for (let i = 0; i < 14; i++) makeRepo(path.join(fx.org, `svc-${i}`), generatedRepo(i));
    // A repository without a commit yet: it is reported, and stderr says why it has no commit.
    const fresh = path.join(fx.org, 'fresh');
    fs.mkdirSync(fresh);
    git(fresh, '2026-11-30T00:00:00Z', 'init', '-q');
    fs.writeFileSync(path.join(fresh, 'package.json'), '{"dependencies":{"@acme/ui":"4.2.0"}}');
  });
  after(() => fs.rmSync(fx.dir, { recursive: true, force: true }));

  const report = (args: string[]) => runCli(['report', ...args, '--catalog', fx.catalog, '--today', '2026-11-30', '--fail-on', 'never'], { cwd: fx.dir });

  it('gives the same snapshot, byte for byte, and the same messages as one repository after the other', () => {
    const one = report(['org', '--jobs', '1']);
    assert.equal(one.status, 0, one.stderr);
    const snapshot = JSON.parse(one.stdout) as ReportSnapshot;
    assert.equal(snapshot.repositories.length, 18, 'three, fourteen generated and the one without a commit');
    assert.ok(snapshot.repositories.some((r) => r.errors.length === 1), 'the unreadable manifest is in its part');
    assert.ok(new Set(snapshot.repositories.flatMap((r) => r.uses.map((u) => u.ecosystem))).size >= 3);
    assert.match(one.stderr, /^platform-guide: org\/fresh: no commit to report \(.+\)\n$/);
    for (const jobs of ['2', '5', '50']) {
      const many = report(['org', '--jobs', jobs]);
      assert.equal(many.status, 0, many.stderr);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}`);
      assert.equal(many.stderr, one.stderr, `--jobs ${jobs}`);
    }
    const byDefault = report(['org']);
    assert.equal(byDefault.stdout, one.stdout, 'one worker per core by default');
  });

  it('keeps the order of the arguments when snapshots and folders are merged in parallel', () => {
    const shop = report(['org/web-shop', '--out', 'shop.json']);
    assert.equal(shop.status, 0, shop.stderr);
    const args = ['org/svc-3', 'shop.json', 'org', 'org/svc-1'];
    assert.equal(report([...args, '--jobs', '4']).stdout, report([...args, '--jobs', '1']).stdout);
  });

  it('stops at the first invalid repository file with what it printed before, as one after the other does', () => {
    const broken = path.join(fx.dir, 'org-broken');
    fs.cpSync(fx.org, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'svc-5', '.platform-guide.yaml'), 'schema: platform-guide/v1\nteam: [a]\n');
    const one = report(['org-broken', '--jobs', '1']);
    assert.equal(one.status, 2);
    assert.equal(one.stdout, '');
    assert.match(one.stderr, /^platform-guide: org-broken\/fresh: no commit to report \(.+\)\norg-broken\/svc-5\/\.platform-guide\.yaml:2:7: `team` must be text, not a list\n$/);
    const many = report(['org-broken', '--jobs', '4']);
    assert.deepEqual([many.status, many.stdout, many.stderr], [one.status, one.stdout, one.stderr]);
  });

  it('reports every repository when git cannot run, saying so for each, in order', () => {
    const noGit = fs.mkdtempSync(path.join(fx.dir, 'path-'));
    const run = (jobs: string) => runCli(['report', 'org', '--jobs', jobs, '--catalog', fx.catalog, '--today', '2026-11-30', '--fail-on', 'never'], { cwd: fx.dir, env: { PATH: noGit } });
    const one = run('1');
    assert.equal(one.status, 0, one.stderr);
    const lines = one.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 18);
    assert.ok(lines.every((l) => /^platform-guide: org\/[a-z0-9-]+: no commit to report \(cannot run git: .*ENOENT.*\)$/.test(l)), lines[0]);
    const snapshot = JSON.parse(one.stdout) as ReportSnapshot;
    assert.ok(snapshot.repositories.every((r) => r.commit === null && r.remote === null));
    const many = run('4');
    assert.deepEqual([many.stdout, many.stderr], [one.stdout, one.stderr]);
  });

  it('refuses a --jobs that is not a whole number from 1', () => {
    for (const bad of ['0', '-2', 'many', '1.5']) {
      const r = report(['org', `--jobs=${bad}`]);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, new RegExp(`--jobs takes a whole number from 1 to 9999, not '${bad.replace('.', '\\.')}'`));
    }
  });
});
