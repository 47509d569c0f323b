import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { forbiddenPath } from './files';
import { splitBom } from './textEdits';
import type { FileEdits, MigrationPlan } from './types';

/**
 * A file changed on disk between planning and applying, and was left as it is. Found in the first
 * check, or on the last look at a file just before replacing it: then the files replaced before it
 * (`written`, often none) keep their new text.
 */
export class PlanOutdatedError extends Error {
  constructor(
    readonly files: readonly string[],
    readonly written: readonly string[] = [],
  ) {
    super(
      written.length === 0
        ? `${files.join(', ')} changed since the migration was planned; nothing was written. Plan it again.`
        : `${files.join(', ')} changed since the migration was planned and was left as it is; already written: ${written.join(', ')}. Plan it again to finish.`,
    );
    this.name = 'PlanOutdatedError';
  }
}

export interface ApplyOptions {
  /**
   * For tests only: called for each file after its new text is ready beside it and before the last
   * look at the file, which is where an editor's save could land.
   */
  readonly testHookBeforeReplace?: (file: string) => void;
}

interface Write {
  readonly file: string;
  readonly abs: string;
  /** The file's text when checked, exactly: it must still be this when it is replaced. */
  readonly current: string;
  readonly text: string;
}

/**
 * Writes a plan's files. Every file is checked first (still inside the root, and its text still the
 * one planned against, a byte-order mark aside); if any is not, nothing is written at all. Then each
 * file is replaced in turn: its new text goes to a temporary file beside it (with the original's
 * permissions), the file is read once more and, only if it is still the text checked, the
 * temporary file is renamed over it. A save that landed since the first check is kept and reported
 * (PlanOutdatedError, with the files already replaced). The manifest goes last, so a migration cut
 * short leaves its version unbumped and can be planned again. The BOM the file has on disk is kept.
 */
export function applyPlan(root: string, plan: MigrationPlan, options: ApplyOptions = {}): { written: string[] } {
  const writes = checkAll(root, plan);
  const manifestLast = [...writes.filter((w) => w.file !== plan.manifest), ...writes.filter((w) => w.file === plan.manifest)];
  const temps: string[] = [];
  const written: string[] = [];
  try {
    for (const w of manifestLast) temps.push(writeBeside(w.abs, w.text));
    for (const [i, w] of manifestLast.entries()) {
      options.testHookBeforeReplace?.(w.file);
      let now: string | undefined;
      try {
        now = fs.readFileSync(w.abs, 'utf8');
      } catch {
        now = undefined; // deleted or moved meanwhile: changed, too
      }
      if (now !== w.current) throw new PlanOutdatedError([w.file], [...written]);
      try {
        fs.renameSync(temps[i]!, w.abs);
      } catch (e) {
        const done = written.length === 0 ? 'nothing was written' : `already written: ${written.join(', ')}`;
        throw new Error(`${w.file} could not be replaced (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${done}`);
      }
      written.push(w.file);
    }
  } finally {
    // The temporary files of the files not replaced; nothing is left behind.
    for (const t of temps.slice(written.length)) fs.rmSync(t, { force: true });
  }
  return { written: writes.map((w) => w.file).filter((f) => written.includes(f)) };
}

/** The first check of every file; throws before anything is written. */
function checkAll(root: string, plan: MigrationPlan): Write[] {
  const realRoot = fs.realpathSync.native(root);
  const writes: Write[] = [];
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
    // Writing in place refused a read-only file; a rename would not: refuse it here, before any write.
    if ((fs.statSync(abs).mode & 0o222) === 0) throw new Error(`${f.file} is read-only; nothing was written. Make it writable to migrate it.`);
    const now = splitBom(current);
    if (now.body !== splitBom(f.before).body) {
      outdated.push(f.file);
      continue;
    }
    writes.push({ file: f.file, abs, current, text: now.bom + splitBom(f.after).body });
  }
  if (outdated.length > 0) throw new PlanOutdatedError(outdated);
  return writes;
}

/** A temporary file in the same folder (a rename across file systems would not be atomic) with the file's mode. */
function writeBeside(abs: string, text: string): string {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`);
  const mode = fs.statSync(abs).mode & 0o7777;
  fs.writeFileSync(tmp, text, { encoding: 'utf8', mode, flag: 'wx' });
  // The mode given at creation is narrowed by the umask: set it as the original has it.
  fs.chmodSync(tmp, mode);
  return tmp;
}

/** The plan as one unified diff (`a/` and `b/` prefixes, paths relative to the root), for `git apply`. */
export function unifiedDiff(plan: { readonly files: readonly Pick<FileEdits, 'file' | 'before' | 'after'>[] }): string {
  // `--- a/…` and `+++ b/…` only: no `Index:` or `====` lines, so `git apply` and `patch -p1` read it.
  const headerOptions = { includeIndex: false, includeUnderline: false, includeFileHeaders: true };
  return plan.files
    .map((f) => createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.before, f.after, undefined, undefined, { context: 3, headerOptions }))
    .join('');
}
