import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Component } from '../../../src/core/catalog/model';
import { planMigration } from '../../../src/core/migrate';
import { migration, tempDir, writeTree } from './helpers';

const SRC = { file: 'catalog.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** A component claiming `com.acme:auth` in Maven and Gradle, as the catalog parser builds one. */
const component: Component = {
  id: 'c',
  name: 'C',
  owner: 't',
  lifecycle: 'production',
  packages: [
    { ecosystem: 'maven', pattern: 'com.acme:auth', source: SRC },
    { ecosystem: 'gradle', pattern: 'com.acme:auth', source: SRC },
  ],
  deprecations: [],
  migrations: [],
  source: SRC,
};

const dep = (version: string) => `<dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${version}</version></dependency>`;
const child = (parent = '', extra = '') =>
  `<project>\n  <parent><groupId>com.acme</groupId><artifactId>p</artifactId><version>1</version>${parent}</parent>\n  <artifactId>c</artifactId>\n${extra}  <dependencies>${dep('${auth.version}')}</dependencies>\n</project>\n`;
const parentPom = (props: string) => `<?xml version="1.0"?>\r\n<project>\r\n  <properties>\r\n    ${props}\r\n  </properties>\r\n</project>\r\n`;

describe('migrate: a bump of a version defined in another file edits the definition', () => {
  let root: string;
  beforeEach(() => (root = tempDir('pg-plan-elsewhere-')));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  // [what, files, manifest, the files the plan changes with their text after, what it skipped]
  const table: Array<[string, Record<string, string>, string, Record<string, string>, string[]]> = [
    [
      'a parent pom’s property: the parent is edited, byte for byte, the child left alone',
      { 'pom.xml': parentPom('<auth.version>4.1.0</auth.version>'), 'svc/pom.xml': child() },
      'svc/pom.xml',
      { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>') },
      [],
    ],
    [
      'a child using it in dependencyManagement and dependencies: one edit',
      { 'pom.xml': parentPom('<auth.version>4.1.0</auth.version>'), 'svc/pom.xml': child('', `  <dependencyManagement><dependencies>${dep('${auth.version}')}</dependencies></dependencyManagement>\n`) },
      'svc/pom.xml',
      { 'pom.xml': parentPom('<auth.version>4.2.0</auth.version>') },
      [],
    ],
    [
      'the grandparent through a relativePath',
      {
        'build/pom.xml': parentPom('<auth.version>[4.0,4.2)</auth.version>'),
        'mid/pom.xml': '<project><parent><relativePath>../build</relativePath></parent></project>\n',
        'mid/svc/pom.xml': child(),
      },
      'mid/svc/pom.xml',
      { 'build/pom.xml': parentPom('<auth.version>[4.2,4.4)</auth.version>') },
      [],
    ],
    [
      'a parent already past the target is not downgraded',
      { 'pom.xml': parentPom('<auth.version>5.0.0</auth.version>'), 'svc/pom.xml': child() },
      'svc/pom.xml',
      {},
      ['svc/pom.xml: bump to 4.2.0: dependencies "auth" (its version is defined in pom.xml): "5.0.0" is already past 4.2.0; a migration never downgrades'],
    ],
    [
      'a parent outside the repository is not read: left as written, said so',
      { 'svc/pom.xml': child('<relativePath>../../pom.xml</relativePath>') },
      'svc/pom.xml',
      {},
      ['svc/pom.xml: bump to 4.2.0: dependencies "auth": "${auth.version}" names no version to bump; left as written'],
    ],
    [
      'gradle.properties of the root project, for a subproject',
      { 'gradle.properties': 'org.gradle.jvmargs=-Xmx2g\nauthVersion = 4.1.0\n', 'app/build.gradle': 'dependencies {\n  implementation "com.acme:auth:$authVersion"\n}\n' },
      'app/build.gradle',
      { 'gradle.properties': 'org.gradle.jvmargs=-Xmx2g\nauthVersion = 4.2.0\n' },
      [],
    ],
    [
      'gradle.properties beside a Kotlin script, kept in its style',
      { 'app/gradle.properties': 'authVersion=4.1\n', 'app/build.gradle.kts': 'dependencies {\n  implementation("com.acme:auth:${authVersion}")\n}\n' },
      'app/build.gradle.kts',
      { 'app/gradle.properties': 'authVersion=4.2\n' },
      [],
    ],
  ];
  for (const [what, files, manifest, want, skipped] of table) {
    it(what, () => {
      writeTree(root, files);
      const p = planMigration({ root, manifest, component, migration: migration([], '4.2.0') });
      assert.deepEqual(p.skipped.map((s) => `${s.file}: ${s.reason}`), skipped);
      assert.deepEqual(Object.fromEntries(p.files.map((f) => [f.file, f.after])), want);
    });
  }

  it('an unsaved parent is planned against as the editor shows it', () => {
    writeTree(root, { 'pom.xml': parentPom('<auth.version>4.1.0</auth.version>'), 'svc/pom.xml': child() });
    const unsaved = parentPom('<auth.version>4.0.0</auth.version><other>1</other>');
    const p = planMigration({ root, manifest: 'svc/pom.xml', component, migration: migration([], '4.2.0'), readText: (rel) => (rel === 'pom.xml' ? unsaved : undefined) });
    assert.deepEqual(p.files.map((f) => [f.file, f.after]), [['pom.xml', unsaved.replace('4.0.0', '4.2.0')]]);
  });

  it('an excluded parent is not edited', () => {
    writeTree(root, { 'pom.xml': parentPom('<auth.version>4.1.0</auth.version>'), 'svc/pom.xml': child() });
    const p = planMigration({ root, manifest: 'svc/pom.xml', component, migration: migration([], '4.2.0'), exclude: ['pom.xml'] });
    assert.deepEqual(p.files, []);
  });
});
