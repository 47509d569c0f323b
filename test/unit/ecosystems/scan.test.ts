import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../src/core/catalog';
import type { Catalog } from '../../../src/core/catalog/model';
import type { EcosystemModule } from '../../../src/core/ecosystems/types';
import { LineIndex } from '../../../src/core/positions';
import { WorkspaceScanner } from '../../../src/core/scan';
import type { DeclaredDependency, Ecosystem } from '../../../src/core/types';
import { semverVersioning } from '../../../src/core/versioning/semver';
import { tempDir } from '../migrate/helpers';

/**
 * Two line-based modules that both read GitHub workflows (as actions and docker will): `uses:
 * name@ref  # v1.2.3` and `image: name:tag`. Only what the scan needs from a module, so the test
 * holds the scan's side of the contract, whatever modules are registered.
 */
function lineModule(id: Ecosystem, pattern: RegExp): EcosystemModule & { reads: string[] } {
  const reads: string[] = [];
  const uses = (text: string): Array<DeclaredDependency & { at: number }> =>
    [...text.matchAll(pattern)].map((m) => ({
      ecosystem: id,
      name: m[1]!,
      constraint: m[2] ?? null,
      section: 'steps',
      key: m[1]!,
      ...(m[3] ? { resolved: m[3] } : {}),
      at: m.index! + m[0].indexOf(m[2] ?? m[1]!, m[1]!.length),
    }));
  return {
    id,
    reads,
    files: ['**/.github/workflows/*.yml'],
    wants: (rel) => /(^|\/)\.github\/workflows\/[^/]+\.yml$/.test(rel),
    versioning: { ...semverVersioning, normalise: (t) => semverVersioning.normalise(t?.replace(/^v/, '') ?? null) },
    normaliseName: (n) => n.toLowerCase(),
    parse(text, file) {
      reads.push(file);
      return { uses: uses(text), problems: [] };
    },
    locate(text, _file, wanted) {
      const index = new LineIndex(text);
      const all = uses(text);
      return wanted.map((w) => {
        const u = all.find((x) => x.name === w.name)!;
        const range = index.range(u.at, u.at + (u.constraint ?? u.name).length);
        return { ...w, range, nameRange: range };
      });
    },
    rename: () => ({ splices: [], notes: [] }),
  };
}

const CATALOG = `schema: platform-guide/v1
teams:
  - id: ci
    name: CI
components:
  - id: deploy
    name: Deploy action
    owner: ci
    packages:
      - action: "acme/deploy"
    recommended: 4.2.0
    deprecations:
      - versions: "<4.0.0"
        message: Deploy 3 is out of support.
  - id: node-image
    name: Node image
    owner: ci
    packages:
      - docker: "base/node"
    deprecations:
      - versions: "<20.0.0"
        message: Node 18 images are gone.
`;

