import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, runCli, type CliRun } from '../../support/cli';

/**
 * A repository can bring its own catalog, settings and manifests: none of them may make the CLI
 * hang or crash. Each run is killed after LIMIT, generous for a slow machine and far below the
 * minutes the defects took; the output must be a message, never a stack trace.
 */
const LIMIT = 10_000;
const TODAY = ['--today', '2026-11-21'];

const TEAM = 'teams:\n  - { id: web, name: Web, contact: "#web" }\n';
function component(id: string, owner: string, packages: readonly string[], extra = ''): string {
  return `  - id: ${id}\n    name: ${id}\n    owner: ${owner}\n    packages:\n${packages.map((p) => `      - npm: ${JSON.stringify(p)}\n`).join('')}${extra}`;
}

/** Writes `files` (relative path → text) into a new temporary folder and returns it. */
function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-hostile-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function run(args: string[], cwd: string): CliRun {
  const started = Date.now();
  const r = runCli(args, { cwd, timeoutMs: LIMIT });
  assert.equal(r.signal, null, `killed after ${Date.now() - started} ms: the run hangs`);
  for (const out of [r.stdout, r.stderr]) assert.doesNotMatch(out, /^\s+at .+\(?.*:\d+:\d+\)?$/m, `a stack trace:\n${out}`);
  return r;
}

const manifest = (deps: Record<string, string>): string => JSON.stringify({ name: 'app', dependencies: deps }, null, 2) + '\n';

describe('platform-guide against a hostile repository (a real process)', function () {
  this.timeout(4 * LIMIT);
  const dirs: string[] = [];
  before(buildCli);
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const make = (files: Record<string, string>): string => {
    const dir = repo(files);
    dirs.push(dir);
    return dir;
  };

  it('a `*` pattern built to backtrack is matched in linear time', () => {
    const dir = make({
      'catalog.yaml': `schema: platform-guide/v1\n${TEAM}components:\n${component('evil', 'web', ['@acme/*a*a*a*a*a*a*a*a*a*a*a*a*b'], '    deprecations:\n      - { versions: "<9", message: Old., severity: error }\n')}`,
      'package.json': manifest({ [`@acme/${'a'.repeat(40)}`]: '1.0.0', [`@acme/${'a'.repeat(40)}b`]: '1.0.0' }),
    });
    const r = run(['check', '.', '--catalog', 'catalog.yaml', '--format', 'json', ...TODAY], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { package: string }) => f.package), [`@acme/${'a'.repeat(40)}b`]);
  });

  it("a repository's own catalog cannot take a package an earlier catalog claims with `*`", () => {
    const ORG = `schema: platform-guide/v1\n${TEAM}components:\n${component('acme-all', 'web', ['@acme/*'], '    deprecations:\n      - { versions: "<2", message: Old., severity: error }\n')}`;
    const LOCAL = `schema: platform-guide/v1\nteams:\n  - { id: mallory, name: Mallory, contact: "#mallory" }\ncomponents:\n${component('takeover', 'mallory', ['@acme/ui'], '    deprecations:\n      - { versions: "<2", message: Mine., severity: error }\n')}`;
    const dir = make({ 'org.yaml': ORG, 'local.yaml': LOCAL, 'package.json': manifest({ '@acme/ui': '1.0.0' }) });
    const r = run(['check', '.', '--catalog', 'org.yaml', '--catalog', 'local.yaml', '--format', 'json', ...TODAY], dir);
    assert.equal(r.status, 1, r.stderr);
    const [finding] = JSON.parse(r.stdout).findings as Array<{ component: string; owner: string }>;
    assert.deepEqual([finding?.component, finding?.owner], ['acme-all', 'web']);
    assert.match(r.stderr, /^local\.yaml:9:9: warning: package `@acme\/ui` \(npm\) is already claimed by component `acme-all` \(`@acme\/\*` at org\.yaml:9:9\); the first claim wins/m);
  });

  /** `n` alternatives that never merge: `>=0.0.0 <0.1.0 || >=1.0.0 <1.1.0 || …`. */
  const alternatives = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `>=${from + i}.0.0 <${from + i}.1.0`).join(' || ');

  it('`catalog validate` refuses ranges with thousands of alternatives, at their place, quickly', () => {
    const deprecations = `    deprecations:\n      - versions: "${alternatives(2000)}"\n        message: Old.\n      - versions: "${alternatives(2000, 5000)}"\n        message: Older.\n`;
    const dir = make({ 'catalog.yaml': `schema: platform-guide/v1\n${TEAM}components:\n${component('ui', 'web', ['@acme/ui'], deprecations)}` });
    const r = run(['catalog', 'validate', 'catalog.yaml'], dir);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    const out = r.stdout + r.stderr;
    assert.match(out, /^catalog\.yaml:11:19: `versions`: the range has 2000 alternatives \(`\|\|`\), more than the 64 a range may have/m);
    assert.match(out, /^catalog\.yaml:13:19: `versions`: the range has 2000 alternatives/m);
  });

  it('`check` treats a manifest range with thousands of alternatives as unknown, quickly', () => {
    const catalog = `schema: platform-guide/v1\n${TEAM}components:\n${component('ui', 'web', ['@acme/ui'], '    deprecations:\n      - { versions: "<5000.0.0", message: Old., severity: error }\n')}`;
    const settings = 'schema: platform-guide/v1\nexceptions:\n  - { component: ui, versions: "<5000.0.0", until: 2026-12-31, reason: Vendor. }\n';
    // The same long range in many manifests: a subset test of about a second each, before.
    const long: Record<string, string> = {};
    for (let i = 0; i < 20; i++) long[`app${i}/package.json`] = manifest({ '@acme/ui': alternatives(2500) });
    const dir = make({ 'catalog.yaml': catalog, '.platform-guide.yaml': settings, ...long, 'old/package.json': manifest({ '@acme/ui': '^1.0.0' }) });
    const r = run(['check', '.', '--catalog', 'catalog.yaml', '--format', 'json', ...TODAY], dir);
    assert.equal(r.status, 0, r.stderr);
    // The long range is never flagged; the plain one still is (as a hint: the exception covers it).
    const findings = JSON.parse(r.stdout).findings as Array<{ file: string; severity: string }>;
    assert.deepEqual(findings.map((f) => [f.file, f.severity]), [['old/package.json', 'hint']]);
  });

  it('`migrate` leaves a 150,000-character version text as written and bumps the rest, quickly', () => {
    const migration = '    migrations:\n      - { id: ui-4, title: UI 4, from: "<4.0.0", to: 4.2.0 }\n';
    const dir = make({
      'catalog.yaml': `schema: platform-guide/v1\n${TEAM}components:\n${component('ui', 'web', ['@acme/ui', '@acme/ui-*'], migration)}`,
      'package.json': manifest({ '@acme/ui': '1.0.0' + ' '.repeat(150_000) + '1', '@acme/ui-button': '^3.1.0' }),
    });
    const r = run(['migrate', '.', '--migration', 'ui/ui-4', '--catalog', 'catalog.yaml', '--dry-run', ...TODAY], dir);
    assert.equal(r.status, 0, r.stderr.slice(0, 2000));
    assert.match(r.stdout, /^\+\s+"@acme\/ui-button": "\^4\.2\.0"/m);
    assert.match(r.stderr, /"@acme\/ui": the version text is 150006 characters long, more than the 256 a bump reads; left as written/);
  });
});
