import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile, readRepoFile, RepoReader, type ReadResult } from '../../../src/core/safeRead';
import { walk } from '../../../src/core/walk';

const POSIX = process.platform !== 'win32';
const text = (r: ReadResult): string => (r.ok ? r.bytes.toString('utf8') : assert.fail(`refused: ${r.reason}`));
const reason = (r: ReadResult): string => (r.ok ? assert.fail('read, but should have been refused') : r.reason);

describe('safeRead: repository files are regular files inside the repository, within a cap', () => {
  let tmp: string;
  let root: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-saferead-'));
    root = path.join(tmp, 'repo');
    fs.mkdirSync(path.join(root, 'a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a', 'package.json'), '{"name":"a"}');
    fs.writeFileSync(path.join(tmp, 'secret'), 'token=npm_s3cret');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads a file, and a file through a link that stays inside the repository', function () {
    assert.equal(text(readRepoFile(root, 'a/package.json', 100)), '{"name":"a"}');
    if (!POSIX) this.skip();
    fs.symlinkSync('a/package.json', path.join(root, 'linked.json'));
    fs.symlinkSync('a', path.join(root, 'b'));
    assert.equal(text(readRepoFile(root, 'linked.json', 100)), '{"name":"a"}');
    assert.equal(text(readRepoFile(root, 'b/package.json', 100)), '{"name":"a"}');
  });

  it('refuses a path or a link that leaves the repository, before reading anything', function () {
    assert.equal(reason(readRepoFile(root, '../secret', 100)), 'it is outside the repository; not read');
    assert.equal(reason(readRepoFile(root, path.join(tmp, 'secret'), 100)), 'it is outside the repository; not read');
    if (!POSIX) this.skip();
    fs.symlinkSync(path.join(tmp, 'secret'), path.join(root, 'catalog.yaml'));
    fs.symlinkSync('/dev/zero', path.join(root, 'zero.json'));
    fs.symlinkSync(tmp, path.join(root, 'up'));
    for (const rel of ['catalog.yaml', 'zero.json', 'up/secret']) {
      assert.equal(reason(readRepoFile(root, rel, 100)), 'it is a symbolic link to a place outside the repository; not followed', rel);
    }
  });

  it('refuses a FIFO without waiting for a writer, and a directory', function () {
    if (!POSIX) this.skip();
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    fs.symlinkSync('pipe', path.join(root, 'package.json'));
    assert.equal(reason(readRepoFile(root, 'pipe', 100)), 'it is a named pipe (FIFO), not a regular file; not read');
    assert.equal(reason(readRepoFile(root, 'package.json', 100)), 'it is a named pipe (FIFO), not a regular file; not read');
    assert.equal(reason(readRepoFile(root, 'a', 100)), 'it is a directory, not a regular file; not read');
    assert.equal(reason(readRegularFile('/dev/zero', 100)), 'it is a device, not a regular file; not read');
  });

  it('holds the cap on the bytes read, not on the size a stat reports', function () {
    fs.writeFileSync(path.join(root, 'big.json'), 'x'.repeat(101));
    const big = readRepoFile(root, 'big.json', 100);
    assert.equal(reason(big), 'it is larger than 100 bytes; not read');
    assert.equal(!big.ok && big.tooLarge, true);
    assert.equal(text(readRepoFile(root, 'big.json', 101)).length, 101);
    // /proc files report a size of 0 and hold more: only what is read counts.
    if (!fs.existsSync('/proc/self/status') || fs.statSync('/proc/self/status').size !== 0) this.skip();
    assert.equal(reason(readRegularFile('/proc/self/status', 16)), 'it is larger than 16 bytes; not read');
  });

  it('says a missing file is missing', () => {
    const r = readRepoFile(root, 'nope.json', 100);
    assert.equal(reason(r), 'no such file');
    assert.equal(!r.ok && r.missing, true);
  });

  it('a scan\'s reader: a file the walk saw as regular is read without resolving it, but still refused if it became a link', function () {
    fs.writeFileSync(path.join(root, 'grown.json'), 'y'.repeat(300));
    const walked = walk(root, (rel) => rel.endsWith('.json'));
    assert.deepEqual([...walked.regular], ['grown.json', 'a/package.json']);
    const reader = new RepoReader(root, walked);
    assert.equal(text(reader.read('a/package.json', 100)), '{"name":"a"}');
    // Its first buffer fits the size fstat reported; a file that grew past it is still read whole, up to the cap.
    fs.appendFileSync(path.join(root, 'grown.json'), 'z');
    assert.equal(text(reader.read('grown.json', 301)).length, 301);
    assert.equal(reason(reader.read('grown.json', 300)), 'it is larger than 300 bytes; not read');
    if (!POSIX) this.skip();
    // Swapped for a link to a secret between the walk and the read: O_NOFOLLOW refuses it.
    fs.rmSync(path.join(root, 'a', 'package.json'));
    fs.symlinkSync(path.join(tmp, 'secret'), path.join(root, 'a', 'package.json'));
    assert.equal(reason(reader.read('a/package.json', 100)), 'it is a symbolic link that loops or changed while being read; not followed');
    // A file the walk did not list gets the full check.
    fs.symlinkSync(path.join(tmp, 'secret'), path.join(root, 'other.json'));
    assert.equal(reason(reader.read('other.json', 100)), 'it is a symbolic link to a place outside the repository; not followed');
  });

  it("a scan's reader: a walked file is read whole past its first read, within the cap, and refused if it became a folder or a pipe", function () {
    const sizes = [0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000];
    for (const n of sizes) fs.writeFileSync(path.join(root, `f${n}.json`), Buffer.alloc(n, 0x61 + (n % 26)));
    const walked = walk(root, (rel) => /^f\d+\.json$/.test(rel));
    const reader = new RepoReader(root, walked);
    for (const n of sizes) {
      assert.ok(walked.regular.has(`f${n}.json`));
      const read = reader.read(`f${n}.json`, 1_000_000);
      assert.ok(read.ok, `${n} bytes`);
      assert.deepEqual(read.bytes, fs.readFileSync(path.join(root, `f${n}.json`)), `${n} bytes, byte for byte`);
      for (const cap of [n - 1, n]) {
        if (cap < 0) continue;
        const capped = reader.read(`f${n}.json`, cap);
        assert.equal(capped.ok, cap >= n, `${n} bytes under a cap of ${cap}`);
      }
    }
    if (!POSIX) this.skip();
    fs.rmSync(path.join(root, 'f1.json'));
    fs.mkdirSync(path.join(root, 'f1.json'));
    assert.equal(reason(reader.read('f1.json', 100)), 'it is a directory, not a regular file; not read');
    fs.rmSync(path.join(root, 'f0.json'));
    execFileSync('mkfifo', [path.join(root, 'f0.json')]);
    // Nothing to wait for: no writer, so the pipe reads empty at once.
    const start = Date.now();
    const piped = reader.read('f0.json', 100);
    assert.ok(Date.now() - start < 1000);
    assert.ok(!piped.ok || piped.bytes.length === 0);
  });
});
