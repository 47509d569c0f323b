import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBytes } from './catalog/reporter';

/**
 * The one way the engine reads a file it did not choose: a repository's manifests, lockfiles,
 * catalogs and `.platform-guide.yaml`, or a catalog path a user gave. A repository is hostile
 * input: a `package.json` that is a link to `/dev/zero` or a FIFO would hang a scan or fill the
 * memory, and a catalog that is a link to `~/.npmrc` would read a file the repository has no
 * business with. So only regular files are read, the cap holds on the bytes actually read (a
 * `stat` taken before the open proves nothing: the file can change or lie in between), and a
 * repository file whose real path leaves the repository is not read at all.
 *
 * Synchronous, like the scan: the caps keep each read short.
 */

/** package.json and pnpm-workspace.yaml: real ones are a few KB. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
/** Lockfiles of large monorepos reach tens of MB. */
export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly bytes: Buffer }
  /** `missing`: no such file (or a link to nothing); `tooLarge`: over the cap, so callers can say what to do. */
  | { readonly ok: false; readonly reason: string; readonly missing?: true; readonly tooLarge?: true };

/**
 * Reads `rel` (relative to `root`, either separator) when it is a regular file of at most
 * `maxBytes` whose real path stays inside `root`. A link inside the repository is followed; one
 * that leads out is refused before anything is opened. `reason` says why not, in words for a user
 * ("a symbolic link to a place outside the repository; not followed").
 */
export function readRepoFile(root: string, rel: string, maxBytes: number): ReadResult {
  return new RepoReader(root).read(rel, maxBytes);
}

/**
 * `readRepoFile` for many files of one root (a scan): the root's real path is resolved once, and a
 * file the walk saw as not a link is opened without resolving its real path at all. That is safe
 * because the walk enters no linked folder, so such a path has no link anywhere in it below the
 * root, and `O_NOFOLLOW` refuses its last component if it became a link since the walk.
 */
export class RepoReader {
  private realRoot: string | undefined;
  /** The root with a separator after it: a walked path is appended to it as it is. */
  private prefix: string | undefined;

  /** `walked.regular`: the files the walk saw as regular files (not links); others get the full check. */
  constructor(
    private readonly root: string,
    private readonly walked?: { readonly regular: ReadonlySet<string> },
  ) {}

  read(rel: string, maxBytes: number): ReadResult {
    // A path the walk listed is relative, below the root and free of `..` by construction.
    if (this.walked?.regular.has(rel)) {
      this.prefix ??= this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
      return readWalkedFile(this.prefix + rel, maxBytes);
    }
    const segments = rel.split(/[\\/]/);
    if (rel === '' || path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || segments.includes('..')) {
      return refuse('it is outside the repository; not read');
    }
    let real: string;
    try {
      this.realRoot ??= fs.realpathSync.native(this.root);
      real = fs.realpathSync.native(path.join(this.root, rel));
    } catch (e) {
      return errnoFailure(e);
    }
    const inside = path.relative(this.realRoot, real);
    if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
      return refuse('it is a symbolic link to a place outside the repository; not followed');
    }
    return readRegularFile(real, maxBytes, { noFollow: true });
  }
}

/**
 * Reads a file a user named (a `--catalog` path): links are followed, since the user chose the
 * path, but it must still be a regular file within the cap. With `noFollow`, a last path component
 * that is a link (one that appeared since the caller resolved it) is refused.
 */
export function readRegularFile(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): ReadResult {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  // Both flags are 0 where the platform has none (Windows has no FIFOs to open by path).
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (options.noFollow ? (fs.constants.O_NOFOLLOW ?? 0) : 0);
  return withOpenFile(file, flags, (fd) => {
    const stat = fs.fstatSync(fd);
    const kind = notRegular(stat);
    if (kind) return refuse(`it is ${kind}, not a regular file; not read`);
    return readCapped(fd, maxBytes, stat.size);
  });
}

/** Opens `file`, reads it with `read`, closes it; a failure to open or read is a result that says why. */
function withOpenFile(file: string, flags: number, read: (fd: number) => ReadResult): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, flags);
  } catch (e) {
    return errnoFailure(e);
  }
  try {
    return read(fd);
  } catch (e) {
    return errnoFailure(e);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file the walk saw as a regular file, not a link: opened without following a link and without
 * waiting on a pipe, then read without an fstat. What it could have become since the walk is still
 * refused: a link (`O_NOFOLLOW`: ELOOP), a folder (EISDIR on read), a FIFO (`O_NONBLOCK`: nothing to
 * read, or EAGAIN); the cap holds on the bytes read, as always.
 */
function readWalkedFile(file: string, maxBytes: number): ReadResult {
  return withOpenFile(file, WALKED_FLAGS, (fd) => {
    // One read into a buffer kept for the next file; a manifest comes back as a copy of its size.
    scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    const first = Math.min(SCRATCH_BYTES, maxBytes + 1);
    const n = fs.readSync(fd, scratch, 0, first, null);
    if (n > maxBytes) return tooLarge(maxBytes);
    const head = Buffer.allocUnsafe(n);
    scratch.copy(head, 0, 0, n);
    return n < first ? { ok: true, bytes: head } : readCapped(fd, maxBytes, 64 * 1024, head);
  });
}

const WALKED_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);
const SCRATCH_BYTES = 64 * 1024;
let scratch: Buffer | undefined;

/**
 * Reads to the end, but never more than `maxBytes + 1` bytes: the file may have grown since fstat,
 * or report no size at all. The first buffer fits the size fstat gave plus one byte (to see the end
 * at once), so a scan of thousands of small manifests allocates what it reads, not the cap. After a
 * first read made elsewhere (`head`, readWalkedFile), it goes on in chunks of 64 KB.
 */
function readCapped(fd: number, maxBytes: number, sizeHint: number, head?: Buffer): ReadResult {
  const chunks: Buffer[] = head ? [head] : [];
  let total = head?.length ?? 0;
  let next = Math.min(Math.max(sizeHint, 0) + 1, maxBytes + 1 - total);
  for (;;) {
    const chunk = Buffer.allocUnsafe(next);
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) return tooLarge(maxBytes);
    // A regular file reads short only at its end: no second call to learn that it returns nothing.
    if (n < chunk.length) break;
    next = Math.min(64 * 1024, maxBytes + 1 - total);
  }
  return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
}

function tooLarge(maxBytes: number): ReadResult {
  return { ok: false, reason: `it is larger than ${formatBytes(maxBytes)}; not read`, tooLarge: true };
}

function notRegular(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errnoFailure(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, reason: 'no such file', missing: true } : refuse(errnoReason(code, e));
}

function errnoReason(code: string | undefined, e: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'it is a symbolic link that loops or changed while being read; not followed';
    case 'EISDIR':
      return 'it is a directory, not a regular file; not read';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

function refuse(reason: string): ReadResult {
  return { ok: false, reason };
}
