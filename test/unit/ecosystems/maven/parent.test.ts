import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../../src/core/catalog';
import type { Catalog } from '../../../../src/core/catalog/model';
import { parseRepoConfig } from '../../../../src/core/catalog/repoConfig';
import { mavenModule } from '../../../../src/core/ecosystems/maven';
import { WorkspaceScanner } from '../../../../src/core/scan';
import { AUTH_CATALOG as CATALOG } from './authCatalog';


function catalog(): Catalog {
  const { document } = parseCatalogText('catalog.yaml', CATALOG);
  return mergeCatalogs([document!]).catalog;
}

const child = (parent: string, version = '${auth.version}'): string =>
  `<project><parent><groupId>com.acme</groupId><artifactId>p</artifactId><version>1</version>${parent}</parent><artifactId>c</artifactId>
<dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${version}</version></dependency></dependencies></project>`;
const parentPom = (props: string, parent = ''): string => `<project>${parent}<groupId>com.acme</groupId><artifactId>p</artifactId><version>1</version><properties>${props}</properties></project>`;

describe('maven: a property defined by a parent pom in the repository', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-maven-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  /** Each finding as [file:line where it is put, constraint there, the uses that name it as file:line]. */
  function findings(): Array<[string, string | null, string[] | null]> {
    const result = new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [mavenModule] }).scan();
    assert.deepEqual(result.errors, []);
    return result.findings.map((f) => [`${f.file}:${f.range.start.line + 1}`, f.constraint, f.usedBy?.map((u) => `${u.file}:${u.range.start.line + 1}`) ?? null]);
  }

  const table: Array<[string, Record<string, string>, Array<[string, string | null, string[] | null]>]> = [
    ['the default relativePath ../pom.xml', { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>'), 'svc/pom.xml': child('') }, [['pom.xml:1', '4.2.0', ['svc/pom.xml:2']]]],
    ['a relativePath to a sibling folder', { 'parent/pom.xml': parentPom('<auth.version>4.0.1</auth.version>'), 'svc/pom.xml': child('<relativePath>../parent</relativePath>') }, [['parent/pom.xml:1', '4.0.1', ['svc/pom.xml:2']]]],
    ['a relativePath naming the file', { 'build/pom.xml': parentPom('<auth.version>4.0.1</auth.version>'), 'svc/pom.xml': child('<relativePath>../build/pom.xml</relativePath>') }, [['build/pom.xml:1', '4.0.1', ['svc/pom.xml:2']]]],
    // Only pom.xml files are walked: a parent under another name is looked up in repositories, as if absent.
    ['a relativePath to a file not named pom.xml', { 'build/parent.xml': parentPom('<auth.version>4.0.1</auth.version>'), 'svc/pom.xml': child('<relativePath>../build/parent.xml</relativePath>') }, []],
    [
      'the grandparent, when the parent does not define it',
      { 'pom.xml': parentPom('<auth.version>4.9.0</auth.version>'), 'mid/pom.xml': parentPom('<other>1</other>', '<parent><groupId>com.acme</groupId><artifactId>p</artifactId><version>1</version></parent>'), 'mid/svc/pom.xml': child('') },
      [['pom.xml:1', '4.9.0', ['mid/svc/pom.xml:2']]],
    ],
    ['the child’s own definition wins', { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>'), 'svc/pom.xml': child('').replace('</project>', '<properties><auth.version>5.1.0</auth.version></properties></project>') }, []],
    ['an empty <relativePath/> looks in repositories only', { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>'), 'svc/pom.xml': child('<relativePath/>') }, []],
    ['an absolute relativePath is not read inside the scanned folder', { 'svc/parent/pom.xml': parentPom('<auth.version>4.2.0</auth.version>'), 'svc/pom.xml': child('<relativePath>/parent</relativePath>') }, []],
    ['a relativePath out of the scanned folder is not followed', { 'svc/pom.xml': child('<relativePath>../../pom.xml</relativePath>') }, []],
    ['a parent that is its own parent ends', { 'pom.xml': parentPom('', '<parent><relativePath>pom.xml</relativePath></parent>'), 'svc/pom.xml': child('') }, []],
    ['a range in the parent, read as Maven reads it', { 'pom.xml': parentPom('<auth.version>[4.0,5.0)</auth.version>'), 'svc/pom.xml': child('') }, [['pom.xml:1', '[4.0,5.0)', ['svc/pom.xml:2']]]],
    ['a variant in the parent', { 'pom.xml': parentPom('<auth.version>4.2-jre</auth.version>'), 'svc/pom.xml': child('') }, [['pom.xml:1', '4.2-jre', ['svc/pom.xml:2']]]],
    [
      'two children of one parent: one finding on the definition, naming both uses',
      { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>'), 'a/pom.xml': child(''), 'b/pom.xml': child('') },
      [['pom.xml:1', '4.2.0', ['a/pom.xml:2', 'b/pom.xml:2']]],
    ],
    [
      'a child using it in dependencyManagement and in dependencies: one finding, both uses',
      { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>'), 'svc/pom.xml': child('').replace('<dependencies>', '<dependencyManagement><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version></dependency></dependencies></dependencyManagement>\n<dependencies>') },
      [['pom.xml:1', '4.2.0', ['svc/pom.xml:2', 'svc/pom.xml:3']]],
    ],
    [
      'the parent using its own property too: one finding, the child’s use named',
      { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>').replace('</project>', '\n<dependencyManagement><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version></dependency></dependencies></dependencyManagement></project>'), 'svc/pom.xml': child('') },
      [['pom.xml:1', '4.2.0', ['svc/pom.xml:2']]],
    ],
    ['a parent value built from another property is not followed', { 'pom.xml': parentPom('<auth.version>${base}.1</auth.version><base>4.2</base>'), 'svc/pom.xml': child('') }, []],
    ['a parent value followed through one property to another', { 'pom.xml': parentPom('<auth.version>${base}</auth.version><base>4.2.0</base>'), 'svc/pom.xml': child('') }, [['pom.xml:1', '4.2.0', ['svc/pom.xml:2']]]],
    ['a range that also admits supported versions is not flagged', { 'pom.xml': parentPom('<auth.version>[4.0,6.0)</auth.version>'), 'svc/pom.xml': child('') }, []],
  ];
  for (const [what, files, want] of table) {
    it(what, () => {
      for (const [rel, text] of Object.entries(files)) write(rel, text);
      assert.deepEqual(findings(), want);
    });
  }
});

describe('maven: the finding of a parent’s property, where it is put', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-maven-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('spans the value in the parent, names the use, and counts the use in the child', () => {
    fs.mkdirSync(path.join(root, 'svc'));
    const parent = parentPom('\n    <auth.version>4.2.0</auth.version>\n  ');
    fs.writeFileSync(path.join(root, 'pom.xml'), parent);
    fs.writeFileSync(path.join(root, 'svc', 'pom.xml'), child(''));
    const result = new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [mavenModule] }).scan();
    const [f] = result.findings;
    const lines = parent.split('\n');
    assert.equal(lines[f!.range.start.line]!.slice(f!.range.start.character, f!.range.end.character), '4.2.0');
    const at = child('').split('\n')[1]!.indexOf('${auth.version}');
    assert.deepEqual(f!.usedBy, [{ file: 'svc/pom.xml', range: { start: { line: 1, character: at }, end: { line: 1, character: at + '${auth.version}'.length } } }]);
    // The use is the child's, with the version written in the parent.
    assert.deepEqual(result.uses.map((u) => [u.file, u.definedIn, u.constraint]), [['svc/pom.xml', 'pom.xml', '4.2.0']]);
  });

  it('an exception for one module only: that module’s use is a separate finding at the same place', () => {
    fs.writeFileSync(path.join(root, 'pom.xml'), parentPom('<auth.version>4.2.0</auth.version>'));
    for (const m of ['a', 'b', 'c']) {
      fs.mkdirSync(path.join(root, m));
      fs.writeFileSync(path.join(root, m, 'pom.xml'), child(''));
    }
    const { config, problems } = parseRepoConfig('.platform-guide.yaml', 'schema: platform-guide/v1\nexceptions:\n  - component: auth\n    paths: ["b/**"]\n    until: 2027-01-31\n    reason: Waiting for the new key store.\n');
    assert.deepEqual(problems, []);
    const result = new WorkspaceScanner({ root, catalog: catalog(), config: config!, today: '2026-11-30', modules: [mavenModule] }).scan();
    assert.deepEqual(
      result.findings.map((f) => [f.file, f.severity, f.usedBy?.map((u) => u.file)]),
      [
        ['pom.xml', 'warning', ['a/pom.xml', 'c/pom.xml']],
        ['pom.xml', 'hint', ['b/pom.xml']],
      ],
    );
  });
});
