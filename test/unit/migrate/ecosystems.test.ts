import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Component } from '../../../src/core/catalog/model';
import { planMigration } from '../../../src/core/migrate';
import { migrationFolder } from '../../../src/core/migrate/folder';
import { migration, tempDir, writeTree } from './helpers';

const SRC = { file: 'catalog.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** A component of the given packages, as the catalog parser builds one. */
function component(packages: Omit<Component['packages'][number], 'source'>[]): Component {
  return { id: 'c', name: 'C', owner: 't', lifecycle: 'production', packages: packages.map((p) => ({ ...p, source: SRC })), deprecations: [], migrations: [], source: SRC };
}

describe('migrations of docker, action and gitlab-ci manifests', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('pg-plan-eco-');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs a manifest under .github/, .gitlab/ or .devcontainer/ in the folder that holds it; others in their own folder', () => {
    const cases: Array<[string, string]> = [
      ['package.json', ''],
      ['apps/web/package.json', 'apps/web'],
      ['services/api/Dockerfile', 'services/api'],
      ['services/api/compose.yaml', 'services/api'],
      ['.github/workflows/ci.yml', ''],
      ['.github/actions/setup/action.yml', ''],
      ['tools/.github/workflows/ci.yml', 'tools'],
      ['actions/build/action.yml', 'actions/build'],
      ['action.yml', ''],
      ['.gitlab-ci.yml', ''],
      ['.gitlab/ci/review.yml', ''],
      ['.devcontainer/node/devcontainer.json', ''],
      ['.devcontainer/Dockerfile', ''],
      // A JavaScript action's package is a package like any other.
      ['.github/actions/js/package.json', '.github/actions/js'],
    ];
    assert.deepEqual(cases.map(([m]) => [m, migrationFolder(m)]), cases);
  });

  it('a workflow’s globs are relative to the repository; an action of its own is left to its own run', () => {
    writeTree(root, {
      '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: acme/deploy-action@v1 # OLD_NAME\n',
      '.github/workflows/other.yml': 'env: { OLD_NAME: 1 }\n',
      'scripts/deploy.sh': 'OLD_NAME=1\n',
      // An action of its own: its own migration run.
      'actions/build/action.yml': 'runs:\n  using: composite\n  steps: []\n',
      'actions/build/run.sh': 'OLD_NAME=1\n',
    });
    const p = planMigration({
      root,
      manifest: '.github/workflows/ci.yml',
      component: component([{ ecosystem: 'action', pattern: 'acme/deploy-action' }]),
      migration: migration([
        { rename: { from: 'acme/deploy-action', to: 'acme/deploy' } },
        { replace: { files: ['.github/workflows/*.yml', '**/*.sh'], find: 'OLD_NAME', with: 'NEW_NAME' } },
      ], '2.0.0'),
    });
    assert.deepEqual(p.skipped, []);
    assert.deepEqual(
      p.files.map((f) => [f.file, f.after]),
      [
        ['.github/workflows/ci.yml', 'jobs:\n  a:\n    steps:\n      - uses: acme/deploy@v2 # NEW_NAME\n'],
        ['.github/workflows/other.yml', 'env: { NEW_NAME: 1 }\n'],
        ['scripts/deploy.sh', 'NEW_NAME=1\n'],
      ],
    );
  });

  it('plans a workflow on the editor’s unsaved text, and reports a SHA pin instead of bumping it', () => {
    const saved = 'jobs:\n  a:\n    steps:\n      - uses: acme/deploy-action@v1\n';
    const unsaved = '\uFEFFjobs:\n  a:\n    steps:\n      - uses: acme/deploy-action@v1.2.0\n      - uses: acme/deploy-action@8f4b7f84864484a7bf31766abe9204da3cbe65b3 # v1.1.0\n';
    writeTree(root, { '.github/workflows/ci.yml': saved });
    const p = planMigration({
      root,
      manifest: '.github/workflows/ci.yml',
      component: component([{ ecosystem: 'action', pattern: 'acme/deploy-action' }]),
      migration: migration([], '2.0.0'),
      readText: (rel) => (rel === '.github/workflows/ci.yml' ? unsaved : undefined),
    });
    assert.equal(p.files[0]!.before, unsaved);
    assert.equal(p.files[0]!.after, unsaved.replace('@v1.2.0', '@v2.0.0'));
    // Positions do not count the byte-order mark, as an editor's do not: line 3, after `@v`.
    assert.deepEqual(p.files[0]!.edits, [{ range: { start: { line: 3, character: 34 }, end: { line: 3, character: 37 } }, newText: '2.0' }]);
    assert.deepEqual(p.skipped.map((s) => s.reason), [
      'bump to 2.0.0: jobs.a.steps "acme/deploy-action" at 8f4b7f848644… (v1.1.0 by its comment): pinned by commit; left as written, update the pin and its comment together',
    ]);
  });

  it('a Dockerfile’s steps stay in its folder and out of a service with its own Dockerfile', () => {
    writeTree(root, {
      'Dockerfile': 'FROM registry.acme.dev/base/node:18\n',
      'entry.sh': 'legacy\n',
      'worker/Dockerfile': 'FROM alpine:3.20\n',
      'worker/entry.sh': 'legacy\n',
      'web/entry.sh': 'legacy\n',
    });
    const p = planMigration({
      root,
      manifest: 'Dockerfile',
      component: component([{ ecosystem: 'docker', pattern: 'registry.acme.dev/base/node' }]),
      migration: migration([{ replace: { files: ['**/*.sh'], find: 'legacy', with: 'modern' } }], '20.11.1'),
    });
    assert.deepEqual(p.files.map((f) => [f.file, f.after]), [
      ['Dockerfile', 'FROM registry.acme.dev/base/node:20\n'],
      ['entry.sh', 'modern\n'],
      ['web/entry.sh', 'modern\n'],
    ]);
  });
});
