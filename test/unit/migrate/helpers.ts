import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCatalogText } from '../../../src/core/catalog';
import type { Component, Migration } from '../../../src/core/catalog/model';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'migrate');

/** A catalog's component and migration, through the real parser and validator. */
export function loadMigration(catalogFile: string, ref: string): { component: Component; migration: Migration } {
  const { document, problems } = parseCatalogText(catalogFile, fs.readFileSync(catalogFile, 'utf8'));
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), [], 'the case catalog is valid');
  const [componentId, migrationId] = ref.split('/');
  const component = document!.components.find((c) => c.id === componentId)!;
  const migration = component.migrations.find((m) => m.id === migrationId)!;
  assert.ok(migration, `${ref} is in ${catalogFile}`);
  return { component, migration };
}

/** A fresh temporary folder, removed by `cleanup`. */
export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Every regular file under `dir` (POSIX paths, sorted); symbolic links are not followed or listed. */
export function listTree(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (skip(child)) continue;
      if (e.isDirectory()) visit(child);
      else if (e.isFile()) out.push(child);
    }
  };
  visit('');
  return out.sort();
}

/** Every file of `expected` is in `actual` with the same bytes, and no other file is. */
export function assertSameTree(actual: string, expected: string, skip: (rel: string) => boolean = () => false): void {
  const files = listTree(actual, skip);
  assert.deepEqual(files, listTree(expected), 'the same files');
  for (const f of files) {
    const a = fs.readFileSync(path.join(actual, f));
    const e = fs.readFileSync(path.join(expected, f));
    if (!a.equals(e)) assert.equal(JSON.stringify(a.toString('latin1')), JSON.stringify(e.toString('latin1')), `${f} byte for byte`);
  }
}

const SRC = { file: 'catalog.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** The example's component shape, for tests that build a migration in code (what the validator would refuse, too). */
export function component(): Component {
  return {
    id: 'acme-ui',
    name: 'Acme UI',
    owner: 'web',
    lifecycle: 'production',
    packages: [
      { ecosystem: 'npm', pattern: '@acme/ui', source: SRC },
      { ecosystem: 'npm', pattern: '@acme/ui-*', source: SRC },
    ],
    deprecations: [],
    migrations: [],
    source: SRC,
  };
}

type StepInput =
  | { rename: { from: string; to: string } }
  | { replace: { files: string[]; find?: string; regex?: string; with: string } }
  | { json: { files: string[]; set?: Record<string, unknown>; remove?: string[] } };

export function migration(steps: StepInput[] = [], to = '4.2.0'): Migration {
  return {
    id: 'ui-3-to-4',
    title: 'Acme UI 3 → 4',
    from: '<4.0.0',
    to,
    steps: steps.map((s) => {
      if ('rename' in s) return { kind: 'rename' as const, ...s.rename, source: SRC };
      if ('replace' in s) return { kind: 'replace' as const, ...s.replace, source: SRC };
      return { kind: 'json' as const, files: s.json.files, set: s.json.set ?? {}, remove: s.json.remove ?? [], source: SRC };
    }),
    source: SRC,
  };
}

/** Writes files (POSIX paths → text) under `root`. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  }
}
