import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildCli, CLI, ROOT, runCli } from '../../support/cli';

const EXAMPLE = path.join(ROOT, 'examples', 'workspace');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'example-check.json');
const MALFORMED = path.join(ROOT, 'test', 'fixtures', 'workspaces', 'malformed');
const TODAY = ['--today', '2026-11-21'];
const EX = [...TODAY, '--catalog', path.join(ROOT, 'examples', 'platform-catalog.yaml')];

describe('platform-guide check (a real process)', function () {
  before(buildCli);

  it('reports the example exactly as the golden JSON says', () => {
    const r = runCli(['check', 'examples/workspace', '--format', 'json', ...EX, '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
  });

  it('shows every kind of finding in the example', () => {
    const { findings } = JSON.parse(runCli(['check', EXAMPLE, '--format', 'json', ...EX]).stdout) as {
      findings: Array<{ file: string; severity: string; resolved: string | null; exception: { expired: boolean } | null; component: string }>;
    };
    const kinds = (pred: (f: (typeof findings)[number]) => boolean) => findings.filter(pred).map((f) => f.file);
    assert.deepEqual(kinds((f) => f.severity === 'error' && f.exception?.expired === true), ['apps/admin/package.json']);
    assert.ok(kinds((f) => f.severity === 'warning' && f.resolved !== null).includes('apps/web/package.json'));
    assert.deepEqual(kinds((f) => f.severity === 'info' && f.resolved === null), ['.gitlab-ci.yml', 'deploy/shop/Chart.yaml', 'docker-compose.yml', 'services/pricing/pyproject.toml', 'tools/release/package.json']);
    // Past a sunset in a Dockerfile: the image's tag comes from an ARG default.
    assert.deepEqual(kinds((f) => f.severity === 'error' && f.component === 'acme-node-image'), ['apps/web/Dockerfile']);
    // An action pinned by SHA is compared by its version comment.
    assert.ok(findings.some((f) => f.component === 'acme-deploy-action' && f.resolved === 'v3.2.0'));
    // A runtime pinned by its LTS codename, past its sunset.
    assert.deepEqual(kinds((f) => f.severity === 'error' && f.component === 'node-runtime'), ['services/pricing/.nvmrc']);
    // A Maven property and a Gradle version catalog: the finding is where the version is defined.
    assert.deepEqual(kinds((f) => f.component === 'acme-platform-bom'), ['services/billing/pom.xml', 'services/ledger/gradle/libs.versions.toml']);
    assert.deepEqual(kinds((f) => f.severity === 'error' && f.component === 'acme-network-module'), ['infra/prod/main.tf']);
    assert.deepEqual(kinds((f) => f.severity === 'hint' && f.exception?.expired === false), ['packages/legacy-api/package.json']);
    assert.deepEqual(kinds((f) => f.component === 'acme-legacy-grid'), ['packages/dashboard/package.json']);
    assert.ok(!findings.some((f) => f.file.startsWith('tools/fixtures/')), 'excluded folders are not scanned');
  });

  it('prints compiler-style text lines sorted by place, and a summary', () => {
    const r = runCli(['check', 'examples/workspace', ...EX]);
    assert.equal(r.status, 1, 'an error-level finding fails the default --fail-on error');
    const lines = r.stdout.trimEnd().split('\n');
    const admin = lines.find((l) => l.startsWith('apps/admin/'));
    assert.match(admin!, /^apps\/admin\/package\.json:6:18: error: @acme\/ui \^2\.3\.0 \(locked at 2\.3\.4\) is deprecated: Acme UI 2 is out of support\. .*\[acme-ui, owner web-platform\]$/);
    assert.match(lines[0]!, /^\.github\/workflows\/deploy\.yml:13:47: warning: acme\/ci\/\.github\/workflows\/build\.yml v2 is deprecated: /);
    const places = lines.slice(0, -1).map((l) => l.split(': ')[0]!);
    const sorted = [...places].sort((a, b) => {
      const [fa, la, ca] = a.split(':');
      const [fb, lb, cb] = b.split(':');
      return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(la) - Number(lb) || Number(ca) - Number(cb);
    });
    assert.deepEqual(places, sorted);
    assert.match(lines.at(-1)!, /^19 findings \(5 errors, 8 warnings, 5 info, 1 hint\) in 19 manifests: \d+ platform dependencies of \d+ dependencies$/);
  });

  describe('--fail-on sets the exit code', () => {
    const cases: Array<[string, number]> = [['error', 1], ['warning', 1], ['hint', 1], ['never', 0]];
    for (const [failOn, status] of cases) {
      it(`--fail-on ${failOn} exits ${status}`, () =>
        assert.equal(runCli(['check', EXAMPLE, ...EX, '--fail-on', failOn]).status, status));
    }
    it('nothing at or above the threshold exits 0', () => {
      // Long before the sunset the same use is only an info, below the default threshold.
      const r = runCli(['check', path.join(MALFORMED, 'good'), '--catalog', path.join(MALFORMED, 'catalog.yaml'), '--today', '2025-01-01']);
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /: info: /);
    });
  });

  it('writes SARIF 2.1.0 with one rule per component and the same locations', () => {
    const r = runCli(['check', EXAMPLE, '--format', 'sarif', ...EX]);
    const sarif = JSON.parse(r.stdout);
    const json = JSON.parse(runCli(['check', EXAMPLE, '--format', 'json', ...EX]).stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ['acme-ci-templates', 'acme-deploy-action', 'acme-go-platform', 'acme-http', 'acme-legacy-grid', 'acme-logger', 'acme-network-module', 'acme-node-image', 'acme-platform-bom', 'acme-python-sdk', 'acme-service-chart', 'acme-ui', 'node-runtime']);
    assert.equal(run.results.length, json.findings.length);
    run.results.forEach((res: any, i: number) => {
      const f = json.findings[i];
      assert.equal(res.ruleId, f.component);
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, f.component);
      assert.equal(res.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[f.severity as string]);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, f.file);
      assert.deepEqual(
        [loc.region.startLine, loc.region.startColumn, loc.region.endLine, loc.region.endColumn],
        [f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column],
      );
    });
  });

  it('keeps scanning past manifests and lockfiles it cannot read, without changing the exit code', () => {
    const r = runCli(['check', MALFORMED, '--catalog', path.join(MALFORMED, 'catalog.yaml'), '--format', 'json', ...TODAY, '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['good/package.json']);
    const byFile = Object.fromEntries(out.errors.map((e: { file: string }) => [e.file, e]));
    assert.deepEqual(Object.keys(byFile).sort(), ['array/package.json', 'broken/package.json', 'notobject/package.json', 'wronglock/package-lock.json']);
    assert.equal(byFile['broken/package.json'].line, 5);
    assert.match(byFile['wronglock/package-lock.json'].message, /lockfileVersion 1/);
    // Text output reports them as warnings, not errors, on stderr.
    const text = runCli(['check', MALFORMED, '--catalog', path.join(MALFORMED, 'catalog.yaml'), ...TODAY]);
    assert.equal(text.status, 1, 'the one real error-level finding still fails the run');
    assert.match(text.stderr, /^broken\/package\.json:5:\d+: warning: /m);
    assert.doesNotMatch(text.stderr, /: error: /);
  });

  it('reads a 5 MB manifest without trouble', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-big-'));
    const deps: Record<string, string> = { '@acme/ui': '^2.3.0' };
    for (let i = 0, size = 0; size < 5_000_000; i++) {
      const name = `some-very-long-package-name-${i}`;
      deps[name] = `^${i}.0.0`;
      size += name.length + 20;
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'big', dependencies: deps }, null, 2));
    const r = runCli(['check', dir, '--catalog', path.join(MALFORMED, 'catalog.yaml'), '--format', 'json', ...TODAY]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.findings.length, 1);
    assert.deepEqual(out.findings[0].range.start, { line: 4, column: 18 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('usage errors exit 2 and say what to do', () => {
    const cases: Array<[string, string[], RegExp, NodeJS.ProcessEnv?]> = [
      ['no catalog anywhere', ['check', path.join(MALFORMED, 'good')], /no catalog: name one with --catalog/],
      ['an unknown format', ['check', EXAMPLE, '--format', 'xml'], /--format takes one of text, json, sarif/],
      ['an unknown fail-on', ['check', EXAMPLE, '--fail-on', 'sometimes'], /--fail-on takes one of/],
      ['a date that is not a date', ['check', EXAMPLE, '--today', '2026-02-30'], /--today takes a date/],
      ['an unknown flag', ['check', EXAMPLE, '--colour'], /Unknown option '--colour'/],
      ['a folder that does not exist', ['check', 'no/such/folder'], /'no\/such\/folder' is not a folder/],
      ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [name, args, message, env] of cases) {
      it(name, () => {
        const r = runCli(args, env ? { env } : {});
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
      });
    }
  });

  it('finds the catalog through PLATFORM_GUIDE_CATALOG, comma-separated', () => {
    const r = runCli(['check', path.join(MALFORMED, 'good'), '--format', 'json', ...TODAY], {
      env: { PLATFORM_GUIDE_CATALOG: ` ${path.join(MALFORMED, 'catalog.yaml')} ,` },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).findings.length, 1);
  });

  it('finds the catalogs listed in the repository file when no other is named', () => {
    const r = runCli(['check', path.join(ROOT, 'test', 'fixtures', 'workspaces', 'repo-catalog'), '--format', 'json', ...TODAY]);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { package: string }) => f.package), ['@acme/tool']);
  });

  it('an invalid catalog exits 2 with FILE:LINE:COLUMN lines on stderr', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-badcat-'));
    fs.writeFileSync(path.join(dir, 'catalog.yaml'), 'schema: platform-guide/v1\nteams: []\ncomponents:\n  - id: x\n    name: X\n    ownr: web\n    packages: [{ npm: x }]\n');
    const r = runCli(['check', path.join(MALFORMED, 'good'), '--catalog', path.join(dir, 'catalog.yaml')]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^${path.join(dir, 'catalog.yaml').replace(/[/.]/g, '\\$&')}:6:5: .*ownr.*owner`, 'm'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('writes the same bytes to a file as to a pipe (check > out.sarif), non-ASCII text included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-file-out-'));
    try {
      for (const format of ['text', 'json', 'sarif']) {
        const args = [CLI, 'check', EXAMPLE, ...EX, '--format', format, '--fail-on', 'never'];
        const piped = runCli(args.slice(1));
        assert.equal(piped.status, 0, piped.stderr);
        const out = path.join(dir, `out.${format}`);
        const fd = fs.openSync(out, 'w');
        try {
          const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
          assert.equal(r.status, 0, r.stderr);
        } finally {
          fs.closeSync(fd);
        }
        const written = fs.readFileSync(out, 'utf8');
        assert.equal(written, piped.stdout, format);
        assert.match(written, /→/, 'the example has non-ASCII text');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
