import * as fs from 'node:fs';
import * as path from 'node:path';
import { anyGlob } from '../globs';
import { ALWAYS_EXCLUDED } from '../walk';
import { LineIndex } from '../positions';
import { readRegularFile } from '../safeRead';
import { computeEdits, splitBom } from './textEdits';
import { BINARY_SNIFF_BYTES, MAX_FILE_BYTES, type FileEdits, type Skipped, type TextEdit } from './types';

/** A file the migration may edit: its text as read and the body the steps are working on. */
export interface WorkingFile {
  /** The real path (symlinks resolved), POSIX relative to the root. */
  readonly file: string;
  readonly original: string;
  readonly bom: string;
  body: string;
  /** The body after each step that changed it (0 the bump, k the k-th step), for `stepOf`. */
  readonly history: Array<{ readonly step: number; readonly body: string }>;
}

/**
 * The only way the planner touches the file system. Every file is confined to the repository: its
 * real path must stay inside the root and outside `node_modules` and `.git`; binary files, files over
 * 1 MB and text that is not UTF-8 are refused. Refusals are collected once per file as `skipped`.
 * Nothing is written here: the steps change `body`, and `changes()` turns that into edits.
 */
export class WorkingSet {
  readonly skipped: Skipped[] = [];
  private readonly realRoot: string;
  private readonly loaded = new Map<string, WorkingFile | null>();
  private readonly byReal = new Map<string, WorkingFile>();
  private readonly listings = new Map<string, string[]>();
  private readonly excluded: (p: string) => boolean;

  constructor(
    private readonly root: string,
    private readonly readText: ((relPath: string) => string | undefined) | undefined,
    exclude: readonly string[],
  ) {
    this.realRoot = fs.realpathSync.native(root);
    this.excluded = anyGlob(exclude, { dot: true });
  }

  skip(file: string, reason: string): void {
    if (!this.skipped.some((s) => s.file === file && s.reason === reason)) this.skipped.push({ file, reason });
  }

  /** The file at `rel` (POSIX, relative to the root), or undefined when it is refused or unreadable. */
  get(rel: string): WorkingFile | undefined {
    const cached = this.loaded.get(rel);
    if (cached !== undefined) return cached ?? undefined;
    const file = this.load(rel);
    this.loaded.set(rel, file ?? null);
    return file;
  }

