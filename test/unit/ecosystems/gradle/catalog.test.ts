import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../../src/core/catalog';
import { gradleModule } from '../../../../src/core/ecosystems/gradle';
import { readGradleProperties } from '../../../../src/core/ecosystems/gradle/properties';
import { applySplices } from '../../../../src/core/migrate/manifest';
import { WorkspaceScanner } from '../../../../src/core/scan';
import { seen } from '../helpers';

const FILE = 'gradle/libs.versions.toml';
function uses(text: string): Array<[string, string | null, string]> {
  return seen(gradleModule, text, FILE).map((s) => [s.name, s.constraint, s.range]);
}

describe('gradle: version catalogs', () => {
  const table: Array<[string, string, Array<[string, string | null, string]>]> = [
    ['module and version', '[libraries]\nledger = { module = "com.acme:ledger", version = "2.7.0" }\n', [['com.acme:ledger', '2.7.0', '2.7.0']]],
    ['group and name', '[libraries]\nledger = { group = "com.acme", name = "ledger", version = "2.7.0" }\n', [['com.acme:ledger', '2.7.0', '2.7.0']]],
    ['a string g:a:v', '[libraries]\nguava = "com.google.guava:guava:33.1.0-jre"\n', [['com.google.guava:guava', '33.1.0-jre', '33.1.0-jre']]],
    ['version.ref: the range spans the [versions] value', '[versions]\nauth = "4.1.0"\n\n[libraries]\nauth = { module = "com.acme:auth", version.ref = "auth" }\n', [['com.acme:auth', '4.1.0', '4.1.0']]],
    ['version = { ref = … }', '[versions]\nauth = "4.1.0"\n[libraries]\nauth = { module = "com.acme:auth", version = { ref = "auth" } }\n', [['com.acme:auth', '4.1.0', '4.1.0']]],
    [
      'two libraries of one package on one ref are one use; another package its own',
      '[versions]\nauth = "4.1.0"\n[libraries]\na = { module = "com.acme:auth", version.ref = "auth" }\nb = { module = "com.acme:auth", version.ref = "auth" }\nc = { module = "com.acme:auth-testing", version.ref = "auth" }\n',
      [['com.acme:auth', '4.1.0', '4.1.0'], ['com.acme:auth-testing', '4.1.0', '4.1.0']],
    ],
    ['a rich version: strictly first', '[libraries]\nj = { module = "g:j", version = { strictly = "[2.15, 2.18[", prefer = "2.17.1" } }\n', [['g:j', '[2.15, 2.18[', '[2.15, 2.18[']]],
    ['a rich version: require before prefer', '[libraries]\nj = { module = "g:j", version = { prefer = "2.17.1", require = "2.16.0" } }\n', [['g:j', '2.16.0', '2.16.0']]],
    ['a rich version in [versions]', '[versions]\nj = { prefer = "2.17.1" }\n[libraries]\nj = { module = "g:j", version.ref = "j" }\n', [['g:j', '2.17.1', '2.17.1']]],
    ['dotted rich version keys', '[libraries]\nj = { module = "g:j", version.strictly = "1.2.3" }\n', [['g:j', '1.2.3', '1.2.3']]],
    ['no version: located on the module', '[libraries]\nm = { module = "com.acme:metrics" }\n', [['com.acme:metrics', null, 'com.acme:metrics']]],
    ['an unknown ref: no version', '[libraries]\nm = { module = "com.acme:m", version.ref = "missing" }\n', [['com.acme:m', null, 'com.acme:m']]],
    ['literal strings', "[libraries]\nm = { module = 'com.acme:m', version = '1.0' }\n", [['com.acme:m', '1.0', '1.0']]],
    ['plugins and bundles name no library', '[versions]\nboot = "3.2.5"\n[plugins]\nboot = { id = "org.springframework.boot", version.ref = "boot" }\n[bundles]\nb = ["x"]\n', []],
  ];
  for (const [what, text, want] of table) it(what, () => assert.deepEqual(uses(text), want));

  it('invalid TOML is a problem with a place that says what to do', () => {
    const parsed = gradleModule.parse('[libraries]\nx = { module = "g:a", version = }\n', FILE);
    assert.deepEqual(parsed.uses, []);
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0]!.range.start.line, 1);
    assert.match(parsed.problems[0]!.message, /TOML syntax error in gradle\/libs.versions.toml: .*fix it so its dependencies can be read/);
  });

  it('only gradle/*.versions.toml is a catalog', () => {
    assert.ok(gradleModule.wants('gradle/libs.versions.toml'));
    assert.ok(gradleModule.wants('build-logic/gradle/deps.versions.toml'));
    assert.ok(!gradleModule.wants('libs.versions.toml'));
    assert.ok(!gradleModule.wants('gradle/sub/libs.versions.toml'));
    assert.ok(gradleModule.wants('app/build.gradle.kts') && gradleModule.wants('settings.gradle') && !gradleModule.wants('app/build.gradle.kts.bak'));
  });

  describe('rename', () => {
    const table: Array<[string, string, string]> = [
      ['module', '[libraries]\na = { module = "com.acme:old", version = "1" }\n', '[libraries]\na = { module = "org.acme:new", version = "1" }\n'],
      ['group and name', '[libraries]\na = { group = "com.acme", name = "old", version = "1" }\n', '[libraries]\na = { group = "org.acme", name = "new", version = "1" }\n'],
      ['a string', '[libraries]\na = "com.acme:old:1"\n', '[libraries]\na = "org.acme:new:1"\n'],
    ];
    for (const [what, text, want] of table) {
      it(what, () => {
        const r = gradleModule.rename(text, FILE, 'com.acme:old', 'org.acme:new');
        assert.deepEqual(r.notes, []);
        assert.equal(applySplices(text, r.splices), want);
      });
    }
  });
});

