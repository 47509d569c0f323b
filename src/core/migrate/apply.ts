import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { forbiddenPath } from './files';
import { splitBom } from './textEdits';
import type { MigrationPlan } from './types';

/** A file changed on disk between planning and applying. Nothing was written. */
export class PlanOutdatedError extends Error {
  constructor(readonly files: readonly string[]) {
    super(`${files.join(', ')} changed since the migration was planned; nothing was written. Plan it again.`);
    this.name = 'PlanOutdatedError';
  }
}

/**
 * Writes a plan's files. Every file is checked first (still inside the root, and its text still the
 * one planned against, a byte-order mark aside); if any is not, nothing is written at all. The BOM
 * the file has on disk is kept.
 */
export function applyPlan(root: string, plan: MigrationPlan): { written: string[] } {
  const realRoot = fs.realpathSync.native(root);
  const writes: Array<{ file: string; abs: string; text: string }> = [];
  const outdated: string[] = [];
  for (const f of plan.files) {
    const refused = forbiddenPath(f.file);
    if (refused) throw new Error(`${f.file}: ${refused}; nothing was written`);
    let abs: string;
    let current: string;
    try {
      abs = fs.realpathSync.native(path.join(root, f.file));
      current = fs.readFileSync(abs, 'utf8');
    } catch {
      outdated.push(f.file);
      continue;
    }
    const rel = path.relative(realRoot, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${f.file} leads outside the repository; nothing was written`);
    const now = splitBom(current);
    if (now.body !== splitBom(f.before).body) {
      outdated.push(f.file);
      continue;
    }
    writes.push({ file: f.file, abs, text: now.bom + splitBom(f.after).body });
  }
  if (outdated.length > 0) throw new PlanOutdatedError(outdated);
  for (const w of writes) fs.writeFileSync(w.abs, w.text, 'utf8');
  return { written: writes.map((w) => w.file) };
}

/** The plan as one unified diff (`a/` and `b/` prefixes, paths relative to the root), for `git apply`. */
export function unifiedDiff(plan: MigrationPlan): string {
  // `--- a/…` and `+++ b/…` only: no `Index:` or `====` lines, so `git apply` and `patch -p1` read it.
  const headerOptions = { includeIndex: false, includeUnderline: false, includeFileHeaders: true };
  return plan.files
    .map((f) => createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.before, f.after, undefined, undefined, { context: 3, headerOptions }))
    .join('');
}
