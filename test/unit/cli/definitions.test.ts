import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, ROOT, runCli } from '../../support/cli';

/**
 * `check` and `migrate` as a process on a multi-module Maven project (a parent pom's
 * `<properties>` used by two modules, in dependencies and in dependencyManagement) and a Gradle
 * build whose subprojects take their version from gradle.properties: every finding is on the
 * definition and names its uses, and a bump edits the definition, nothing else.
 */
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'ecosystems');
const PROJECT = path.join(FIXTURES, 'jvm-modules');
const CATALOG = path.join(PROJECT, 'catalog.yaml');
const ARGS = ['--catalog', CATALOG, '--today', '2026-11-30'];

interface Place {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface JsonFinding extends Place {
  package: string;
  constraint: string | null;
  severity: string;
  message: string;
  usedBy?: Place[];
}

/** 1-based line, column and end column, as the JSON output writes a range. */
function at(p: Place): string {
  return `${p.file}:${p.range.start.line}:${p.range.start.column}-${p.range.end.column}`;
}

/** Every file under `dir`, POSIX path → text. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')] = fs.readFileSync(path.join(e.parentPath, e.name), 'latin1');
  }
  return out;
}

describe('versions defined in another file: check and migrate (the CLI as a process)', () => {
  before(buildCli);

  it('check --format json puts each finding on the definition, with every use that names it', () => {
    const r = runCli(['check', PROJECT, ...ARGS, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    const { findings, summary } = JSON.parse(r.stdout) as { findings: JsonFinding[]; summary: { platformDependencies: number } };
    assert.deepEqual(
      findings.map((f) => [at(f), f.package, f.constraint, f.severity, f.usedBy?.map(at)]),
      [
        // `$acmeCoreVersion` and `${acmeCoreVersion}` of two subprojects: one finding on the value.
        ['ledger/gradle.properties:3:17-22', 'io.acme:acme-core', '1.9.0', 'error', ['ledger/app/build.gradle:6:39-55', 'ledger/worker/build.gradle.kts:6:39-57']],
        // A BOM import in a module's dependencyManagement, its version a parent property.
        ['pom.xml:11:23-28', 'io.acme:platform-bom', '2.3.0', 'warning', ['orders/pom.xml:16:18-37']],
        // Two modules on one parent property: one finding, both uses, sorted.
        ['pom.xml:12:24-29', 'io.acme:acme-core', '1.8.0', 'error', ['billing/pom.xml:16:16-36', 'orders/pom.xml:27:16-36']],
      ],
    );
    const parent = fs.readFileSync(path.join(PROJECT, 'pom.xml'), 'utf8').split('\n');
    assert.equal(parent[11]!.slice(23, 28), '1.8.0', 'the range spans the value in the parent');
    assert.match(findings[2]!.message, /^io\.acme:acme-core 1\.8\.0 is deprecated: .* \(used by billing\/pom\.xml:16, orders\/pom\.xml:27\)$/);
    // Three uses of acme-core in Maven, one BOM and two Gradle uses: five, each counted where it is.
    assert.equal(summary.platformDependencies, 5);
  });

  it('check in text and SARIF: the line is the definition’s, the uses are named and related', () => {
    const text = runCli(['check', PROJECT, ...ARGS, '--fail-on', 'never']);
    assert.match(text.stdout, /^pom\.xml:11:23: warning: io\.acme:platform-bom 2\.3\.0 is deprecated: .* \(used by orders\/pom\.xml:16\) \[acme-platform, owner jvm-platform\]$/m);
    const sarif = JSON.parse(runCli(['check', PROJECT, ...ARGS, '--format', 'sarif', '--fail-on', 'never']).stdout) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }>;
    };
    const where = sarif.runs[0]!.results.map((x) => [
      `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`,
      x.relatedLocations?.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}:${l.physicalLocation.region.startColumn}`),
    ]);
    assert.deepEqual(where, [
      ['ledger/gradle.properties:3', ['ledger/app/build.gradle:6:39', 'ledger/worker/build.gradle.kts:6:39']],
      ['pom.xml:11', ['orders/pom.xml:16:18']],
      ['pom.xml:12', ['billing/pom.xml:16:16', 'orders/pom.xml:27:16']],
    ]);
  });

  it('a parent pom above the scanned folder is not read: the use stays unknown, nothing is flagged', () => {
    const r = runCli(['check', path.join(FIXTURES, 'maven-outside', 'repo'), ...ARGS, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: unknown[]; summary: { platformDependencies: number } };
    assert.deepEqual([out.findings, out.errors, out.summary.platformDependencies], [[], [], 1]);
  });

  describe('migrate', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-definitions-'));
      fs.cpSync(PROJECT, tmp, { recursive: true });
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** The files that changed, each with what it became, after one run. */
    function run(migration: string, ...extra: string[]): { status: number | null; out: string; changed: Record<string, string> } {
      const before = snapshot(tmp);
      const r = runCli(['migrate', tmp, '--migration', migration, ...ARGS, ...extra]);
      const after = snapshot(tmp);
      const changed = Object.fromEntries(Object.entries(after).filter(([f, t]) => before[f] !== t));
      return { status: r.status, out: r.stdout + r.stderr, changed };
    }

    it('a BOM imported by a module: the parent’s property is edited, byte for byte; the module is not', () => {
      const parent = fs.readFileSync(path.join(tmp, 'pom.xml'), 'latin1');
      const r = run('acme-platform/bom-3');
      assert.equal(r.status, 0, r.out);
      assert.deepEqual(r.changed, { 'pom.xml': parent.replace('<platform.version>2.3.0<', '<platform.version>3.1.0<') });
      assert.match(r.out, /^orders\/pom\.xml: 1 change in 1 file\n {2}changed pom\.xml: 1 change$/m);
      // Done: the parent now says 3.1.0 and nothing is flagged for the BOM.
      const again = JSON.parse(runCli(['check', tmp, ...ARGS, '--format', 'json', '--fail-on', 'never']).stdout) as { findings: JsonFinding[] };
      assert.deepEqual(again.findings.filter((f) => f.package === 'io.acme:platform-bom'), []);
    });

    it('two modules on one property: the definition is edited once', () => {
      const parent = fs.readFileSync(path.join(tmp, 'pom.xml'), 'latin1');
      const properties = fs.readFileSync(path.join(tmp, 'ledger', 'gradle.properties'), 'latin1');
      const r = run('acme-core/core-2');
      assert.equal(r.status, 0, r.out);
      assert.deepEqual(r.changed, {
        'ledger/gradle.properties': properties.replace('acmeCoreVersion=1.9.0', 'acmeCoreVersion=2.4.0'),
        'pom.xml': parent.replace('<acme-core.version>1.8.0<', '<acme-core.version>2.4.0<'),
      });
      assert.match(r.out, /made 2 changes in 2 files for 4 manifests/);
    });

    it('--dry-run prints the definition’s patch and writes nothing', () => {
      const r = run('acme-core/core-2', '--dry-run');
      assert.equal(r.status, 0, r.out);
      assert.deepEqual(r.changed, {});
      assert.match(r.out, /^--- a\/pom\.xml\n\+\+\+ b\/pom\.xml\n@@ .* @@\n(?: .*\n)*-    <acme-core\.version>1\.8\.0<\/acme-core\.version>\n\+    <acme-core\.version>2\.4\.0<\/acme-core\.version>\n/m);
      assert.match(r.out, /would make 2 changes in 2 files for 4 manifests/);
    });
  });
});
