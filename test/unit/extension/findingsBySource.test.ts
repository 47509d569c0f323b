import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../src/core/catalog';
import { WorkspaceScanner, type Finding } from '../../../src/core/scan';
import { FindingsBySource, sourceOf } from '../../../src/extension/findingsBySource';
import { AUTH_CATALOG as CATALOG } from '../ecosystems/maven/authCatalog';


const dependency = (version: string) =>
  `<dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${version}</version></dependency></dependencies>`;
const child = (version = '${auth.version}') => `<project><parent><groupId>com.acme</groupId><artifactId>p</artifactId><version>1</version></parent>\n${dependency(version)}</project>\n`;
const parent = (value: string, ownUse = '') => `<project><groupId>com.acme</groupId><artifactId>p</artifactId><version>1</version>\n<properties><auth.version>${value}</auth.version></properties>${ownUse}</project>\n`;

/**
 * What the editor shows per file as a workspace scan is published and open manifests are evaluated
 * again as typed: the real scanner (per use, as the scan worker runs it) on real files, the
 * bookkeeping the diagnostics controller keeps.
 */
describe('editor: findings shown where a version is defined, kept in step as manifests are typed', () => {
  let root: string;
  let scanner: WorkspaceScanner;
  let shown: FindingsBySource;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-shown-'));
    const files = { 'pom.xml': parent('4.2.0', `\n${dependency('${auth.version}')}`), 'a/pom.xml': child(), 'b/pom.xml': child() };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const catalog = mergeCatalogs([parseCatalogText('c.yaml', CATALOG).document!]).catalog;
    scanner = new WorkspaceScanner({ root, catalog, today: '2026-11-30', perUse: true });
    shown = new FindingsBySource();
    // As the diagnostics controller publishes a scan: by the manifest that gave each finding.
    const bySource = new Map<string, Finding[]>();
    for (const f of scanner.scan().findings) bySource.set(sourceOf(f), [...(bySource.get(sourceOf(f)) ?? []), f]);
    for (const [source, list] of bySource) shown.set(source, list);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Each file's findings as [line:character, constraint, the uses in other files]. */
  function view(): Record<string, Array<[string, string | null, string[]]>> {
    const out: Record<string, Array<[string, string | null, string[]]>> = {};
    for (const file of ['pom.xml', 'a/pom.xml', 'b/pom.xml']) {
      out[file] = shown.shownIn(file).map((f) => [`${f.range.start.line}:${f.range.start.character}`, f.constraint, (f.usedBy ?? []).map((u) => u.file)]);
    }
    return out;
  }
  /** Evaluates a manifest's unsaved text as the controller does; returns the files to show again. */
  function type(file: string, text: string): string[] {
    const result = scanner.evaluateText(file, text);
    return [...shown.set(file, 'problems' in result ? [] : result.findings)].sort();
  }

  it('after the scan: one finding on the parent’s value, for its own use and both modules', () => {
    assert.deepEqual(view(), { 'pom.xml': [['1:26', '4.2.0', ['a/pom.xml', 'b/pom.xml']]], 'a/pom.xml': [], 'b/pom.xml': [] });
  });

  const table: Array<[string, string, string, string[], Record<string, Array<[string, string | null, string[]]>>]> = [
    ['a module typed again unchanged: nothing dropped, nothing doubled', 'a/pom.xml', child(), ['pom.xml'], { 'pom.xml': [['1:26', '4.2.0', ['a/pom.xml', 'b/pom.xml']]], 'a/pom.xml': [], 'b/pom.xml': [] }],
    [
      'a module that now writes its own version: its finding moves home, the parent keeps the other’s',
      'a/pom.xml',
      child('4.9.0'),
      ['a/pom.xml', 'pom.xml'],
      { 'pom.xml': [['1:26', '4.2.0', ['b/pom.xml']]], 'a/pom.xml': [['1:91', '4.9.0', []]], 'b/pom.xml': [] },
    ],
    ['a module on a supported version: the parent no longer names it', 'b/pom.xml', child('5.1.0'), ['pom.xml'], { 'pom.xml': [['1:26', '4.2.0', ['a/pom.xml']]], 'a/pom.xml': [], 'b/pom.xml': [] }],
    ['a module broken mid-edit: its part is withdrawn until it reads again', 'b/pom.xml', '<project><dependencies', ['pom.xml'], { 'pom.xml': [['1:26', '4.2.0', ['a/pom.xml']]], 'a/pom.xml': [], 'b/pom.xml': [] }],
    ['the parent typed without its own use: the modules’ findings stay', 'pom.xml', parent('4.2.0'), ['pom.xml'], { 'pom.xml': [['1:26', '4.2.0', ['a/pom.xml', 'b/pom.xml']]], 'a/pom.xml': [], 'b/pom.xml': [] }],
  ];
  for (const [what, file, text, touched, want] of table) {
    it(what, () => {
      assert.deepEqual(type(file, text), touched);
      assert.deepEqual(view(), want);
    });
  }

  it('the parent’s value edited and unsaved: the modules’ findings, which read the saved value, are left out', () => {
    const unsaved = parent('5.0.0');
    type('pom.xml', unsaved);
    const lines = unsaved.split('\n');
    const current = (f: Finding) => lines[f.range.start.line]!.slice(f.range.start.character, f.range.end.character) === f.constraint;
    assert.deepEqual(shown.shownIn('pom.xml', current), []);
    assert.equal(shown.shownIn('pom.xml').length, 1, 'kept for when the text reads so again');
  });
});