describe('gradle: gradle.properties', () => {
  it('reads key=value, key: value and key value, not comments or continued lines', () => {
    const text = '# versions\n! also a comment\nauthVersion=4.1.0\nledgerVersion : 2.7.0\r\nmetrics 1.0\nlong=a\\\n  b\nafter=3\n';
    const read = readGradleProperties(text);
    const values = Object.fromEntries([...read].map(([k, d]) => [k, [d.value, text.slice(d.start, d.end)]]));
    assert.deepEqual(values, { authVersion: ['4.1.0', '4.1.0'], ledgerVersion: ['2.7.0', '2.7.0'], metrics: ['1.0', '1.0'], after: ['3', '3'] });
  });

  describe('a version the script leaves to gradle.properties', () => {
    let root: string;
    beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-gradle-'))));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
    const catalog = () =>
      mergeCatalogs([
        parseCatalogText(
          'c.yaml',
          'schema: platform-guide/v1\nteams:\n  - id: t\n    name: T\ncomponents:\n  - id: auth\n    name: Auth\n    owner: t\n    packages:\n      - gradle: com.acme:auth\n    deprecations:\n      - versions: "<5.0.0"\n        message: old\n',
        ).document!,
      ]).catalog;
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    /** Each finding as [file:line where it is put, constraint there, the uses that name it as file:line]. */
    const resolved = () =>
      new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [gradleModule] })
        .scan()
        .findings.map((f) => [`${f.file}:${f.range.start.line + 1}`, f.constraint, f.usedBy?.map((u) => `${u.file}:${u.range.start.line + 1}`) ?? null]);
    const build = 'dependencies {\n    implementation "com.acme:auth:$authVersion"\n}\n';
    const kts = 'dependencies {\n    implementation("com.acme:auth:${authVersion}")\n}\n';

    const table: Array<[string, Record<string, string>, Array<[string, string | null, string[] | null]>]> = [
      ['beside the script', { 'app/build.gradle': build, 'app/gradle.properties': 'authVersion=4.1.0\n' }, [['app/gradle.properties:1', '4.1.0', ['app/build.gradle:2']]]],
      ['the root project’s, for a subproject', { 'app/build.gradle': build, 'gradle.properties': '# versions\nauthVersion=4.3.0\n' }, [['gradle.properties:2', '4.3.0', ['app/build.gradle:2']]]],
      ['the nearest wins', { 'app/build.gradle': build, 'app/gradle.properties': 'authVersion=5.0.0\n', 'gradle.properties': 'authVersion=4.3.0\n' }, []],
      ['none defines it: unknown, never flagged', { 'app/build.gradle': build }, []],
      ['an empty value: unknown, never flagged', { 'app/build.gradle': build, 'gradle.properties': 'authVersion=\n' }, []],
      [
        'two subprojects, Groovy and Kotlin, on one definition: one finding naming both',
        { 'app/build.gradle': build, 'worker/build.gradle.kts': kts, 'gradle.properties': 'authVersion=4.3.0\n' },
        [['gradle.properties:1', '4.3.0', ['app/build.gradle:2', 'worker/build.gradle.kts:2']]],
      ],
      ['the script’s own ext wins', { 'app/build.gradle': "ext.authVersion = '4.0.0'\n" + build, 'gradle.properties': 'authVersion=5.3.0\n' }, [['app/build.gradle:1', '4.0.0', null]]],
    ];
    for (const [what, files, want] of table) {
      it(what, () => {
        for (const [rel, text] of Object.entries(files)) write(rel, text);
        assert.deepEqual(resolved(), want);
      });
    }
  });
});
