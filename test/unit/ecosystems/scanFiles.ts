import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeCatalogs, parseCatalogText } from '../../../src/core/catalog';
import { scanWorkspace } from '../../../src/core/scan';
import { tempDir } from '../migrate/helpers';
import { at } from './helpers';

export interface ScannedFiles {
  readonly findings: ReturnType<typeof scanWorkspace>['findings'];
  /** Each error as `file:line` (1-based). */
  readonly errors: string[];
  /** Where a lockfile pinned each finding: `file:line text-there`. */
  readonly lockRanges: string[];
}

/**
 * Writes `files` (relative path → text) into a fresh repository, scans it against the catalog
 * written in `catalogText`, with lockfile ranges, and removes the repository again.
 */
export function scanFiles(files: Record<string, string>, catalogText: string, today = '2026-11-30'): ScannedFiles {
  const { document, problems } = parseCatalogText('catalog.yaml', catalogText);
  assert.deepEqual(problems, []);
  const catalog = mergeCatalogs([document!]).catalog!;
  const root = tempDir('pg-scan-files-');
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const r = scanWorkspace({ root, catalog, today, lockfileRanges: true });
    return {
      findings: r.findings,
      errors: r.errors.map((e) => `${e.file}:${e.range.start.line + 1}`),
      lockRanges: r.findings.flatMap((f) => (f.lockfile ? [`${f.lockfile.file}:${f.lockfile.range.start.line + 1} ${at(files[f.lockfile.file]!, f.lockfile.range)}`] : [])),
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
