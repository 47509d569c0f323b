import * as assert from 'node:assert/strict';
import { gradleModule } from '../../../../src/core/ecosystems/gradle';
import { applySplices } from '../../../../src/core/migrate/manifest';
import { seen } from '../helpers';

/** Each use as [section, name, constraint, the text at its range]. */
function uses(text: string, file = 'build.gradle'): Array<[string, string, string | null, string]> {
  return seen(gradleModule, text, file).map((s) => [s.section, s.name, s.constraint, s.range]);
}
const deps = (body: string): string => `plugins { id 'java' }\n\ndependencies {\n${body}\n}\n`;

describe('gradle: build and settings scripts', () => {
  describe('notations', () => {
    const table: Array<[string, string, Array<[string, string, string | null, string]>, string?]> = [
      ['string, single quotes', deps("    implementation 'com.google.guava:guava:33.1.0-jre'"), [['dependencies', 'com.google.guava:guava', '33.1.0-jre', '33.1.0-jre']]],
      ['string, double quotes in parentheses', deps('    implementation("g:a:1.0")'), [['dependencies', 'g:a', '1.0', '1.0']]],
      ['a classifier and an extension', deps("    runtimeOnly 'g:a:1.2.0:linux@so'\n    implementation 'g:b:2.0@aar'"), [['dependencies', 'g:a', '1.2.0', '1.2.0'], ['dependencies', 'g:b', '2.0', '2.0']]],
      ['no version: the range spans g:a', deps("    implementation 'g:managed'"), [['dependencies', 'g:managed', null, 'g:managed']]],
      ['platform and enforcedPlatform', deps("    implementation platform('g:bom:2.3.1')\n    api(enforcedPlatform(\"g:bom2:1.0\"))"), [['dependencies', 'g:bom', '2.3.1', '2.3.1'], ['dependencies', 'g:bom2', '1.0', '1.0']]],
      ['map notation (Groovy)', deps("    implementation group: 'g', name: 'a', version: '2.7.0'"), [['dependencies', 'g:a', '2.7.0', '2.7.0']]],
      ['map notation in parentheses, another order', deps("    implementation(group: 'g', version: '2.7.0', name: 'a', classifier: 'x')"), [['dependencies', 'g:a', '2.7.0', '2.7.0']]],
      ['named arguments (Kotlin)', deps('    implementation(group = "g", name = "a", version = "3.0.2")'), [['dependencies', 'g:a', '3.0.2', '3.0.2']], 'build.gradle.kts'],
      ['map notation without version: located on the name', deps("    implementation group: 'g', name: 'a'"), [['dependencies', 'g:a', null, 'a']]],
      ['positional (Kotlin)', deps('    implementation("com.fasterxml.jackson.core", "jackson-databind", "2.17.1")'), [['dependencies', 'com.fasterxml.jackson.core:jackson-databind', '2.17.1', '2.17.1']], 'build.gradle.kts'],
      ['a buildscript classpath', "buildscript {\n  dependencies {\n    classpath 'g:plugin:1.0'\n  }\n}\n", [['buildscript.dependencies', 'g:plugin', '1.0', '1.0']]],
      ['constraints inside dependencies', deps('    constraints {\n        implementation("org.yaml:snakeyaml:[2.0,3.0)")\n    }'), [['dependencies', 'org.yaml:snakeyaml', '[2.0,3.0)', '[2.0,3.0)']], 'build.gradle.kts'],
      ['Gradle’s own version forms', deps("    implementation 'g:a:1.2.+'\n    implementation 'g:b:1.4.2!!'\n    implementation 'g:c:latest.release'"), [['dependencies', 'g:a', '1.2.+', '1.2.+'], ['dependencies', 'g:b', '1.4.2!!', '1.4.2!!'], ['dependencies', 'g:c', 'latest.release', 'latest.release']]],
    ];
    for (const [what, text, want, file] of table) it(what, () => assert.deepEqual(uses(text, file), want));
  });

  describe('what is not a use', () => {
    const table: Array<[string, string]> = [
      ['outside a dependencies block', "ext { lib = 'g:a:1.0' }\nrepositories { maven { url 'https://repo:8080/x' } }"],
      ['a line comment', deps("    // implementation 'g:a:1.0'")],
      ['a block comment', deps("    /* implementation 'g:a:1.0'\n       implementation 'g:b:1.0' */")],
      ['a project dependency', deps("    implementation project(':core')\n    implementation(project(\":lib:api\"))")],
      ['an exclude', deps("    implementation('g:a:1.0') {\n        exclude group: 'x', module: 'y'\n    }").replace("'g:a:1.0'", "files('a.jar')")],
      ['a because with a colon', deps("    because 'reason: it clashes'")],
      ['a plugins block', "plugins {\n    id 'org.springframework.boot' version '3.2.5'\n}\n"],
    ];
    for (const [what, text] of table) it(what, () => assert.deepEqual(uses(text), []));
  });

  describe('strings as Groovy and Kotlin write them', () => {
    it('a quote or a brace inside ${…} does not end the string or the block', () => {
      const text = deps('    implementation("g:a:${rootProject.extra["v"]}")\n    implementation("g:b:1.0")');
      assert.deepEqual(uses(text, 'build.gradle.kts').map((u) => u[1]), ['g:a', 'g:b']);
    });
    it('a brace in a string does not close the block', () => {
      assert.deepEqual(uses(deps("    println '}'\n    implementation 'g:a:1.0'")), [['dependencies', 'g:a', '1.0', '1.0']]);
    });
    it('triple-quoted strings are skipped whole', () => {
      assert.deepEqual(uses(deps("    def doc = '''\n    implementation 'g:x:1.0'\n    '''\n    implementation \"\"\"g:a:1.0\"\"\"")), [['dependencies', 'g:a', '1.0', '1.0']]);
    });
    it('an unclosed string ends at its line; the rest is still read', () => {
      assert.deepEqual(uses(deps("    implementation 'g:broken\n    implementation 'g:a:1.0'")), [['dependencies', 'g:a', '1.0', '1.0']]);
    });
    it('an unclosed block comment ends the file without a throw', () => {
      assert.deepEqual(uses(deps("    implementation 'g:a:1.0'\n    /* never closed")), [['dependencies', 'g:a', '1.0', '1.0']]);
    });
  });

  describe('versions defined elsewhere in the script', () => {
    const table: Array<[string, string, Array<[string, string, string | null, string]>, string?]> = [
      ['ext block, ${var}', "ext {\n    grpcVersion = '1.63.0'\n}\n" + deps('    implementation "io.grpc:grpc-stub:${grpcVersion}"'), [['dependencies', 'io.grpc:grpc-stub', '1.63.0', '1.63.0']]],
      ['ext.var, $var', "ext.v = '2.0'\n" + deps('    implementation "g:a:$v"'), [['dependencies', 'g:a', '2.0', '2.0']]],
      ['def', "def v = '2.0'\n" + deps('    implementation "g:a:$v"'), [['dependencies', 'g:a', '2.0', '2.0']]],
      ['val with a type (Kotlin)', 'val ktor: String = "2.3.11"\n' + deps('    implementation("io.ktor:ktor-server-core:$ktor")'), [['dependencies', 'io.ktor:ktor-server-core', '2.3.11', '2.3.11']], 'build.gradle.kts'],
      ['by extra (Kotlin)', 'val jackson by extra("2.17.1")\n' + deps('    implementation("g:a:${jackson}")'), [['dependencies', 'g:a', '2.17.1', '2.17.1']], 'build.gradle.kts'],
      ['extra["v"] (Kotlin)', 'extra["v"] = "1.1"\n' + deps('    implementation("g:a:${project.extra.v}")'), [['dependencies', 'g:a', '1.1', '1.1']], 'build.gradle.kts'],
      ['map notation with a variable', "def v = '2.0'\n" + deps('    implementation group: "g", name: "a", version: "$v"'), [['dependencies', 'g:a', '2.0', '2.0']]],
      [
        'one definition, one package: one use; another package: its own',
        "ext.v = '3.0'\n" + deps('    implementation "g:a:$v"\n    testImplementation "g:a:${v}"\n    implementation "g:b:$v"'),
        [['dependencies', 'g:a', '3.0', '3.0'], ['dependencies', 'g:b', '3.0', '3.0']],
      ],
      ['single quotes are no GString: as written', "def v = '2.0'\n" + deps("    implementation 'g:a:$v'"), [['dependencies', 'g:a', '$v', '$v']]],
      ['undefined here: as written (gradle.properties may define it)', deps('    implementation "g:a:$fromProperties"'), [['dependencies', 'g:a', '$fromProperties', '$fromProperties']]],
      ['a named argument defines nothing', deps('    implementation(group = "g", name = "a", version = "1.0")\n    implementation("g:b:$version")'), [['dependencies', 'g:a', '1.0', '1.0'], ['dependencies', 'g:b', '$version', '$version']], 'build.gradle.kts'],
    ];
    for (const [what, text, want, file] of table) it(what, () => assert.deepEqual(uses(text, file), want));
  });

  it('a script over 5 million characters is refused, not read', () => {
    const parsed = gradleModule.parse(`// ${'x'.repeat(5_000_001)}`, 'build.gradle');
    assert.deepEqual(parsed.uses, []);
    assert.match(parsed.problems[0]!.message, /larger than 5 million characters, which no build script needs; it was not read/);
  });

  it('lines ended by CR alone end a one-line string; many templates stay linear', () => {
    const text = deps(`    implementation 'g:a:1.0'\r    implementation "g:b:\${x["y"]}`.repeat(1) + '\r' + '    x "${"a\r'.repeat(20_000));
    const started = Date.now();
    assert.deepEqual(uses(text).slice(0, 1), [['dependencies', 'g:a', '1.0', '1.0']]);
    assert.ok(Date.now() - started < 2_000, 'linear in the text');
  });

  it('settings scripts are read like builds', () => {
    const text = 'buildscript {\n    dependencies {\n        classpath("com.acme.gradle:conventions:0.9.1")\n    }\n}\nrootProject.name = "billing"\n';
    assert.deepEqual(uses(text, 'settings.gradle.kts'), [['buildscript.dependencies', 'com.acme.gradle:conventions', '0.9.1', '0.9.1']]);
  });

  describe('rename', () => {
    const table: Array<[string, string, string, string, string]> = [
      ['string notation', deps("    implementation 'com.acme:old:1.0'\n    implementation 'com.acme:old'"), 'com.acme:old', 'org.acme:new', deps("    implementation 'org.acme:new:1.0'\n    implementation 'org.acme:new'")],
      ['map notation', deps("    implementation group: 'com.acme', name: 'old', version: '1.0'"), 'com.acme:old', 'org.acme:new', deps("    implementation group: 'org.acme', name: 'new', version: '1.0'")],
      ['positional', deps('    implementation("com.acme", "old", "1.0")'), 'com.acme:old', 'org.acme:new', deps('    implementation("org.acme", "new", "1.0")')],
      ['every use of one definition', "ext.v = '1'\n" + deps('    implementation "com.acme:old:$v"\n    api "com.acme:old:$v"'), 'com.acme:old', 'org.acme:new', "ext.v = '1'\n" + deps('    implementation "org.acme:new:$v"\n    api "org.acme:new:$v"')],
    ];
    for (const [what, text, from, to, want] of table) {
      it(what, () => {
        const file = what === 'positional' ? 'build.gradle.kts' : 'build.gradle';
        const r = gradleModule.rename(text, file, from, to);
        assert.deepEqual(r.notes, []);
        assert.equal(applySplices(text, r.splices), want);
      });
    }
    it('refuses a name that is not group:name', () => {
      const r = gradleModule.rename(deps("    implementation 'g:a:1'"), 'build.gradle', 'g:a', "g:a'; evil");
      assert.deepEqual(r.splices, []);
      assert.match(r.notes[0]!, /is not group:name/);
    });
  });
});
