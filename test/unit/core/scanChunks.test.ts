import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogs, readRepoConfig, type Catalog } from '../../../src/core/catalog';
import { claimingCatalog } from '../../../src/core/catalog/init';
import { registeredModules } from '../../../src/core/ecosystems';
import { decodeFindings, encodeFindings } from '../../../src/core/findingCodec';
import { joinParts, scanWorkspace, WorkspaceScanner, type Finding, type ScanOptions, type ScanPart, type ScanProblem } from '../../../src/core/scan';
import { withTempTree } from '../../support/tempTree';

const ROOT = path.join(__dirname, '..', '..', '..');
const TODAY = '2026-11-21';

/**
 * `check --jobs N` splits the manifests of one walk into chunks that several scanners take in
 * turn, each on its own thread (src/cli/checkPool.ts). Here the scanners share this thread, and
 * the chunks go to them in a scrambled but increasing order, as a shared counter hands them out;
 * the findings of every scanner but the first go through the codec, as they cross threads. The
 * joined result must be the single scan's, on trees whose pins depend on manifests read before
 * (workspace roots, resolutions, pnpm catalogs) and whose findings merge across files (a parent
 * pom's property).
 */
function chunked(opts: ScanOptions, scanners: number, size: number, seed: number) {
  const first = new WorkspaceScanner(opts);
  const all = [first, ...Array.from({ length: scanners - 1 }, () => new WorkspaceScanner({ ...opts, walked: first.walked }))];
  const manifests = first.manifestFiles();
  for (const s of all) assert.deepEqual(s.manifestFiles(), manifests);
  const count = Math.ceil(manifests.length / size);
  const parts: ScanPart[] = [];
  let state = seed;
  for (let c = 0; c < count; c++) {
    state = (state * 1103515245 + 12345) >>> 0;
    const who = state % scanners;
    const part = all[who]!.scanChunk(manifests, c * size, Math.min(manifests.length, (c + 1) * size));
    parts.push(who === 0 ? part : { ...part, findings: decodeFindings(structuredClone(encodeFindings(part.findings))) });
  }
  return joinParts(parts, all.map((s) => s.projectProblems()));
}

async function catalogAt(file: string): Promise<Catalog> {
  const { catalog, problems } = await loadCatalogs([file], { cwd: ROOT });
  assert.ok(catalog, JSON.stringify(problems));
  return catalog;
}

/** Every use of every ecosystem claimed by a deprecated component: each use is a finding. */
function flagEverything(): Catalog {
  const ecosystems = registeredModules().map((m) => m.id);
  const base = claimingCatalog(['*'], ecosystems);
  return { ...base, components: base.components.map((c) => ({ ...c, lifecycle: 'deprecated' as const })) };
}

