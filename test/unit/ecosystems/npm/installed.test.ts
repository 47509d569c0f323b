import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../../src/core/catalog';
import type { Catalog } from '../../../../src/core/catalog/model';
import { npmModule } from '../../../../src/core/ecosystems/npm';
import { WorkspaceScanner, type ScanResult } from '../../../../src/core/scan';
import { tempDir } from '../../migrate/helpers';
import { slice } from './helpers';

/*
 * What is compared is what the package manager installs (catalog spec, "When a dependency is
 * flagged", rule 1). The workspaces under test/fixtures/npm have lockfiles written by pnpm 9.15.9,
 * yarn 4.18.1, yarn 1.22.22 and npm 11.19.1 (see the README there); each deprecation below covers
 * the versions a wrong reading would compare, so a wrong reading shows as a finding or its absence.
 */
const CATALOG = `schema: platform-guide/v1
teams:
  - id: web
    name: Web
components:
  - id: ms
    name: ms
    owner: web
    packages: [{ npm: ms }]
    deprecations:
      - versions: "<2.1.2"
        message: ms before 2.1.2 is retired.
  - id: semver
    name: semver
    owner: web
    packages: [{ npm: semver }]
    deprecations:
      - versions: "<7.0.0"
        message: semver 6 is retired.
  - id: is-number
    name: is-number
    owner: web
    packages: [{ npm: is-number }]
    deprecations:
      - versions: "<7.0.0 || >=9000.0.0"
        message: This is-number is retired.
`;

const FIXTURES = path.join(__dirname, '../../../fixtures/npm');

function catalog(): Catalog {
  const { document, problems } = parseCatalogText('catalog.yaml', CATALOG);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  return mergeCatalogs([document!]).catalog;
}

function scan(root: string): ScanResult {
  return new WorkspaceScanner({ root, catalog: catalog(), today: '2026-11-30', modules: [npmModule], lockfileRanges: true }).scan();
}

/** Each platform use as `file package constraint → resolved (severity)`, sorted. */
function uses(result: ScanResult): string[] {
  return result.uses
    .map((u) => `${u.file} ${u.package} ${u.constraint} → ${u.resolved ?? '-'} (${u.severity ?? 'ok'})`)
    .sort();
}

