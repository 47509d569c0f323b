// `npm run package` as a release does it: production bundles, then the .vsix, offline and
// without a warning, holding only what runs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/cli';
import { zipEntries } from '../../support/zip';

const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** Everything the installed extension reads at run time, and nothing else. */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/dist/extension.js',
  'extension/dist/feedback.js',
  'extension/dist/globs.js',
  'extension/dist/migrate.js',
  'extension/dist/scanWorker.js',
  'extension/dist/toml.js',
  'extension/dist/xml.js',
  'extension/dist/yaml.js',
  'extension/images/icon.png',
  'extension/media/codicons/codicon.css',
  'extension/media/codicons/codicon.ttf',
  'extension/media/feedback.css',
  'extension/media/feedback.js',
  'extension/package.json',
  'extension/readme.md',
  'extension/schemas/catalog-v1.schema.json',
  'extension/schemas/platform-guide-config-v1.schema.json',
];

describe('the extension package (npm run package)', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-vsix-test-'));
  const vsix = path.join(dir, `${name}-${version}.vsix`);
  let run: ReturnType<typeof spawnSync>;

  before(() => {
    run = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds the .vsix without an error or a warning', () => {
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(fs.existsSync(vsix));
    assert.doesNotMatch(`${run.stdout}\n${run.stderr}`, /WARNING|warn|error/i);
  });

  it('holds only what runs: the bundles, the webview, the schemas, the icon and the documents', () => {
    assert.deepEqual(zipEntries(vsix).sort(), [...EXPECTED].sort());
  });

  // The background scan's worker carries its own copy of the engine (every ecosystem's parser).
  it('stays small (under 750 KB)', () => {
    const kb = fs.statSync(vsix).size / 1024;
    assert.ok(kb < 750, `the .vsix is ${kb.toFixed(0)} KB`);
  });

  // What VS Code loads to activate; the parsers only some files need load from their own bundles.
  it('keeps the activation bundle under 300 KB', () => {
    const kb = fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size / 1024;
    assert.ok(kb < 300, `dist/extension.js is ${kb.toFixed(0)} KB`);
  });
});
