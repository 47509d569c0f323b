// The machine-readable outputs as the systems that read them see them: SARIF against the
// OASIS schema, GitLab's Code Quality report against its format, and one version everywhere.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { buildCli, ROOT, runCli } from '../../support/cli';

const EXAMPLE = path.join(ROOT, 'examples', 'workspace');
const EX = ['--today', '2026-11-21', '--catalog', path.join(ROOT, 'examples', 'platform-catalog.yaml'), '--fail-on', 'never'];
/** A multi-module project whose findings sit on parent definitions, with their uses as related locations. */
const MODULES = path.join(ROOT, 'test', 'fixtures', 'ecosystems', 'jvm-modules');
const MODULES_ARGS = ['--today', '2026-11-30', '--catalog', path.join(MODULES, 'catalog.yaml'), '--fail-on', 'never'];
const { version, homepage } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string };

/** The schema's formats, checked as strictly as a consumer would (ajv knows none by itself). */
function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  return ajv.compile(schema);
}

describe('check outputs for CI systems (a real process)', () => {
  before(buildCli);

  it('SARIF is valid against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const sarif = JSON.parse(runCli(['check', EXAMPLE, '--format', 'sarif', ...EX]).stdout) as { runs: Array<{ results: Array<{ message?: unknown }> }> };
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const related = JSON.parse(runCli(['check', MODULES, '--format', 'sarif', ...MODULES_ARGS]).stdout) as { runs: Array<{ results: Array<{ relatedLocations?: unknown[] }> }> };
    assert.ok(related.runs[0]!.results.every((x) => x.relatedLocations?.length), 'each result has related locations');
    assert.ok(validate(related), JSON.stringify(validate.errors, null, 2));
    // The validator is not a rubber stamp: a result without a message is refused.
    delete sarif.runs[0]!.results[0]!.message;
    assert.equal(validate(sarif), false);
  });

  it('SARIF passes Microsoft\'s sarif-multitool validate with no error and no warning', function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-sarif-'));
    try {
      const input = path.join(dir, 'example.sarif');
      const output = path.join(dir, 'validation.sarif');
      fs.writeFileSync(input, runCli(['check', EXAMPLE, '--format', 'sarif', ...EX]).stdout);
      const modules = path.join(dir, 'modules.sarif');
      fs.writeFileSync(modules, runCli(['check', MODULES, '--format', 'sarif', ...MODULES_ARGS]).stdout);
      // The npm package ships the tool's own binary for this platform: nothing is downloaded.
      const bin = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool', 'bin.js');
      const r = spawnSync(process.execPath, [bin, 'validate', input, modules, '--output', output], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      // Its findings about our file are themselves a SARIF log: none, neither error nor warning.
      const found = (JSON.parse(fs.readFileSync(output, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string }> }> }).runs[0]?.results ?? [];
      assert.deepEqual(found.map((x) => x.ruleId), [], r.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SARIF names each rule readably, apart from its id, and says where the tool is documented', () => {
    const driver = JSON.parse(runCli(['check', EXAMPLE, '--format', 'sarif', ...EX]).stdout).runs[0].tool.driver;
    assert.equal(driver.informationUri, homepage);
    const acmeUi = driver.rules.find((r: { id: string }) => r.id === 'acme-ui');
    assert.equal(acmeUi.name, 'DeprecatedAcmeUi');
    for (const rule of driver.rules) assert.notEqual(rule.name, rule.id);
  });

  it('--version, the JSON and the SARIF name the same version: the package\'s', () => {
    assert.equal(runCli(['--version']).stdout.trim(), version);
    assert.deepEqual(JSON.parse(runCli(['check', EXAMPLE, '--format', 'json', ...EX]).stdout).tool, { name: 'platform-guide', version });
    const driver = JSON.parse(runCli(['check', EXAMPLE, '--format', 'sarif', ...EX]).stdout).runs[0].tool.driver;
    assert.equal(driver.version, version);
  });

  it('--format codequality writes GitLab\'s Code Quality report: one issue a finding, stable distinct fingerprints', () => {
    const r = runCli(['check', EXAMPLE, '--format', 'codequality', ...EX]);
    assert.equal(r.status, 0, r.stderr);
    const issues = JSON.parse(r.stdout) as Array<Record<string, any>>;
    const findings = JSON.parse(runCli(['check', EXAMPLE, '--format', 'json', ...EX]).stdout).findings as Array<Record<string, any>>;
    assert.ok(Array.isArray(issues));
    assert.equal(issues.length, findings.length);
    const severity = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' } as Record<string, string>;
    issues.forEach((issue, i) => {
      const f = findings[i]!;
      // Exactly the fields GitLab reads, with its types.
      assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.equal(issue.description, f.message);
      assert.equal(issue.check_name, f.component);
      assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(issue.severity, severity[f.severity]);
      assert.deepEqual(issue.location, { path: f.file, lines: { begin: f.range.start.line } });
    });
    assert.equal(new Set(issues.map((x) => x.fingerprint)).size, issues.length, 'GitLab merges issues that share a fingerprint');
    // Stable from run to run, so a merge request shows only what it changed.
    assert.equal(runCli(['check', EXAMPLE, '--format', 'codequality', ...EX]).stdout, r.stdout);
  });

  it('--format codequality on a clean repository is an empty list, which GitLab needs rather than no output', () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-clean-'));
    try {
      fs.writeFileSync(path.join(clean, 'package.json'), JSON.stringify({ name: 'clean', dependencies: { 'left-pad': '1.3.0' } }));
      const r = runCli(['check', clean, '--format', 'codequality', ...EX]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '[]\n');
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });
});
