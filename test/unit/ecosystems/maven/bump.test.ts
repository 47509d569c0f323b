import * as assert from 'node:assert/strict';
import { mergeCatalogs, parseCatalogText } from '../../../../src/core/catalog';
import type { Component } from '../../../../src/core/catalog/model';
import { bumpManifest } from '../../../../src/core/migrate/manifest';

/** A component claiming one Maven and one Gradle package, as a catalog would declare it. */
function component(name: string): Component {
  const text = `schema: platform-guide/v1\nteams:\n  - id: t\n    name: T\ncomponents:\n  - id: c\n    name: C\n    owner: t\n    packages:\n      - maven: "${name}"\n      - gradle: "${name}"\n`;
  return mergeCatalogs([parseCatalogText('c.yaml', text).document!]).catalog.components[0]!;
}

describe('maven and gradle: a migration’s bump edits where the version is defined', () => {
  const table: Array<[string, string, string, string, string, RegExp?]> = [
    [
      'a pom property, used twice by the package: one edit',
      'pom.xml',
      '<project><properties><auth.version>4.1.0</auth.version></properties><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version></dependency><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version><classifier>tests</classifier></dependency></dependencies></project>',
      '5.2.0',
      '<project><properties><auth.version>5.2.0</auth.version></properties><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version></dependency><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version><classifier>tests</classifier></dependency></dependencies></project>',
    ],
    [
      'a variant is kept',
      'pom.xml',
      '<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>4.1-jre</version></dependency></dependencies></project>',
      '5.2.0',
      '<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>5.2-jre</version></dependency></dependencies></project>',
    ],
    [
      'a parent pom’s property is left in the child, and said so',
      'svc/pom.xml',
      '<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version></dependency></dependencies></project>',
      '5.2.0',
      '<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>auth</artifactId><version>${auth.version}</version></dependency></dependencies></project>',
      /"\$\{auth\.version\}" names no version to bump; left as written/,
    ],
    [
      'a catalog’s [versions] entry',
      'gradle/libs.versions.toml',
      '[versions]\nauth = "4.1.0"\n[libraries]\nauth = { module = "com.acme:auth", version.ref = "auth" }\n',
      '5.2.0',
      '[versions]\nauth = "5.2.0"\n[libraries]\nauth = { module = "com.acme:auth", version.ref = "auth" }\n',
    ],
    [
      'a script variable, and a strict version',
      'build.gradle',
      "ext.auth = '4.1.0'\ndependencies {\n  implementation \"com.acme:auth:$auth\"\n  implementation 'com.acme:auth:4.1.0!!'\n}\n",
      '5.2.0',
      "ext.auth = '5.2.0'\ndependencies {\n  implementation \"com.acme:auth:$auth\"\n  implementation 'com.acme:auth:5.2.0!!'\n}\n",
    ],
  ];
  for (const [what, file, text, to, want, note] of table) {
    it(what, () => {
      const r = bumpManifest(text, file, component('com.acme:auth'), to);
      assert.equal(r.text, want);
      if (note) assert.match(r.notes.join('\n'), note);
      else assert.deepEqual(r.notes, []);
    });
  }
});
