import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCli, ROOT, runCli } from '../../support/cli';

const JVM = path.join(ROOT, 'test', 'fixtures', 'ecosystems', 'jvm');

interface JsonFinding {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  ecosystem: string;
  package: string;
  constraint: string | null;
  resolved: string | null;
  severity: string;
  message: string;
  usedBy?: Array<Pick<JsonFinding, 'file' | 'range'>>;
}

/** 1-based line, column and end column, as the JSON output writes a range. */
function at(f: Pick<JsonFinding, 'file' | 'range'>): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.column}`;
}

describe('check on a Maven and Gradle project (the CLI as a process)', () => {
  before(buildCli);

  it('reports each use where its version is defined: a property, a parent pom, a catalog’s [versions], gradle.properties', () => {
    const r = runCli(['check', JVM, '--catalog', path.join(JVM, 'catalog.yaml'), '--format', 'json', '--today', '2026-11-30', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    const { findings } = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const seen = findings.map((f) => [at(f), f.ecosystem, f.package, f.constraint, f.severity, f.usedBy?.map(at) ?? null]);
    assert.deepEqual(seen, [
      // `${ledger.version}` is defined in the same pom: the range spans the property's value.
      ['billing-api/pom.xml:11:21-26', 'maven', 'com.acme.platform:acme-ledger-client', '2.7.0', 'warning', null],
      // A versionless use managed elsewhere is flagged by a deprecated component on its artifactId.
      ['billing-api/pom.xml:26:19-31', 'maven', 'com.acme.platform:acme-metrics', null, 'warning', null],
      // `$ledgerVersion` of build.gradle.kts is defined in gradle.properties: the finding is there.
      ['gradle.properties:2:15-20', 'gradle', 'com.acme.platform:acme-ledger-client', '2.9.1', 'warning', ['build.gradle.kts:7:58-72']],
      // `version.ref = "acme-auth"`: the range spans the [versions] value.
      ['gradle/libs.versions.toml:2:14-19', 'gradle', 'com.acme.platform:acme-auth-client', '4.1.0', 'error', null],
      // `${acme-auth.version}` of billing-api is defined by the parent pom (default relativePath
      // ../pom.xml): the finding is on the parent's value, naming the use.
      ['pom.xml:9:24-37', 'maven', 'com.acme.platform:acme-auth-client', '4.2.0.RELEASE', 'error', ['billing-api/pom.xml:17:16-36']],
    ]);
    // The message names the use; nothing was locked.
    assert.match(findings[4]!.message, /^com\.acme\.platform:acme-auth-client 4\.2\.0\.RELEASE is deprecated.* \(used by billing-api\/pom\.xml:17\)$/);
    assert.match(findings[2]!.message, /\(used by build\.gradle\.kts:7\)$/);
    assert.ok(findings.every((f) => f.resolved === null && !/locked/.test(f.message)));
  });
});
