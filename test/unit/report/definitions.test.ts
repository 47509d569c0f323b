import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../src/core/catalog';
import { repositorySnapshot } from '../../../src/core/report/snapshot';
import { scanWorkspace } from '../../../src/core/scan';

const PROJECT = path.join(__dirname, '..', '..', 'fixtures', 'ecosystems', 'jvm-modules');

describe('report: a use whose version a parent pom or gradle.properties defines', () => {
  it('carries its finding’s message and sunset, though the finding is put on the definition', () => {
    const file = path.join(PROJECT, 'catalog.yaml');
    const catalog = mergeCatalogs([parseCatalogText(file, fs.readFileSync(file, 'utf8')).document!]).catalog;
    const scan = scanWorkspace({ root: PROJECT, catalog, today: '2026-11-30' });
    const repo = repositorySnapshot(PROJECT, scan, catalog, undefined, '2026-11-30', { remote: null, commit: null, date: null });
    assert.deepEqual(
      repo.uses.map((u) => [u.file, u.package, u.version, u.severity, u.message?.replace(/ is deprecated: .*/, '') ?? null]),
      [
        ['billing/pom.xml', 'io.acme:acme-core', '1.8.0', 'error', 'io.acme:acme-core 1.8.0'],
        ['ledger/app/build.gradle', 'io.acme:acme-core', '1.9.0', 'error', 'io.acme:acme-core 1.9.0'],
        ['ledger/worker/build.gradle.kts', 'io.acme:acme-core', '1.9.0', 'error', 'io.acme:acme-core 1.9.0'],
        ['orders/pom.xml', 'io.acme:acme-core', '1.8.0', 'error', 'io.acme:acme-core 1.8.0'],
        ['orders/pom.xml', 'io.acme:platform-bom', '2.3.0', 'warning', 'io.acme:platform-bom 2.3.0'],
      ],
    );
  });
});
