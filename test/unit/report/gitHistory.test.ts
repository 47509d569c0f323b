import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalogs, mergeCatalogs, parseCatalogText, parseRepoConfig, readRepoConfig } from '../../../src/core/catalog';
import type { Catalog } from '../../../src/core/catalog/model';
import { gitHistory } from '../../../src/core/report/gitHistory';
import { GitObjects } from '../../../src/core/report/gitTree';
import { tallyRepository } from '../../../src/core/report/history';
import { repositorySnapshot } from '../../../src/core/report/snapshot';
import { scanWorkspace } from '../../../src/core/scan';
import { walkOrder } from '../../../src/core/walk';
import { ROOT } from '../../support/cli';
import { commitAll, git, makeHistoryRepo, makeHistoryRepos, npmManifest, REPORT_CATALOG } from '../../support/reportRepos';

function catalog(): Catalog {
  const { document, problems } = parseCatalogText('catalog.yaml', REPORT_CATALOG);
  assert.ok(document, JSON.stringify(problems));
  return mergeCatalogs([document]).catalog;
}

const WEEKS = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

describe('report history read from git (real repositories, dated commits)', () => {
  let fx: ReturnType<typeof makeHistoryRepos>;
  before(() => (fx = makeHistoryRepos()));
  after(() => fs.rmSync(fx.dir, { recursive: true, force: true }));

  /** `version` of each use per point: what the commit current at that date had. */
  const versions = (h: Awaited<ReturnType<typeof gitHistory>>) => h.points.map((p) => [p.date, p.repositories[0]!.components.map((t) => `${t.component}:${t.uses}/${t.supported}`).join(' ')]);

  it('reads each point at the commit current at the end of that day, from the object store', async () => {
    const h = await gitHistory({ root: path.join(fx.org, 'alpha'), catalog: catalog(), dates: ['2026-07-31', '2026-08-01', '2026-09-19', '2026-09-20'] });
    assert.equal(h.problem, undefined);
    assert.deepEqual(versions(h), [
      // No commit before 2026-08-01: no point.
      ['2026-08-01', 'acme-log:1/1 acme-ui:1/0'],
      ['2026-09-19', 'acme-log:1/1 acme-ui:1/0'],
      ['2026-09-20', 'acme-log:1/1 acme-ui:1/1'],
    ]);
    assert.deepEqual(h.points.map((p) => p.repositories[0]!.date), ['2026-08-01T10:00:00Z', '2026-08-01T10:00:00Z', '2026-09-20T10:00:00Z'].map((d) => d.replace('Z', '+00:00')));
  });

  it('evaluates a point only when a manifest changed; a commit elsewhere reuses the counts', async () => {
    const h = await gitHistory({ root: path.join(fx.org, 'beta'), catalog: catalog(), dates: WEEKS });
    assert.equal(h.points.length, 12);
    // Commits on 08-15, 10-05, 11-02 change manifests; 11-10 only the README.
    assert.equal(h.evaluated, 3);
    assert.deepEqual(
      h.points.map((p) => p.repositories[0]!.components.find((t) => t.component === 'acme-ui')!.sunsets),
      [...Array(4).fill({ '2027-01-31': 2 }), ...Array(4).fill({ '2027-01-31': 1 }), ...Array(4).fill({})],
    );
    assert.notEqual(h.points[10]!.repositories[0]!.commit, h.points[9]!.repositories[0]!.commit, 'the README commit is still the point\'s commit');
  });

  it('never touches the working tree or the index, and ignores what is not committed', async () => {
    const root = path.join(fx.dir, 'dirty');
    makeHistoryRepo(root, [{ date: '2026-09-01T00:00:00Z', files: { 'package.json': npmManifest({ '@acme/ui': '2.0.0' }) } }]);
    fs.writeFileSync(path.join(root, 'package.json'), npmManifest({ '@acme/ui': '4.2.0' }));
    git(root, '2026-09-02T00:00:00Z', 'add', 'package.json');
    const before = { index: fs.readFileSync(path.join(root, '.git', 'index')), file: fs.readFileSync(path.join(root, 'package.json'), 'utf8') };
    const h = await gitHistory({ root, catalog: catalog(), dates: ['2026-09-05'] });
    assert.deepEqual(h.points[0]!.repositories[0]!.components[0]!.sunsets, { '2026-06-30': 1 }, 'the committed 2.0.0, not the staged 4.2.0');
    assert.deepEqual({ index: fs.readFileSync(path.join(root, '.git', 'index')), file: fs.readFileSync(path.join(root, 'package.json'), 'utf8') }, before);
  });

  it('follows a link inside the commit, refuses one out of it, and keeps the exclude globs', async () => {
    const root = path.join(fx.dir, 'links');
    makeHistoryRepo(root, [
      {
        date: '2026-09-01T00:00:00Z',
        files: {
          'shared/package.json': npmManifest({ '@acme/ui': '3.0.0' }),
          'vendor/x/package.json': npmManifest({ '@acme/ui': '1.0.0' }),
        },
      },
    ]);
    fs.mkdirSync(path.join(root, 'app'));
    fs.symlinkSync('../shared/package.json', path.join(root, 'app', 'package.json'));
    fs.mkdirSync(path.join(root, 'out'));
    fs.symlinkSync('/etc/passwd', path.join(root, 'out', 'package.json'));
    fs.writeFileSync(path.join(root, '.platform-guide.yaml'), 'schema: platform-guide/v1\nexclude: ["vendor/**"]\n');
    git(root, '2026-09-02T00:00:00Z', 'add', '-A');
    git(root, '2026-09-02T00:00:00Z', 'commit', '-q', '-m', 'links');
    const { config } = parseRepoConfig(path.join(root, '.platform-guide.yaml'), fs.readFileSync(path.join(root, '.platform-guide.yaml'), 'utf8'));
    assert.ok(config);
    const h = await gitHistory({ root, catalog: catalog(), dates: ['2026-09-03'], config });
    assert.equal(h.problem, undefined);
    // shared/ and app/ (its link) are read; out/ leads outside and vendor/ is excluded.
    assert.deepEqual(h.points[0]!.repositories[0]!.components.map((t) => [t.component, t.uses, t.sunsets]), [['acme-ui', 2, { '2027-01-31': 2 }]]);
  });

  it('reads a commit of the example workspace (every ecosystem, lockfiles, workspaces) as the scan of its folder does', async () => {
    const root = path.join(fx.dir, 'workspace');
    fs.cpSync(path.join(ROOT, 'examples', 'workspace'), root, { recursive: true });
    git(root, '2026-11-01T00:00:00Z', 'init', '-q');
    commitAll(root, '2026-11-01T00:00:00Z', 'the example');
    const exampleCatalog = await loadCatalogs([path.join(ROOT, 'examples', 'platform-catalog.yaml')], { cwd: ROOT });
    const { config } = await readRepoConfig(root);
    const today = '2026-11-21';
    const onDisk = scanWorkspace({ root, catalog: exampleCatalog.catalog!, today, ...(config ? { config } : {}) });
    const h = await gitHistory({ root, catalog: exampleCatalog.catalog!, dates: [today], ...(config ? { config } : {}) });
    const [fromGit] = h.points[0]!.repositories;
    const expected = tallyRepository(repositorySnapshot(root, onDisk, exampleCatalog.catalog!, config, today));
    assert.ok(expected.components.length >= 8, 'the example uses many components');
    assert.deepEqual(fromGit!.components, expected.components);
  });

  it('stops with git\'s words when the repository is not one', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-nogit-'));
    try {
      fs.mkdirSync(path.join(plain, '.git'));
      const h = await gitHistory({ root: plain, catalog: catalog(), dates: ['2026-09-03'] });
      assert.deepEqual(h.points, []);
      assert.match(h.problem ?? '', /not a git repository/);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });

  it('hands out many blobs through one cat-file process, in request order, a missing one as undefined', async () => {
    const root = path.join(fx.org, 'beta');
    const objects = new GitObjects(root);
    try {
      const big = 'x'.repeat(300_000);
      fs.writeFileSync(path.join(fx.dir, 'big.txt'), big);
      const oid = execFileSync('git', ['-C', root, 'hash-object', '-w', path.join(fx.dir, 'big.txt')], { encoding: 'utf8' }).trim();
      const read = await objects.readAll([oid, '0'.repeat(40), oid]);
      assert.equal(read.get(oid)?.toString('utf8'), big);
      assert.equal(read.size, 1);
    } finally {
      objects.close();
    }
  });
});

describe('walkOrder', () => {
  const table: Array<[string[], string[]]> = [
    [['b/x', 'a', 'b/a/y', 'c'], ['a', 'c', 'b/x', 'b/a/y']],
    [['pkg/b/package.json', 'package.json', 'pkg/a/package.json', 'pkg-lock.json'], ['package.json', 'pkg-lock.json', 'pkg/a/package.json', 'pkg/b/package.json']],
  ];
  for (const [input, expected] of table) {
    it(`${input.join(' ')} → ${expected.join(' ')}`, () => assert.deepEqual(walkOrder(input), expected));
  }
});
