import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, findingLine, ROOT, runCli, type JsonFinding } from '../../support/cli';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'ecosystems', 'go-runtime');
const CATALOG = path.join(FIXTURE, 'platform-catalog.yaml');
const TODAY = ['--today', '2026-11-30'];

const shown = (f: JsonFinding) => findingLine(FIXTURE, f);

describe('platform-guide check and migrate on go.mod and runtime files (a real process)', function () {
  this.timeout(60_000);
  before(buildCli);

  it('reports the go requirements and the pinned runtimes, each at its exact text', () => {
    const r = runCli(['check', FIXTURE, '--catalog', CATALOG, '--format', 'json', ...TODAY]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[] };
    assert.deepEqual(out.errors, []);
    assert.deepEqual(out.findings.map(shown), [
      '.nvmrc:1:1-12 warning node node lts/gallium [lts/gallium]',
      '.tool-versions:3:8-14 info python python 3.9.18 [3.9.18]',
      'go.mod:3:4-8 warning go-toolchain go 1.20 [1.20]',
      'go.mod:8:31-37 error platform-sdk github.com/acme/platform-sdk v1.5.3 [v1.5.3]',
      'go.mod:9:28-34 warning telemetry github.com/acme/telemetry v1.9.0 [v1.9.0]',
      'go.mod:14:30-66 warning legacy-auth github.com/acme/legacy-auth v0.3.1-0.20240311101500-0a1b2c3d4e5f [v0.3.1-0.20240311101500-0a1b2c3d4e5f]',
      'services/ledger/.java-version:1:1-17 info java java openjdk64-11.0.2 [openjdk64-11.0.2]',
      'services/web/package.json:5:14-22 warning node node ^16.20.0 [^16.20.0]',
    ]);
    // Not flagged: node 20.11.1 (.tool-versions, volta), python 3.12.2, go 1.22.5 and the toolchain
    // go1.21.5, the /v2 module (another path), the replace directive (not a use), kubectl (no runtime).
  });

  it('a migration across a Go major says it is a rename and leaves go.mod as written', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-go-'));
    try {
      const copy = path.join(tmp, 'workspace');
      fs.cpSync(FIXTURE, copy, { recursive: true });
      const before = fs.readFileSync(path.join(copy, 'go.mod'), 'utf8');
      const r = runCli(['migrate', copy, '--migration', 'telemetry/telemetry-2', '--catalog', CATALOG, ...TODAY]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout + r.stderr, /require "github\.com\/acme\/telemetry": crossing a major changes the module path \(…\/v2\): a rename, not a bump; left as written/);
      assert.equal(fs.readFileSync(path.join(copy, 'go.mod'), 'utf8'), before);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