function catalog(): Catalog {
  const { document, problems } = parseCatalogText('catalog.yaml', CATALOG);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  return mergeCatalogs([document!]).catalog;
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('the scan, for every ecosystem', () => {
  let root: string;
  beforeEach(() => (root = tempDir('pg-scan-')));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const WORKFLOW = 'jobs:\n  build:\n    steps:\n      - uses: acme/deploy@0123456789abcdef0123456789abcdef01234567 # v3.1.0\n      - image: base/node:18.2.0\n';

  it('reads a workflow at any depth by its path, not its name, once per module that wants it', () => {
    write(root, 'services/api/.github/workflows/ci.yml', WORKFLOW);
    write(root, 'ci.yml', WORKFLOW); // the same base name outside a workflows folder: not a workflow
    write(root, '.github/ci.yml', WORKFLOW);
    const actions = lineModule('action', /uses: ([\w/.-]+)@(\w+)(?: # (v[\d.]+))?/g);
    const docker = lineModule('docker', /image: ([\w/.-]+):([\w.-]+)/g);
    // Only the two test modules: the registered ones (the real action module among them) read it too.
    const result = new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [actions, docker] }).scan();
    assert.deepEqual(actions.reads, ['services/api/.github/workflows/ci.yml']);
    assert.deepEqual(docker.reads, ['services/api/.github/workflows/ci.yml']);
    assert.equal(result.manifests, 1, 'one file, read by two modules, is one manifest');
    assert.equal(result.dependencies, 2);
    assert.deepEqual(
      result.findings.map((f) => [f.ecosystem, f.package, f.constraint, f.resolved, f.resolvedFrom, f.range.start.line]),
      [
        ['action', 'acme/deploy', '0123456789abcdef0123456789abcdef01234567', 'v3.1.0', 'text', 3],
        ['docker', 'base/node', '18.2.0', null, null, 4],
      ],
    );
    assert.deepEqual(result.uses.map((u) => u.resolvedFrom), ['text', null], 'a comment states a version, it does not lock one');
    assert.match(result.findings[0]!.message, /^acme\/deploy 0123456789abcdef0123456789abcdef01234567 \(v3\.1\.0\) is deprecated: Deploy 3 is out of support\./);
    assert.deepEqual(result.uses.map((u) => u.ecosystem), ['action', 'docker']);
  });

  it('compares the version the text states only when there is one: a SHA alone is unknown', () => {
    write(root, '.github/workflows/ci.yml', 'steps:\n  - uses: acme/deploy@0123456789abcdef0123456789abcdef01234567\n');
    const actions = lineModule('action', /uses: ([\w/.-]+)@(\w+)(?: # (v[\d.]+))?/g);
    const scanner = new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [actions] });
    const result = scanner.scan();
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.uses.map((u) => [u.package, u.resolved, u.severity]), [['acme/deploy', null, null]]);
    // An editor's buffer goes to the modules that want its path, and only to them.
    const typed = scanner.evaluateText('.github/workflows/ci.yml', 'steps:\n  - uses: acme/deploy@v3 # v3.0.1\n');
    assert.ok(!('problems' in typed));
    assert.deepEqual(typed.findings.map((f) => [f.package, f.resolved, f.severity]), [['acme/deploy', 'v3.0.1', 'warning']]);
    assert.deepEqual(scanner.evaluateText('ci.yml', 'steps:\n  - uses: acme/deploy@v3\n'), { findings: [], uses: [] });
  });

  it('says where a resolved version comes from in the shipped example: a lockfile locks it, a comment only states it', () => {
    const catalogFile = path.join(__dirname, '../../../examples/platform-catalog.yaml');
    const { document } = parseCatalogText(catalogFile, fs.readFileSync(catalogFile, 'utf8'));
    const example = mergeCatalogs([document!]).catalog;
    const result = new WorkspaceScanner({ root: path.join(__dirname, '../../../examples/workspace'), catalog: example, today: '2026-11-21' }).scan();
    const from = (file: string, constraint: string) => result.findings.find((f) => f.file === file && f.constraint === constraint);
    assert.deepEqual(
      [from('apps/admin/package.json', '^2.3.0'), from('.github/workflows/deploy.yml', '0d4c1ff2f4e3a0ea9ab5d4c2b8a1f6e7c3d9e5b4'), from('apps/web/Dockerfile', '16-alpine')].map((f) => [f?.resolved, f?.resolvedFrom]),
      [['2.3.4', 'lockfile'], ['v3.2.0', 'text'], [null, null]],
    );
  });

  it('goes on when a module breaks its contract and throws: the file gets a problem naming the parser', () => {
    write(root, '.github/workflows/ci.yml', WORKFLOW);
    write(root, 'a/.github/workflows/ci.yml', WORKFLOW);
    const broken: EcosystemModule = { ...lineModule('action', /x/g), parse: () => { throw new Error('boom'); } };
    const docker = lineModule('docker', /image: ([\w/.-]+):([\w.-]+)/g);
    const result = new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [broken, docker] }).scan();
    assert.deepEqual(result.errors.map((e) => [e.file, e.message]), [
      ['.github/workflows/ci.yml', 'the action parser failed on this file (boom); please report it'],
      ['a/.github/workflows/ci.yml', 'the action parser failed on this file (boom); please report it'],
    ]);
    assert.equal(result.findings.filter((f) => f.ecosystem === 'docker').length, 2, 'the other module still read both');
  });
});

describe('a scanner built on another scanner\'s walk (the editor host after its scan worker)', () => {
  const CATALOG_TEXT = [
    'schema: platform-guide/v1',
    'teams:',
    '  - id: web',
    '    name: Web',
    'components:',
    '  - id: x',
    '    name: X',
    '    owner: web',
    '    packages:',
    '      - npm: "@acme/x"',
    '    deprecations:',
    '      - versions: "<2.0.0"',
    '        message: X 1 is out of support.',
    '',
  ].join('\n');

  it('pins a workspace member from the root lockfile as the scanning one does, without walking or parsing again', () => {
    const root = tempDir('pg-scan-notes-');
    const write = (rel: string, value: unknown) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), JSON.stringify(value, null, 2));
    };
    write('package.json', { name: 'mono', private: true, workspaces: ['packages/*'] });
    write('packages/a/package.json', { name: 'a', dependencies: { '@acme/x': '^1.0.0' } });
    write('package-lock.json', {
      name: 'mono',
      lockfileVersion: 3,
      packages: {
        '': { name: 'mono', workspaces: ['packages/*'] },
        'packages/a': { name: 'a', dependencies: { '@acme/x': '^1.0.0' } },
        'node_modules/a': { resolved: 'packages/a', link: true },
        'node_modules/@acme/x': { version: '1.4.2' },
      },
    });
    const { document } = parseCatalogText('catalog.yaml', CATALOG_TEXT);
    const { catalog } = mergeCatalogs([document!]);
    const scanning = new WorkspaceScanner({ root, catalog, today: '2026-11-21' });
    assert.deepEqual(scanning.scan().findings.map((f) => [f.file, f.resolved]), [['packages/a/package.json', '1.4.2']]);

    const text = fs.readFileSync(path.join(root, 'packages/a/package.json'), 'utf8');
    fs.rmSync(path.join(root, 'packages', 'a'), { recursive: true });
    const host = new WorkspaceScanner({ root, catalog, today: '2026-11-21', walked: scanning.walked, projectNotes: scanning.projectNotes() });
    // No second walk: the member the first one listed is still known, though it is gone from disk.
    assert.deepEqual(host.walked.files, ['package-lock.json', 'package.json', 'packages/a/package.json']);
    const result = host.evaluateText('packages/a/package.json', text);
    assert.ok('findings' in result);
    assert.deepEqual(result.findings.map((f) => f.resolved), ['1.4.2']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