/** A copy of a fixture to change (the fixtures themselves stay as the package managers wrote them). */
function copyFixture(name: string): string {
  const dir = tempDir('pg-npm-installed-');
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

describe('npm: what is compared is what is installed', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('pnpm catalogs and overrides (pnpm 9)', () => {
    it('compares the versions the importer records for catalog: and catalog:NAME, and for an overridden spec', () => {
      const result = scan(path.join(FIXTURES, 'pnpm-catalog'));
      assert.deepEqual(result.errors, []);
      assert.deepEqual(uses(result), [
        'packages/app/package.json is-number ^6.0.0 → 7.0.0 (ok)',
        'packages/app/package.json ms catalog: → 2.1.3 (ok)',
        'packages/app/package.json semver catalog:legacy → 6.3.2 (warning)',
      ]);
    });

    it('keeps the finding on the catalog: text and names the version it resolved to', () => {
      const root = path.join(FIXTURES, 'pnpm-catalog');
      const [finding] = scan(root).findings;
      assert.ok(finding);
      const text = fs.readFileSync(path.join(root, finding.file), 'utf8');
      assert.equal(slice(text, finding.range), 'catalog:legacy');
      assert.equal(finding.constraint, 'catalog:legacy');
      assert.equal(finding.resolved, '6.3.2');
      assert.match(finding.message, /^semver catalog:legacy \(locked at 6\.3\.2\) is deprecated/);
      assert.equal(finding.lockfile?.file, 'pnpm-lock.yaml');
    });

    it("without a lockfile, compares the catalog entry's range from pnpm-workspace.yaml", () => {
      const root = copyFixture('pnpm-catalog');
      temps.push(root);
      fs.rmSync(path.join(root, 'pnpm-lock.yaml'));
      const result = scan(root);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(uses(result), [
        'packages/app/package.json is-number ^6.0.0 → - (warning)',
        'packages/app/package.json ms catalog: → - (ok)',
        'packages/app/package.json semver catalog:legacy → - (warning)',
      ]);
      const semver = result.findings.find((f) => f.package === 'semver');
      assert.match(semver?.message ?? '', /^semver catalog:legacy \(\^6\.0\.0\) is deprecated/);
    });

    it('compares the catalog entry, not the lockfile, when the entry changed since the lockfile was written', () => {
      const root = copyFixture('pnpm-catalog');
      temps.push(root);
      const yaml = path.join(root, 'pnpm-workspace.yaml');
      fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace('semver: ^6.0.0', 'semver: ^7.0.0'));
      assert.deepEqual(uses(scan(root)).filter((u) => u.includes('semver')), ['packages/app/package.json semver catalog:legacy → - (ok)']);
    });

    it('reads no range for a catalog that does not name the package', () => {
      const root = copyFixture('pnpm-catalog');
      temps.push(root);
      fs.rmSync(path.join(root, 'pnpm-lock.yaml'));
      fs.writeFileSync(path.join(root, 'pnpm-workspace.yaml'), "packages:\n  - 'packages/*'\ncatalogs:\n  other:\n    semver: ^6.0.0\n");
      assert.deepEqual(uses(scan(root)).filter((u) => u.includes('catalog')), [
        'packages/app/package.json ms catalog: → - (ok)',
        'packages/app/package.json semver catalog:legacy → - (ok)',
      ]);
    });
  });

  describe('yarn resolutions, npm overrides and stray member lockfiles', () => {
    it("berry: the root's resolutions pin a member's range, and the member's own package-lock.json is ignored", () => {
      const result = scan(path.join(FIXTURES, 'yarn-berry'));
      assert.deepEqual(result.errors, []);
      assert.deepEqual(uses(result), [
        'packages/app/package.json ms * → 2.1.1 (warning)',
        'packages/app/package.json semver ^6.0.0 → 6.3.2 (warning)',
      ]);
      assert.equal(result.findings.find((f) => f.package === 'ms')?.lockfile?.file, 'yarn.lock');
    });

    it("classic: the root's yarn.lock applies, not the member's package-lock.json", () => {
      assert.deepEqual(uses(scan(path.join(FIXTURES, 'yarn-classic'))), ['packages/app/package.json ms * → 2.1.1 (warning)']);
    });

    it("npm: the root's package-lock.json applies, not the member's own", () => {
      assert.deepEqual(uses(scan(path.join(FIXTURES, 'npm-stray'))), ['packages/app/package.json ms ^2.0.0 → 2.0.0 (warning)']);
    });

    it("npm: the root's overrides are what the lockfile installed for a member", () => {
      assert.deepEqual(uses(scan(path.join(FIXTURES, 'npm-overrides'))), ['packages/app/package.json ms ^2.0.0 → 2.1.1 (warning)']);
    });

    it('a lockfile beside a manifest that no workspace lists still applies', () => {
      const root = copyFixture('npm-stray');
      temps.push(root);
      // The root is a project of its own now, not a workspace: neither its globs nor its lockfile list the member.
      fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "npm-stray", "private": true }\n');
      fs.writeFileSync(path.join(root, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": { "": { "name": "npm-stray" } } }\n');
      assert.deepEqual(uses(scan(root)), ['packages/app/package.json ms ^2.0.0 → 2.1.3 (ok)']);
    });
  });

  describe('specs read as npm reads them', () => {
    it('a loose version npm reads as a version, and an npm: spec without a name, are compared', () => {
      const root = tempDir('pg-npm-specs-');
      temps.push(root);
      fs.writeFileSync(
        path.join(root, 'package.json'),
        JSON.stringify({ name: 'x', dependencies: { 'is-number': '9999.0000.9999', semver: 'npm:^6.0.0' } }, null, 2),
      );
      assert.deepEqual(uses(scan(root)), [
        'package.json is-number 9999.0000.9999 → - (warning)',
        'package.json semver ^6.0.0 → - (warning)',
      ]);
    });
  });
});
