import { strict as assert } from 'node:assert';
import { checkJson } from '../../../src/core/output/checkJson';
import { checkSarif } from '../../../src/core/output/checkSarif';
import { Mapped, writeJson, type Template } from '../../../src/core/output/jsonStream';
import type { Catalog } from '../../../src/core/catalog/model';
import type { Finding, ScanResult } from '../../../src/core/scan';

/** What writeJson wrote, joined, and how many pieces it came in. */
function written(value: unknown): { text: string; pieces: number } {
  const pieces: string[] = [];
  writeJson(value, (s) => pieces.push(s));
  return { text: pieces.join(''), pieces: pieces.length };
}

const finding = (i: number) => ({ file: `packages/p${i}/package.json`, line: i, message: `"quoted" \\ and\nnew line ${i}`, tags: ['a', { b: i }], none: undefined });

describe('JSON output written in pieces', () => {
  // Lists sit at different depths in the JSON and SARIF documents; each must read as JSON.stringify's.
  const cases: Array<[string, unknown, unknown]> = [
    ['a list at the top', new Mapped([1, 2, 3], finding), [1, 2, 3].map(finding)],
    ['a list one level down', { findings: new Mapped([1, 2], finding), errors: new Mapped([], finding) }, { findings: [1, 2].map(finding), errors: [] }],
    ['a list three levels down', { runs: [{ results: new Mapped([7], finding), tool: { name: 'x' } }] }, { runs: [{ results: [finding(7)], tool: { name: 'x' } }] }],
    ['elements that JSON cannot hold', { l: new Mapped([1, 2], (i) => (i === 1 ? undefined : () => i)) }, { l: [undefined, () => 2] }],
    ['scalars and empty containers', { a: 'x', b: null, c: [], d: {}, e: 1.5, f: [[]] }, { a: 'x', b: null, c: [], d: {}, e: 1.5, f: [[]] }],
  ];
  for (const [name, streamed, plain] of cases) {
    it(`writes ${name} as JSON.stringify(…, null, 2) does`, () => {
      assert.equal(written(streamed).text, `${JSON.stringify(plain, null, 2)}\n`);
    });
  }

  it('writes a long list across many batches, byte for byte, in pieces of bounded size', () => {
    const items = Array.from({ length: 3000 }, (_, i) => i);
    const { text, pieces } = written({ summary: { n: 3000 }, findings: new Mapped(items, finding) });
    assert.equal(text, `${JSON.stringify({ summary: { n: 3000 }, findings: items.map(finding) }, null, 2)}\n`);
    assert.ok(pieces > 3, `a 3,000-finding report comes in many pieces, not one string (${pieces})`);
  });

  // Elements that render alike but for a few values are written from one text with holes.
  type Row = { file: string; line: number; note: string; kind: string | null };
  const rowJson = (r: Row, hole?: (i: number) => string) => ({ file: hole ? hole(0) : r.file, at: { line: hole ? hole(1) : r.line }, note: r.note, kind: r.kind, tags: [r.kind, { n: 1 }] });
  const rowText: Template<Row> = {
    group: (r) => (r.note === 'alone' ? undefined : r.note),
    alike: (a, b) => a.note === b.note && a.kind === b.kind,
    shape: (r, hole) => rowJson(r, hole),
    holes: (r) => [r.file, r.line],
  };
  const rows: Row[] = [
    { file: 'a/package.json', line: 1, note: 'same', kind: 'x' },
    { file: 'b "quoted" \\ \n', line: 22, note: 'same', kind: 'x' },
    { file: 'c', line: 3, note: 'same', kind: null },
    { file: 'd', line: 4, note: 'alone', kind: 'x' },
    // Texts that spell a hole, as hostile files could: such an element is stringified on its own.
    { file: 'e', line: 5, note: '\u0000pg-hole-0\u0000', kind: 'x' },
    { file: '\u0000pg-hole-1\u0000', line: 6, note: 'same', kind: 'x' },
    { file: 'f', line: 7, note: 'hole in kind', kind: '\u0000pg-hole-9\u0000' },
    { file: 'g', line: 8, note: 'hole in kind', kind: '\u0000pg-hole-1\u0000' },
    { file: 'h', line: 9.5, note: 'same', kind: 'x' },
  ];
  for (const [name, wrap] of [
    ['at the top', (m: unknown) => m],
    ['one level down', (m: unknown) => ({ findings: m, n: 1 })],
    ['three levels down', (m: unknown) => ({ runs: [{ results: m }] })],
  ] as const) {
    it(`writes templated elements ${name} as JSON.stringify does, hostile texts included`, () => {
      const many = Array.from({ length: 700 }, (_, i) => rows[i % rows.length]!).map((r, i) => ({ ...r, line: r.line + i }));
      assert.equal(written(wrap(new Mapped(many, (r) => rowJson(r), rowText))).text, `${JSON.stringify(wrap(many.map((r) => rowJson(r))), null, 2)}\n`);
    });
  }

  it('writes check findings and SARIF results from templates as JSON.stringify writes them', () => {
    const range = (l: number, c: number) => ({ start: { line: l, character: c }, end: { line: l, character: c + 6 } });
    const base = {
      file: 'packages/a/package.json', range: range(4, 17), ecosystem: 'npm', package: '@acme/ui', constraint: '^2.3.0', resolved: null, resolvedFrom: null,
      component: 'acme-ui', owner: 'web', severity: 'warning', message: '@acme/ui ^2.3.0 is deprecated', reason: 'old', sunset: '2027-01-01',
      recommended: '4.0.0', migration: null, exception: null,
    } as unknown as Finding;
    const exception = { until: '2027-02-01', reason: 'later', expired: false } as unknown as Finding['exception'];
    const findings: Finding[] = [
      base,
      { ...base, file: 'packages/b/package.json', range: range(9, 2) },
      { ...base, file: 'packages/c d/ü.json', severity: 'error' },
      { ...base, file: 'packages/e/package.json', exception },
      { ...base, file: 'packages/f/package.json', exception },
      { ...base, file: 'packages/g/package.json', exception: { ...exception!, expired: true } },
      { ...base, file: 'svc/pom.xml', ecosystem: 'maven', usedBy: [{ file: 'svc/a/pom.xml', range: range(1, 1) }] },
      { ...base, file: 'packages/h/package.json', resolved: '2.3.4', resolvedFrom: 'lockfile' },
      { ...base, file: 'packages/i/package.json', message: '\u0000pg-hole-2\u0000' },
      // Fingerprints (file|component|package) made from kept parts: a file that ends in half of a
      // surrogate pair, a package that starts with the other half, quotes and backslashes, and one
      // file's results for several packages and components in turn.
      { ...base, file: 'packages/\ud83d' },
      { ...base, file: 'packages/\ud83d', package: '\ude00"ui\\', message: 'other' },
      { ...base, file: 'packages/"q"\\', component: 'c|d', message: 'third' },
      { ...base, file: 'packages/"q"\\' },
      { ...base, file: 'packages/"q"\\', package: '\ude00"ui\\', message: 'other' },
    ];
    const result: ScanResult = { findings, errors: [], uses: [], manifests: 9, dependencies: 20, platformDependencies: 9 };
    const catalog = { files: [], policy: { sunsetWarningDays: 90 }, teams: new Map(), components: [] } as unknown as Catalog;
    const tool = { version: '1.0.0', informationUri: 'https://example.com' };
    for (const doc of [checkJson(result, tool), checkSarif(result, catalog, tool)]) {
      // JSON.stringify takes each list through toJSON, element by element, never from a template.
      assert.equal(written(doc).text, `${JSON.stringify(doc, null, 2)}\n`);
    }
    // Half a surrogate pair in a path (a Windows file name) is no reason to fail: U+FFFD in the URI.
    const sarif = JSON.parse(written(checkSarif(result, catalog, tool)).text) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; partialFingerprints: { platformGuide: string } }> }> };
    const odd = sarif.runs[0]!.results.filter((r) => r.partialFingerprints.platformGuide.startsWith('packages/\ud83d|'));
    assert.deepEqual(odd.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri), ['packages/%EF%BF%BD', 'packages/%EF%BF%BD']);
    assert.deepEqual(odd.map((r) => r.partialFingerprints.platformGuide), ['packages/\ud83d|acme-ui|@acme/ui', 'packages/\ud83d|acme-ui|\ude00"ui\\']);
  });
});
