import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, ROOT, runCli } from '../../support/cli';

/**
 * `check` as a process on a repository of Dockerfiles, compose files, workflows, a composite action
 * and a .gitlab-ci.yml (test/fixtures/cli/platforms): what a CI job of a platform team sees.
 */
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli', 'platforms');
const REPO = path.join(FIXTURE, 'repo');
const ARGS = ['--catalog', path.join(FIXTURE, 'catalog.yaml'), '--today', '2026-11-21'];

interface JsonFinding {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  ecosystem: string;
  package: string;
  constraint: string;
  resolved: string | null;
  severity: string;
  exception: { until: string; expired: boolean } | null;
}

function check(root: string, format: string): { status: number | null; out: string; stderr: string } {
  const r = runCli(['check', root, '--format', format, ...ARGS, '--fail-on', 'never']);
  return { status: r.status, out: r.stdout, stderr: r.stderr };
}

/** The text a 1-based, end-exclusive range covers in the file (one line). */
function textAt(root: string, f: JsonFinding): string {
  const lines = fs.readFileSync(path.join(root, f.file), 'utf8').split(/\r?\n/);
  assert.equal(f.range.start.line, f.range.end.line, `${f.file}: a version text is on one line`);
  return lines[f.range.start.line - 1]!.slice(f.range.start.column - 1, f.range.end.column - 1);
}

describe('platform-guide check on docker, workflow and GitLab CI files (a real process)', function () {
  before(buildCli);

  it('reports each use at its version text, with its ecosystem, name, version and pin', () => {
    const r = check(REPO, 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.out) as { findings: JsonFinding[]; errors: unknown[]; summary: { manifests: number; platformDependencies: number } };
    assert.deepEqual(out.errors, []);
    const rows = out.findings.map((f) => [f.file, f.range.start.line, textAt(REPO, f), f.ecosystem, f.package, f.constraint, f.resolved, f.severity]);
    assert.deepEqual(rows, [
      // A composite action's step, under .github/: excepted (see below), so a hint.
      ['.github/actions/setup/action.yml', 6, 'v1.2', 'action', 'acme/deploy-action/setup', 'v1.2', null, 'hint'],
      ['.github/workflows/deploy.yml', 11, 'v1.4.2', 'action', 'acme/deploy-action', 'v1.4.2', null, 'hint'],
      // A reusable workflow called by a job.
      ['.github/workflows/deploy.yml', 15, 'v1', 'action', 'acme/deploy-action/.github/workflows/release.yml', 'v1', null, 'hint'],
      // SHA pins: the range is the SHA, `resolved` the version of each comment form; `# main` names none.
      ...[1, 2, 3, 4, 5, 6].map((n) => ['.github/workflows/pinned.yml', 6 + n, String(n).repeat(40), 'action', 'acme/deploy-action', String(n).repeat(40), `v1.0.${n}`, 'hint']),
      ['.gitlab-ci.yml', 3, '1.8.0', 'gitlab-ci', 'acme/ci-templates', '1.8.0', null, 'info'],
      ['.gitlab-ci.yml', 5, '1.8', 'gitlab-ci', '$CI_SERVER_FQDN/acme/ci-templates/node-build', '1.8', null, 'info'],
      // The version of a FROM that reads an ARG is found at the ARG's default.
      ['services/api/Dockerfile', 2, '18.19', 'docker', 'registry.acme.dev/base/node', '18.19', null, 'error'],
      // A tag followed by a digest: the tag is the version text.
      ['services/api/Dockerfile', 14, '18.19.1-slim', 'docker', 'registry.acme.dev/base/node', '18.19.1-slim', null, 'error'],
      // CRLF line ends; the service with build: (and an image tag 16) is no use.
      ['services/api/compose.yaml', 7, '18-slim', 'docker', 'registry.acme.dev/base/node', '18-slim', null, 'error'],
    ]);
    // Stage names (`FROM deps`), scratch, local actions, a SHA with `# main`, local/remote/template
    // includes and the compose service that builds are not uses of the component.
    assert.ok(!out.findings.some((f) => /7{40}|:16$|^deps$|scratch/.test(f.constraint + f.package)));
    assert.equal(out.summary.manifests, 8, 'four docker files, three workflow files, one GitLab file');
    assert.equal(out.summary.platformDependencies, 16);
  });

  it('prints compiler-style lines for them', () => {
    const r = runCli(['check', REPO, ...ARGS]);
    assert.equal(r.status, 1, 'past a sunset is an error');
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('services/api/Dockerfile:2:18: error: registry.acme.dev/base/node 18.19 is deprecated: Node 18 images get no security patches any more. Past its sunset on 2026-06-30. Upgrade to 20.11.1 with the migration "Node base image 18 → 20". [acme-node, owner runtime]'), r.stdout);
    assert.ok(lines.includes('.gitlab-ci.yml:5:61: info: $CI_SERVER_FQDN/acme/ci-templates/node-build 1.8 is deprecated: The 1.x templates run on the retired shared runners. [acme-pipelines, owner delivery]'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('.github/workflows/pinned.yml:7:34: hint: acme/deploy-action 1111111111111111111111111111111111111111 (v1.0.1) is deprecated: ')), r.stdout);
    assert.match(lines.at(-2)!, /^14 findings \(3 errors, 0 warnings, 2 info, 9 hints\) in 8 manifests: 16 platform dependencies of 17 dependencies$/);
  });

  it('applies an exception whose paths match .github/** to workflows and composite actions', () => {
    const excepted = (JSON.parse(check(REPO, 'json').out) as { findings: JsonFinding[] }).findings.filter((f) => f.ecosystem === 'action');
    assert.equal(excepted.length, 9);
    assert.ok(excepted.every((f) => f.severity === 'hint' && f.exception?.until === '2027-03-31' && !f.exception.expired));
    // Without the repository's file the same uses are warnings (71 days before the sunset).
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-platforms-'));
    try {
      fs.cpSync(REPO, tmp, { recursive: true });
      fs.rmSync(path.join(tmp, '.platform-guide.yaml'));
      const plain = (JSON.parse(check(tmp, 'json').out) as { findings: JsonFinding[] }).findings.filter((f) => f.ecosystem === 'action');
      assert.deepEqual(plain.map((f) => [f.severity, f.exception]), excepted.map(() => ['warning', null]));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('carries them in SARIF at the same places', () => {
    const json = JSON.parse(check(REPO, 'json').out) as { findings: JsonFinding[] };
    const sarif = JSON.parse(check(REPO, 'sarif').out);
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ['acme-deploy', 'acme-node', 'acme-pipelines']);
    assert.equal(run.results.length, json.findings.length);
    run.results.forEach((res: any, i: number) => {
      const f = json.findings[i]!;
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, f.file);
      assert.deepEqual([loc.region.startLine, loc.region.startColumn, loc.region.endColumn], [f.range.start.line, f.range.start.column, f.range.end.column]);
      assert.equal(res.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[f.severity]);
      assert.deepEqual([res.properties.ecosystem, res.properties.package, res.properties.resolved], [f.ecosystem, f.package, f.resolved]);
      assert.deepEqual(res.properties.exception?.until, f.exception?.until);
    });
    const dockerfile = run.results.find((res: any) => res.locations[0].physicalLocation.artifactLocation.uri === 'services/api/Dockerfile');
    assert.equal(dockerfile.ruleId, 'acme-node');
    assert.equal(dockerfile.locations[0].physicalLocation.region.startLine, 2);
  });
});
