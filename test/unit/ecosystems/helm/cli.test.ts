import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, ROOT, runCli, type JsonFinding } from '../../../support/cli';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'ecosystems', 'helm');
const ARGS = ['--catalog', path.join(FIXTURE, 'platform-catalog.yaml'), '--today', '2026-11-30', '--format', 'json', '--fail-on', 'never'];


function rows(findings: JsonFinding[]): unknown[] {
  return findings.map((f) => [f.file, `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`, f.package, f.constraint, f.resolved, f.severity]);
}

describe('platform-guide check on Helm charts (a real process)', function () {
  before(buildCli);

  it('reports each aliased use at its own entry with the version Chart.lock resolved, and a Helm 2 requirements.yaml by its range', () => {
    const r = runCli(['check', FIXTURE, ...ARGS]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[]; summary: { dependencies: number; platformDependencies: number } };
    assert.deepEqual(out.errors, []);
    assert.deepEqual(rows(out.findings), [
      // The second of three aliases of acme-service: Chart.lock's second entry resolved it to 4.8.0.
      // The first and third (5.1.2) are not deprecated, though `>= 4.0, < 6` reaches into 4.x.
      ['charts/storefront/Chart.yaml', '17:15-17:26', 'acme-service', '>= 4.0, < 6', '4.8.0', 'info'],
      ['charts/storefront/Chart.yaml', '26:14-26:19', 'acme-redis', '2.x.x', '2.6.1', 'error'],
      // No requirements.lock: `~2.4` is compared as a range; `^4.2.0 || ^5.0.0` also admits 5.x.
      ['legacy/billing/requirements.yaml', '6:12-6:16', 'acme-redis', '~2.4', null, 'error'],
    ]);
    // Three aliases, acme-redis and a local chart; two in requirements.yaml.
    assert.deepEqual([out.summary.dependencies, out.summary.platformDependencies], [7, 6]);
  });

  it('migrates a chart: bumps in the style written and renames the chart, keeping repository and lock untouched', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-helm-'));
    try {
      const copy = path.join(tmp, 'charts');
      fs.cpSync(FIXTURE, copy, { recursive: true });
      const read = (rel: string) => fs.readFileSync(path.join(copy, rel), 'utf8');
      const chart = read('charts/storefront/Chart.yaml');
      const lock = read('charts/storefront/Chart.lock');
      const requirements = read('legacy/billing/requirements.yaml');
      const r = runCli(['migrate', copy, '--migration', 'acme-redis/redis-to-valkey', '--catalog', path.join(FIXTURE, 'platform-catalog.yaml'), '--today', '2026-11-30']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(read('charts/storefront/Chart.yaml'), chart.replace('    name: acme-redis\n    version: 2.x.x\n', '    name: acme-valkey\n    version: 3.x.x\n'));
      assert.equal(read('legacy/billing/requirements.yaml'), requirements.replace('- name: acme-redis\n  version: ~2.4\n', '- name: acme-valkey\n  version: ~3.0\n'));
      // The lock is Helm's to rewrite (`helm dependency update`), never edited by a migration.
      assert.equal(read('charts/storefront/Chart.lock'), lock);
      assert.match(r.stdout, /made 4 changes in 2 files for 2 manifests/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('reports a Chart.lock that is not YAML with its place, and compares the Chart.yaml’s own range', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-helm-'));
    try {
      fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: acme-service\n    version: ~4.2\n');
      fs.writeFileSync(path.join(dir, 'Chart.lock'), 'dependencies:\n- name: acme-service\n  version: [4.2.7\n');
      const r = runCli(['check', dir, ...ARGS]);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: Array<{ file: string; line: number; column: number; message: string }> };
      assert.deepEqual(rows(out.findings), [['Chart.yaml', '6:14-6:18', 'acme-service', '~4.2', null, 'info']]);
      assert.equal(out.errors.length, 1, JSON.stringify(out.errors));
      const [error] = out.errors;
      assert.equal(error!.file, 'Chart.lock');
      assert.equal(error!.line, 4);
      assert.match(error!.message, /YAML syntax error in Chart\.lock: .*; fix it/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