  private load(rel: string): WorkingFile | undefined {
    const reason = forbiddenPath(rel);
    if (reason) return void this.skip(rel, reason);
    let real: string;
    try {
      real = fs.realpathSync.native(path.join(this.root, rel));
    } catch (e) {
      return void this.skip(rel, `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const realRel = path.relative(this.realRoot, real);
    if (realRel.startsWith('..') || path.isAbsolute(realRel)) {
      return void this.skip(rel, 'it is a symbolic link to a place outside the repository; refused');
    }
    const file = realRel.split(path.sep).join('/');
    const realReason = forbiddenPath(file);
    if (realReason) return void this.skip(rel, `it is a symbolic link into ${file}: ${realReason}`);
    const known = this.byReal.get(file);
    if (known) return known;
    const text = this.readText?.(file) ?? (file !== rel ? this.readText?.(rel) : undefined) ?? this.readDisk(real, rel);
    if (text === undefined) return undefined;
    if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
      return void this.skip(rel, 'larger than 1 MB; not edited');
    }
    if (text.slice(0, BINARY_SNIFF_BYTES).includes('\0')) return void this.skip(rel, 'a binary file; not edited');
    const { bom, body } = splitBom(text);
    const working: WorkingFile = { file, original: text, bom, body, history: [] };
    this.byReal.set(file, working);
    return working;
  }

  private readDisk(real: string, rel: string): string | undefined {
    // The real path is already confined to the repository; the safe reader refuses a FIFO or a
    // device there and holds the cap on the bytes it reads, not on a stat taken before.
    const read = readRegularFile(real, MAX_FILE_BYTES, { noFollow: true });
    if (!read.ok) return void this.skip(rel, read.tooLarge ? 'larger than 1 MB; not edited' : read.reason);
    const bytes = read.bytes;
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return void this.skip(rel, 'a binary file; not edited');
    try {
      // Text that is not UTF-8 would not survive a round trip: refuse it rather than change its bytes.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return void this.skip(rel, 'not UTF-8 text; not edited');
    }
  }

  /**
   * The files of the package whose root is `dir` (POSIX, relative to the root; '' for the root),
   * relative to the root and sorted. Not entered: `node_modules`, `.git`, the `exclude` globs,
   * symbolic links to folders (their targets are either outside the repository or already listed
   * under their own path), and the folders `isOtherPackage` names from the files directly in them
   * (nested packages: a folder with its own package.json, a service with its own Dockerfile): each
   * package gets its own migration run. One listing per `dir`: a plan asks with one test.
   */
  listPackage(dir: string, isOtherPackage: (folder: string, files: readonly string[]) => boolean): readonly string[] {
    let files = this.listings.get(dir);
    if (files) return files;
    files = [];
    const pending = [dir];
    while (pending.length > 0) {
      const rel = pending.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(rel === '' ? this.root : path.join(this.root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      if (rel !== dir && isOtherPackage(rel, entries.filter((e) => !e.isDirectory()).map((e) => e.name))) continue;
      for (const e of entries) {
        const child = rel === '' ? e.name : `${rel}/${e.name}`;
        if (ALWAYS_EXCLUDED.has(e.name) || this.excluded(child)) continue;
        if (e.isDirectory()) pending.push(child);
        else if (e.isFile() || (e.isSymbolicLink() && !isDirectory(path.join(this.root, child)))) files.push(child);
      }
    }
    files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.listings.set(dir, files);
    return files;
  }

  /** Notes which files the step just run (0 the bump, k the k-th step) changed. */
  checkpoint(step: number): void {
    for (const f of this.byReal.values()) {
      const last = f.history.at(-1)?.body ?? splitBom(f.original).body;
      if (f.body !== last) f.history.push({ step, body: f.body });
    }
  }

  /** Every file whose text changed, as minimal edits against the text first read. */
  changes(): FileEdits[] {
    const out: FileEdits[] = [];
    for (const f of this.byReal.values()) {
      const after = f.bom + f.body;
      if (after === f.original) continue;
      const edits = computeEdits(f.original, after);
      out.push({ file: f.file, edits, stepOf: stepsOf(f, edits), before: f.original, after });
    }
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
}

/**
 * For each final edit, the first step whose result differs from the original text there: each
 * snapshot is diffed against the original, so its edits are in the same coordinates as the final
 * ones, whatever the steps before it moved. An editor groups a preview by it.
 */
function stepsOf(f: WorkingFile, edits: readonly TextEdit[]): number[] {
  const only = f.history.length === 1 ? f.history[0]!.step : undefined;
  if (only !== undefined || f.history.length === 0) return edits.map(() => only ?? 0);
  const original = splitBom(f.original).body;
  const index = new LineIndex(original);
  const span = (e: TextEdit): [number, number] => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)];
  const touched = f.history.map((h) => ({ step: h.step, spans: computeEdits(original, h.body).map(span) }));
  const meets = ([a, b]: [number, number], [s, t]: [number, number]) => (a < t && s < b) || ((a === b || s === t) && a <= t && s <= b);
  return edits.map((e) => {
    const at = span(e);
    return touched.find((h) => h.spans.some((x) => meets(x, at)))?.step ?? f.history.at(-1)!.step;
  });
}

/** Why a POSIX relative path may never be edited, or undefined. */
export function forbiddenPath(rel: string): string | undefined {
  const segments = rel.split('/');
  if (path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || segments.includes('..')) return 'outside the repository; refused';
  const kept = segments.find((s) => ALWAYS_EXCLUDED.has(s));
  return kept ? `${kept} is never edited` : undefined;
}

/**
 * Why a step's glob is refused, or undefined. The catalog validator already rejects these; the
 * planner checks again because a catalog can reach it by other ways than the validator.
 */
export function unsafeGlob(glob: string): string | undefined {
  if (glob === '') return 'an empty glob matches nothing';
  if (/^[\\/]/.test(glob) || /^[A-Za-z]:/.test(glob)) return `the glob '${glob}' is absolute; globs are relative to the folder the migration runs in`;
  if (glob.split(/[\\/]/).includes('..')) return `the glob '${glob}' reaches outside the folder the migration runs in with '..'`;
  return undefined;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false; // a dangling link: listed, then reported when read
  }
}
