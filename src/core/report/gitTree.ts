import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { formatBytes } from '../catalog/reporter';
import type { FileSource } from '../scan';
import type { ReadResult } from '../safeRead';
import { git, GIT_ENV } from './git';

/**
 * A past commit's files, read from git's object store: nothing is checked out, the working tree and
 * the index are never touched. `git ls-tree` lists a commit's tree; one long-lived
 * `git cat-file --batch` per repository hands out the blobs, so a history of many points costs one
 * process for all its files, not one per file.
 */

/** One file of a commit's tree. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (a symbolic link: the blob is its target). */
  readonly mode: string;
  readonly oid: string;
  readonly size: number;
  /** POSIX, relative to the repository's root. */
  readonly path: string;
}

/** The commit of the first-parent line of HEAD that was current at the end of `date` (UTC), with its committer date. */
export function commitAt(dir: string, date: string): { commit: string; date: string } | { error: string } | undefined {
  const r = git(dir, ['log', '-1', '--first-parent', `--before=${date} 23:59:59 +0000`, '--format=%H %cI', 'HEAD']);
  if (r.error) return { error: r.error };
  if (!r.out) return undefined; // the repository had no commit yet
  const [commit, when] = r.out.split(' ');
  return { commit: commit!, date: when! };
}

/** Every file of the commit's tree (submodules are other repositories: left out). */
export function listTree(dir: string, commit: string): TreeEntry[] | { error: string } {
  const r = git(dir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit], { trim: false, maxBuffer: 1024 * 1024 * 1024 });
  if (r.error) return { error: r.error };
  const entries: TreeEntry[] = [];
  for (const line of (r.out ?? '').split('\0')) {
    // `<mode> <type> <oid> <size padded>\t<path>`
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
    if (type !== 'blob' || !mode || !oid) continue;
    entries.push({ mode, oid, size: Number(size), path: line.slice(tab + 1) });
  }
  return entries;
}

/** Links followed inside one tree before giving up, as the kernel's own limit does. */
const MAX_LINK_HOPS = 8;

/**
 * A commit's tree as a scan's file source. The scan reads synchronously, so the blobs it will want
 * are fetched first (`fetch`), and `read` serves them from memory. Links are followed within the
 * tree, never out of it, with the safe reader's words.
 */
export class TreeSource implements FileSource {
  readonly files: readonly string[];
  private readonly byPath: Map<string, TreeEntry>;

  constructor(
    entries: readonly TreeEntry[],
    private readonly blobs: ReadonlyMap<string, Buffer>,
  ) {
    this.byPath = new Map(entries.map((e) => [e.path, e]));
    this.files = entries.map((e) => e.path);
  }

  read(file: string, maxBytes: number): ReadResult {
    const target = this.resolve(file);
    if ('reason' in target) return { ok: false, reason: target.reason };
    if (target.entry.size > maxBytes) return { ok: false, reason: `it is larger than ${formatBytes(maxBytes)}; not read`, tooLarge: true };
    const bytes = this.blobs.get(target.entry.oid);
    return bytes ? { ok: true, bytes } : { ok: false, reason: 'git could not read it from the commit' };
  }

  /** The regular file a path stands for, following links inside the tree. */
  resolve(file: string): { entry: TreeEntry } | { reason: string } {
    let at = file;
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const entry = this.byPath.get(at);
      if (!entry) return { reason: 'no such file' };
      if (entry.mode !== '120000') return { entry };
      const link = this.blobs.get(entry.oid)?.toString('utf8');
      if (link === undefined) return { reason: 'git could not read it from the commit' };
      const next = path.posix.normalize(path.posix.join(path.posix.dirname(at), link));
      if (path.posix.isAbsolute(link) || next === '..' || next.startsWith('../')) {
        return { reason: 'it is a symbolic link to a place outside the repository; not followed' };
      }
      at = next;
    }
    return { reason: 'it is a symbolic link that loops or changed while being read; not followed' };
  }

  /**
   * The blobs reading `files` still needs: their own, or along a link the next one (a link's
   * target is known only once the link is read, so a caller asks again until nothing is missing).
   * Files over `maxBytes` are never fetched: `read` refuses them by their listed size.
   */
  missing(files: readonly string[], maxBytes: number): string[] {
    const oids = new Set<string>();
    for (const f of files) {
      let at = f;
      for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
        const entry = this.byPath.get(at);
        if (!entry || (entry.mode !== '120000' && entry.size > maxBytes)) break;
        const link = this.blobs.get(entry.oid);
        if (!link) {
          oids.add(entry.oid);
          break;
        }
        if (entry.mode !== '120000') break;
        at = path.posix.normalize(path.posix.join(path.posix.dirname(at), link.toString('utf8')));
      }
    }
    return [...oids];
  }
}

/**
 * One `git cat-file --batch` for a repository: each request writes an object id, the answer is its
 * header and bytes. Answers come in request order, so a queue pairs them.
 */
export class GitObjects {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (b: Buffer | undefined) => void; reject: (e: Error) => void }> = [];
  private header: Buffer = Buffer.alloc(0);
  private body: { buf: Buffer; filled: number } | undefined;
  private failure: Error | undefined;
  private stderr = '';

  constructor(dir: string) {
    this.child = spawn('git', ['-C', dir, 'cat-file', '--batch'], { env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000)));
    this.child.on('error', (e) => this.fail(new Error(`cannot run git: ${e.message}`)));
    this.child.on('close', (code) => this.fail(new Error(`git cat-file stopped (${this.stderr.trim().split('\n')[0] || `exit ${code}`})`)));
    // A write after git died must fail the requests, not the process.
    this.child.stdin.on('error', (e) => this.fail(e));
  }

  /** The objects' bytes by id; an id git does not have is left out. */
  async readAll(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const answers = oids.map((oid) => this.read(oid));
    const bytes = await Promise.all(answers);
    const out = new Map<string, Buffer>();
    oids.forEach((oid, i) => {
      const b = bytes[i];
      if (b) out.set(oid, b);
    });
    return out;
  }

  read(oid: string): Promise<Buffer | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  /** Parses the answers as they stream in; a blob's bytes are copied once, into a buffer of its size. */
  private take(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body) {
        const n = Math.min(this.body.buf.length - this.body.filled, chunk.length - at);
        chunk.copy(this.body.buf, this.body.filled, at, at + n);
        this.body.filled += n;
        at += n;
        if (this.body.filled === this.body.buf.length) {
          // The answer ends with a newline that is not part of the object.
          const bytes = this.body.buf.subarray(0, this.body.buf.length - 1);
          this.body = undefined;
          this.waiting.shift()?.resolve(bytes);
        }
        continue;
      }
      const nl = chunk.indexOf(10, at);
      if (nl < 0) {
        this.header = Buffer.concat([this.header, chunk.subarray(at)]);
        return;
      }
      const line = Buffer.concat([this.header, chunk.subarray(at, nl)]).toString('utf8');
      this.header = Buffer.alloc(0);
      at = nl + 1;
      // `<oid> <type> <size>`, or `<oid> missing` / `<oid> ambiguous`.
      const size = /^\S+ \S+ (\d+)$/.exec(line)?.[1];
      if (size === undefined) this.waiting.shift()?.resolve(undefined);
      else this.body = { buf: Buffer.allocUnsafe(Number(size) + 1), filled: 0 };
    }
  }
}
