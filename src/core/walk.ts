import * as fs from 'node:fs';
import * as path from 'node:path';
import { anyGlob } from './globs';

/** Folders never entered, whatever the configuration says. */
export const ALWAYS_EXCLUDED = new Set(['node_modules', '.git']);

export interface WalkResult {
  /** Every wanted file, as POSIX paths relative to the root, in walk order (a folder's files before its subfolders'). */
  readonly files: string[];
  /** The files among them that were regular files, not links: the safe reader need not resolve those. */
  readonly regular: Set<string>;
}

/**
 * Lists the files of interest under `root` (`wanted` sees each file's POSIX path relative to the
 * root, so it can tell `.github/workflows/ci.yml` from `ci.yml`), pruning `node_modules`, `.git` and the `exclude` globs
 * (relative to the root). Synchronous on purpose: a directory walk of many small folders is several
 * times faster with the synchronous calls, and callers that must stay responsive run it in a worker
 * or accept one short pause.
 */
export function walk(root: string, wanted: (relPath: string) => boolean, exclude: readonly string[] = []): WalkResult {
  const excluded = excludeMatcher(exclude);
  const files: string[] = [];
  const regular = new Set<string>();
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(rel === '' ? root : path.join(root, rel), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to report, nothing to scan
    }
    // Sorted so the order of findings and errors never depends on the file system.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!ALWAYS_EXCLUDED.has(e.name) && !excluded(child)) subfolders.push(child);
      } else if ((e.isFile() || e.isSymbolicLink()) && wanted(child) && !excluded(child)) {
        // A link is listed, never followed here: the safe reader (safeRead.ts) reads it only when
        // its target is a regular file inside the root, and says why not otherwise. Links to
        // folders are not entered. FIFOs, devices and sockets are not listed at all.
        files.push(child);
        if (e.isFile()) regular.add(child);
      }
    }
    for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]!);
  }
  return { files, regular };
}

function excludeMatcher(exclude: readonly string[]): (rel: string) => boolean {
  return anyGlob(exclude, { dot: true });
}

/**
 * Whether the walk would skip this file (POSIX, relative to the root): inside `node_modules` or
 * `.git`, or in a folder or at a path that an `exclude` glob matches. For files that reach the
 * engine another way, such as a document opened in an editor.
 */
export function isExcluded(file: string, exclude: readonly string[] = []): boolean {
  return exclusion(exclude)(file);
}

/** `isExcluded` with the globs compiled once, for many files (a tree read from git). */
export function exclusion(exclude: readonly string[] = []): (file: string) => boolean {
  const excluded = excludeMatcher(exclude);
  return (file) => {
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (i < parts.length && ALWAYS_EXCLUDED.has(parts[i - 1]!)) return true;
      if (excluded(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}

/**
 * Paths of one tree (POSIX, relative) in the order `walk` lists them: a folder's files before its
 * subfolders, each sorted by name. Some ecosystems need it (a workspace root's package.json is read
 * before its members).
 */
export function walkOrder(files: readonly string[]): string[] {
  const split = new Map(files.map((f) => [f, f.split('/')]));
  return [...files].sort((a, b) => {
    const [pa, pb] = [split.get(a)!, split.get(b)!];
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      const fileA = i === pa.length - 1;
      const fileB = i === pb.length - 1;
      if (fileA !== fileB) return fileA ? -1 : 1;
      if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
    }
    return pa.length - pb.length;
  });
}
