// The GitLab CI template run here as a runner would run its job's script (minus the install,
// which the checkout's CLI replaces): the Code Quality report it attaches, and the gate.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { buildCli, CLI, ROOT } from '../../support/cli';

interface Job { script: string[]; artifacts: { when: string; reports: { codequality: string } } }
const template = parse(fs.readFileSync(path.join(ROOT, 'ci', 'platform-guide.gitlab-ci.yml'), 'utf8')) as { variables: Record<string, string>; 'platform-guide': Job };
const job = template['platform-guide'];

/** The job's script lines after the install, in bash with `set -e` as GitLab's runner does. */
function runJob(cwd: string, variables: Record<string, string>) {
  const script = ['set -eo pipefail', `platform-guide() { "${process.execPath}" "${CLI}" "$@"; }`, ...job.script.filter((l) => !l.startsWith('npm install'))].join('\n');
  return spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...template.variables, ...variables } });
}

describe('the GitLab CI template (ci/platform-guide.gitlab-ci.yml)', () => {
  let dir: string;
  before(buildCli);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-gitlab-'));
    fs.cpSync(path.join(ROOT, 'examples', 'workspace'), path.join(dir, 'repo'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const catalog = { PLATFORM_GUIDE_CATALOG: path.join(ROOT, 'examples', 'platform-catalog.yaml') };

  it('attaches the Code Quality report even when the job fails', () => {
    assert.equal(job.artifacts.when, 'always');
    assert.equal(job.artifacts.reports.codequality, 'gl-code-quality-report.json');
  });

  it('on the example: writes the report, then fails on the errors past their sunset', () => {
    const r = runJob(path.join(dir, 'repo'), catalog);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'repo', 'gl-code-quality-report.json'), 'utf8')) as Array<{ severity: string }>;
    assert.equal(report.length > 0, true);
    // The example's findings are dated relative to the real date here, so count kinds, not numbers.
    for (const issue of report) assert.match(issue.severity, /^(info|minor|major|critical|blocker)$/);
    assert.match(r.stdout, /: error: /);
  });

  it('installs the CLI of the same version as the package', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(template.variables.PLATFORM_GUIDE_VERSION, version);
  });

  it('PLATFORM_GUIDE_FAIL_ON=never passes the job and still writes the report', () => {
    const r = runJob(path.join(dir, 'repo'), { ...catalog, PLATFORM_GUIDE_FAIL_ON: 'never' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'repo', 'gl-code-quality-report.json')));
  });
});