describe('a scan read in chunks by several scanners (check --jobs)', function () {
  this.timeout(60_000);

  const trees: Array<{ name: string; root: string; catalog: () => Promise<Catalog> }> = [
    { name: 'the example workspace', root: path.join(ROOT, 'examples', 'workspace'), catalog: () => catalogAt(path.join(ROOT, 'examples', 'platform-catalog.yaml')) },
    { name: 'the example workspace, every use flagged', root: path.join(ROOT, 'examples', 'workspace'), catalog: async () => flagEverything() },
    { name: 'malformed files and a broken lockfile', root: path.join(ROOT, 'test', 'fixtures', 'workspaces', 'malformed'), catalog: () => catalogAt(path.join(ROOT, 'test', 'fixtures', 'workspaces', 'malformed', 'catalog.yaml')) },
    ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'npm'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => ({
      name: `npm fixture ${e.name}, every use flagged`,
      root: path.join(ROOT, 'test', 'fixtures', 'npm', e.name),
      catalog: async () => flagEverything(),
    })),
    { name: 'all npm fixtures as one tree, every use flagged', root: path.join(ROOT, 'test', 'fixtures', 'npm'), catalog: async () => flagEverything() },
  ];

  for (const tree of trees) {
    it(`gives the single scan's result on ${tree.name}`, async () => {
      const { config } = await readRepoConfig(tree.root);
      const opts: ScanOptions = { root: tree.root, catalog: await tree.catalog(), today: TODAY, keepUses: false, ...(config ? { config } : {}) };
      const expected = scanWorkspace(opts);
      assert.ok(expected.findings.length + expected.errors.length > 0, 'the tree has something to report');
      for (const scanners of [2, 3]) {
        for (const size of [1, 2, 3, 5]) {
          for (const seed of [1, 7]) {
            const got = chunked(opts, scanners, size, seed);
            assert.deepEqual(got, expected, `${scanners} scanners, chunks of ${size}, seed ${seed}`);
            assert.equal(JSON.stringify(got), JSON.stringify(expected), 'the same keys in the same order');
          }
        }
      }
    });
  }

  it('pins a member by its workspace root read in a chunk another scanner took', async () => {
    // yarn-berry: the root's resolutions pin `ms` to 2.1.1 for a member that asks for `*`.
    const root = path.join(ROOT, 'test', 'fixtures', 'npm', 'yarn-berry');
    const opts: ScanOptions = { root, catalog: flagEverything(), today: TODAY, keepUses: false };
    const first = new WorkspaceScanner(opts);
    const second = new WorkspaceScanner({ ...opts, walked: first.walked });
    const manifests = first.manifestFiles();
    assert.equal(manifests[0], 'package.json', 'the root is read first');
    first.scanChunk(manifests, 0, 1);
    const member = second.scanChunk(manifests, 1, manifests.length);
    const ms = member.findings.find((f) => f.package === 'ms');
    assert.equal(ms?.resolved, '2.1.1', 'the root lockfile through the root resolutions, as a single scan reads it');
    assert.deepEqual(member.errors, [], 'the root was read only for what it notes: its problems are its own chunk’s');
  });

  it('reports a broken lockfile once, however many scanners read it', () => {
    withTempTree('pg-chunks-', (root, write) => {
    write('package.json', JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }));
    write('package-lock.json', '{ "lockfileVersion": 3, "packages": { ');
    for (const m of ['a', 'b', 'c', 'd']) write(`packages/${m}/package.json`, JSON.stringify({ name: m, dependencies: { '@acme/ui': '^1.0.0' } }));
    const opts: ScanOptions = { root, catalog: flagEverything(), today: TODAY, keepUses: false };
    const single = scanWorkspace(opts);
    const key = (e: ScanProblem) => `${e.file}:${e.range.start.line}:${e.message}`;
    assert.deepEqual(single.errors.map((e) => e.file), ['package-lock.json'], 'the broken lockfile is a problem of the scan');
    // Each scanner that reads a member reads the lockfile and reports it.
    const split = chunked(opts, 3, 1, 3);
    assert.deepEqual(split.errors.map(key), single.errors.map(key));
    assert.deepEqual(split, single);
    });
  });
});

describe('findings passed between threads (findingCodec)', () => {
  const range = (l: number, c: number) => ({ start: { line: l, character: c }, end: { line: l, character: c + 5 } });
  const base = {
    file: 'svc/pom.xml',
    range: range(3, 7),
    ecosystem: 'maven',
    package: 'io.acme:bom',
    constraint: '1.2.0',
    resolved: null,
    resolvedFrom: null,
    component: 'bom',
    owner: 'team',
    severity: 'warning',
    message: 'Out of support',
    reason: 'Out of support',
    sunset: '2027-01-01',
    recommended: '3.0.0',
    migration: null,
    exception: null,
  } as unknown as Finding;

  it('gives back the same findings, keys in the same order, objects not shared', () => {
    const findings: Finding[] = [
      base,
      { ...base, range: range(9, 1), constraint: '1.3.0', usedBy: [{ file: 'a/pom.xml', range: range(1, 2) }, { file: 'b/pom.xml', range: range(4, 2) }] },
      { ...base, exception: { reason: 'later', expires: '2027-02-01', expired: false } } as unknown as Finding,
      { ...base, resolved: '1.2.3', resolvedFrom: 'lockfile', lockfile: { file: 'package-lock.json', range: range(100, 4) } } as Finding,
      { ...base, recommended: undefined } as unknown as Finding,
      { range: range(0, 0), file: 'b', message: 'another key order' } as unknown as Finding,
    ];
    const back = decodeFindings(structuredClone(encodeFindings(findings)));
    assert.deepEqual(back, findings);
    assert.equal(JSON.stringify(back), JSON.stringify(findings));
    assert.deepEqual(back.map((f) => Object.keys(f)), findings.map((f) => Object.keys(f)));
    assert.ok('recommended' in back[4]!, 'a key whose value is undefined is kept');
    assert.notEqual(back[0]!.range, back[1]!.range);
    (back[1]!.usedBy![0]!.range.start as { line: number }).line = 99;
    assert.equal(findings[1]!.usedBy![0]!.range.start.line, 1, 'the decoded objects are new');
  });

  it('writes each repeated value once', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...base, file: `m${i % 10}/pom.xml`, range: range(i, 0) }));
    const encoded = encodeFindings(many);
    assert.equal(encoded.shapes.length, 1);
    assert.ok(encoded.values.length < 30, `${encoded.values.length} values`);
    assert.deepEqual(decodeFindings(encoded), many);
  });
});
