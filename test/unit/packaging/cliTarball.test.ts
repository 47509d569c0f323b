// The CLI's npm package as a platform team gets it: `npm pack`, installed into an empty folder
// offline (it needs no dependency: dist/cli.js bundles them), then run on the example.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/cli';

const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

function npm(args: string[], cwd: string) {
  // Not the npm_* variables of an outer `npm test`: npm would read them as its configuration.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env });
  assert.equal(r.status, 0, `npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the CLI package (npm pack)', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-tarball-'));
  const project = path.join(dir, 'project');
  let bin: string;
  let files: string[];

  before(() => {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed!.files.map((f) => f.path).sort();
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "private": true }\n');
    npm(['install', '--offline', '--no-audit', '--no-fund', path.join(dir, packed!.filename)], project);
    bin = path.join(project, 'node_modules', '.bin', 'platform-guide');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the CLI bundle, the schemas and the documents, nothing of the extension', () => {
    assert.deepEqual(files, [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'package.json',
      'schemas/catalog-v1.schema.json', 'schemas/platform-guide-config-v1.schema.json',
    ]);
  });

  it('installs offline with no dependency at all', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'platform-guide', 'package.json'), 'utf8'));
    assert.equal(installed.dependencies, undefined);
    assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['platform-guide']);
  });

  it('runs `platform-guide check` on the example exactly as the golden JSON says, and names its version', () => {
    const run = spawnSync(bin, [
      'check', path.join(ROOT, 'examples', 'workspace'), '--format', 'json', '--today', '2026-11-21',
      '--catalog', path.join(ROOT, 'examples', 'platform-catalog.yaml'), '--fail-on', 'never',
    ], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const golden = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'example-check.json'), 'utf8'));
    assert.deepEqual(JSON.parse(run.stdout), golden);
    assert.equal(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(), version);
  });
});
