// The GitHub Action (action.yml) run here as a runner would run its shell steps: inputs into the
// steps' env, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY and $RUNNER_TEMP as files in a temp folder.
// The upload step is GitHub's own action and cannot run here; its wiring is checked instead.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildCli, CLI, ROOT } from '../../support/cli';

interface Step { name: string; id?: string; if?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } }

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;

/** Runs one shell step with the given inputs; returns its outputs, summary and exit status. */
function runStep(s: Step, inputs: Record<string, string>, temp: string, outputs: Record<string, string> = {}) {
  const all = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), ...inputs };
  const expr = (v: string) =>
    v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, k: string) => all[k] ?? '').replace(/\$\{\{\s*steps\.check\.outputs\.(\w+)\s*\}\}/g, (_, k: string) => outputs[k] ?? '');
  const env = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, expr(v)]));
  const files = { GITHUB_OUTPUT: path.join(temp, 'output'), GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'), GITHUB_PATH: path.join(temp, 'path') };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const r = spawnSync('bash', ['-e', '-c', s.run!], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env, ...files, RUNNER_TEMP: temp, GITHUB_ACTION_PATH: ROOT, PLATFORM_GUIDE_CLI: `${process.execPath} ${CLI}`, PG_TODAY: '2026-11-21' },
  });
  const out = Object.fromEntries(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: out, summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

describe('the GitHub Action (action.yml)', () => {
  let temp: string;
  before(buildCli);
  beforeEach(() => (temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-action-'))));
  afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));
  const example = { catalogs: `${path.join(ROOT, 'examples', 'platform-catalog.yaml')}\n`, directory: 'examples/workspace' };

  it('is a composite action whose upload step sends the check step\'s SARIF to code scanning, even when the gate fails', () => {
    assert.equal(action.runs.using, 'composite');
    const upload = step('Upload SARIF');
    assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@/);
    assert.equal(upload.with!.sarif_file, '${{ steps.check.outputs.sarif }}');
    assert.match(upload.if!, /always\(\)/);
    const names = action.runs.steps.map((s) => s.name);
    assert.ok(names.indexOf('Upload SARIF') < names.indexOf('Fail on findings'));
  });

  it('on the example: writes valid SARIF, a Markdown job summary with every finding, the log, and status 1 for the errors', () => {
    const r = runStep(step('Check'), example, temp);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.outputs.status, '1');
    const sarif = JSON.parse(fs.readFileSync(r.outputs.sarif!, 'utf8'));
    // The example's findings as the golden JSON of `check` lists them.
    const golden = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'example-check.json'), 'utf8'));
    const n = golden.findings.length;
    const c = golden.summary.findings;
    assert.equal(sarif.runs[0].results.length, n);
    const plural = (k: number, word: string) => `${k} ${word}${k === 1 || word === 'info' ? '' : 's'}`;
    assert.ok(r.summary.startsWith(`## Platform Guide\n\n**${n} findings** — ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info, ${plural(c.hint, 'hint')} —`), r.summary.slice(0, 200));
    assert.equal(r.summary.split('\n').filter((l) => /^\| (error|warning|info|hint) \|/.test(l)).length, n);
    assert.match(r.stdout, /^apps\/admin\/package\.json:6:18: error: /m, 'the log has the text format');
    // The gate then fails the job, and says why.
    const gate = runStep(step('Fail on findings'), example, temp, r.outputs);
    assert.equal(gate.status, 1);
    assert.match(gate.stdout, /::error::Platform Guide found dependencies at or above 'error'/);
  });

  it('installs the CLI of the same version as the package by default', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(action.inputs.version!.default, version);
  });

  it('fail-on never and a comma-separated list of catalogs: status 0', () => {
    const r = runStep(step('Check'), { ...example, catalogs: ` ${example.catalogs.trim()} , `, 'fail-on': 'never' }, temp);
    assert.equal(r.outputs.status, '0', r.stderr);
  });

  it('a catalog that does not exist: no SARIF to upload, and the gate fails with the CLI\'s message in the log', () => {
    const r = runStep(step('Check'), { ...example, catalogs: path.join(temp, 'missing.yaml') }, temp);
    assert.equal(r.outputs.status, '2');
    assert.equal(r.outputs.sarif, '');
    assert.match(r.stderr, /missing\.yaml/);
    const gate = runStep(step('Fail on findings'), example, temp, r.outputs);
    assert.match(gate.stdout, /could not check \(exit 2\)/);
  });

  it('a catalog input cannot inject shell', () => {
    const marker = path.join(temp, 'pwned');
    const r = runStep(step('Check'), { ...example, catalogs: `$(touch ${marker})\n\`touch ${marker}\`` }, temp);
    assert.equal(r.outputs.status, '2');
    assert.equal(fs.existsSync(marker), false);
  });
});
