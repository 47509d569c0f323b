import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, ROOT, runCli, type JsonFinding } from '../../../support/cli';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'ecosystems', 'pypi');
const ARGS = ['--catalog', path.join(FIXTURE, 'platform-catalog.yaml'), '--today', '2026-11-30', '--format', 'json', '--fail-on', 'never'];


describe('platform-guide check on a Python project (a real process)', function () {
  before(buildCli);

  it('reports requirement lines and pyproject.toml uses at their version text, pins from poetry.lock and a uv workspace’s uv.lock', () => {
    const r = runCli(['check', FIXTURE, ...ARGS]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[] };
    assert.deepEqual(out.errors, []);
    const seen = out.findings.map((f) => [f.file, `${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`, f.package, f.constraint, f.resolved, f.component, f.severity]);
    assert.deepEqual(seen, [
      // Poetry: the lockfile's versions are compared; `1.9` is no semver version but a PEP 440 one.
      ['pyproject.toml', '8:21-8:26', 'acme-http-client', '>=2.4', '2.6.1', 'acme-http-client', 'info'],
      ['pyproject.toml', '9:28-9:32', 'acme.auth', '^1.2', '1.9', 'acme-auth', 'error'],
      // Requirements: the specifier without extras, marker or comment; names matched after PEP 503.
      ['requirements.txt', '3:18-3:29', 'acme-http-client', '>= 2.4, < 3', null, 'acme-http-client', 'info'],
      ['requirements.txt', '4:15-4:22', 'Acme_Auth', '==1.8.2', null, 'acme-auth', 'error'],
      // A uv workspace member is pinned by the root's uv.lock; the excluded member is not, and `>=2.0` alone is no finding.
      ['uv-workspace/packages/core/pyproject.toml', '5:22-5:27', 'acme-http-client', '>=2.0', '2.9.0.post1', 'acme-http-client', 'info'],
    ]);
  });

  it('reports a poetry.lock that is not TOML with its place, and keeps the manifest’s own range', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-pypi-'));
    try {
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.poetry.dependencies]\nacme-http-client = "^2.4"\n');
      fs.writeFileSync(path.join(dir, 'poetry.lock'), '[[package]]\nname = "acme-http-client"\nversion = 2.6.1\n');
      const r = runCli(['check', dir, ...ARGS]);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: Array<{ file: string; line: number; column: number; message: string }> };
      assert.deepEqual(out.findings.map((f) => [f.file, f.constraint, f.resolved]), [['pyproject.toml', '^2.4', null]]);
      assert.equal(out.errors.length, 1, JSON.stringify(out.errors));
      const [error] = out.errors;
      assert.deepEqual([error!.file, error!.line, error!.column], ['poetry.lock', 3, 14]);
      assert.match(error!.message, /TOML syntax error in poetry\.lock: .*; fix it/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
