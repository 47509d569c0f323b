import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, findingLine, ROOT, runCli, type JsonFinding } from '../../support/cli';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'ecosystems', 'terraform');
const CATALOG = path.join(FIXTURE, 'platform-catalog.yaml');
const TODAY = ['--today', '2026-11-30'];

const shown = (f: JsonFinding) => findingLine(FIXTURE, f, { resolved: true });

describe('platform-guide check and migrate on Terraform files (a real process)', function () {
  this.timeout(60_000);
  before(buildCli);

  it('reports modules, providers (pinned by the lockfile) and required_version, each at its exact text', () => {
    const r = runCli(['check', FIXTURE, '--catalog', CATALOG, '--format', 'json', ...TODAY]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[] };
    assert.deepEqual(out.errors, []);
    assert.deepEqual(out.findings.map(shown), [
      // `~> 1.4.0` is read as Terraform reads it: >=1.4.0 <1.5.0.
      'main.tf:3:23-31 info terraform terraform ~> 1.4.0 [~> 1.4.0]',
      // The range admits 5.40 and later; the lockfile beside it pins 5.31.0.
      'main.tf:8:18-31 warning aws-provider hashicorp/aws >= 5.0, < 6.0 (5.31.0) [>= 5.0, < 6.0]',
      'main.tf:21:14-20 error network registry.terraform.io/acme/network/aws ~> 2.4 [~> 2.4]',
      'main.tf:28:71-77 warning dns-zones git::https://github.com/acme/terraform-dns.git v0.9.2 [v0.9.2]',
      // A deprecated module with a ref: the range is the ref.
      'stacks/legacy/main.tf:2:50-60 warning legacy-bucket github.com/acme/tf-legacy-bucket tags/0.5.7 [tags/0.5.7]',
    ]);
    // Not flagged: the heredoc's text, the local ./modules/cache source, modules/cache's `>= 5.45`
    // (no lockfile in its folder), network 3.1.0, and .terraform/ (downloaded copies).
  });

  it('a migration bumps a module in its own style and keeps its source', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-tf-'));
    try {
      const copy = path.join(tmp, 'workspace');
      fs.cpSync(FIXTURE, copy, { recursive: true });
      const before = fs.readFileSync(path.join(copy, 'main.tf'), 'utf8');
      const legacy = fs.readFileSync(path.join(copy, 'stacks', 'legacy', 'main.tf'), 'utf8');
      const r = runCli(['migrate', copy, '--migration', 'network/network-3', '--catalog', CATALOG, ...TODAY]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(copy, 'main.tf'), 'utf8'), before.replace('version = "~> 2.4"', 'version = "~> 3.1"'));
      assert.equal(fs.readFileSync(path.join(copy, 'stacks', 'legacy', 'main.tf'), 'utf8'), legacy);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
