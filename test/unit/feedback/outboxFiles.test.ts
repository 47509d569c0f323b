import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { BUSY_RECHECK_MS, Outbox, createFileLock, deliver, type AutomaticChannel, type OutboxOptions } from '../../../src/core/feedback';
import { Receiver, clock, payload, tempDir } from './helpers';

/** A pid that surely belongs to no running process: one of a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid ?? 2 ** 22 + 7;
}

describe('Outbox on disk: corruption, restarts, two windows, the lock', () => {
  let rx: Receiver;
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let time: ReturnType<typeof clock>;
  let warnings: string[];
  let hook: AutomaticChannel;

  const open = (extra: Partial<OutboxOptions> = {}): Outbox =>
    new Outbox({ file, now: time.now, random: () => 0.5, onWarning: (m) => warnings.push(m), deliver: (c, p) => deliver(c, p, { timeoutMs: 2000 }), ...extra });
  const asideCopies = (): string[] => readdirSync(tmp.dir).filter((n) => n.includes('.corrupt-'));

  before(async () => {
    rx = await new Receiver().start();
  });
  beforeEach(() => {
    tmp = tempDir();
    file = tmp.file('outbox.json');
    time = clock();
    warnings = [];
    hook = { kind: 'webhook', url: `${rx.base}/hook` };
    rx.reset((_req, res) => void res.writeHead(200).end());
  });
  afterEach(() => tmp.remove());
  after(() => rx.stop());

  describe('a damaged file never crashes, and is kept aside', () => {
    const damaged: Array<[string, () => string, RegExp]> = [
      ['garbage', () => 'not json at all {', /not valid JSON/],
      ['a file cut off in the middle of a write', () => validFile().slice(0, 200), /not valid JSON/],
      ['an empty file', () => '', /was empty/],
      ['another document', () => '{"hello": "world"}', /not a platform-guide\/outbox-v1 document/],
    ];
    for (const [name, text, why] of damaged) {
      it(name, async () => {
        writeFileSync(file, text());
        const outbox = await Outbox.load(file, { now: time.now, deliver: (c, p) => deliver(c, p), onWarning: (m) => warnings.push(m) });
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!, why);
        assert.deepEqual(await outbox.list(), []);
        const [copy] = asideCopies();
        assert.match(copy!, /^outbox\.json\.corrupt-2026-11-21T10-15-00-000Z$/);
        assert.equal(readFileSync(tmp.file(copy!), 'utf8'), text());
        await outbox.enqueue(payload(), [hook]);
        assert.equal((await outbox.processDue()).delivered.length, 1);
        assert.equal(warnings.length, 1, 'warned once');
      });
    }

    it('keeps the readable entries of a partly damaged file', async () => {
      const doc = JSON.parse(validFile()) as { entries: unknown[] };
      doc.entries.push({ id: 'broken' });
      writeFileSync(file, JSON.stringify(doc));
      const outbox = await Outbox.load(file, { now: time.now, deliver: (c, p) => deliver(c, p), onWarning: (m) => warnings.push(m) });
      assert.match(warnings.join('\n'), /1 entry of the feedback outbox could not be read/);
      assert.deepEqual((await outbox.list()).map((i) => i.submissionId), [payload().id]);
      assert.equal(asideCopies().length, 1);
    });
  });

  it('writes atomically: no temp files left, owner-only permissions, the lock file removed', async () => {
    const outbox = open();
    for (let i = 0; i < 5; i++) await outbox.enqueue(payload({ id: `s${i}` }), [hook]);
    await outbox.processDue();
    assert.deepEqual(readdirSync(tmp.dir), ['outbox.json']);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  describe('two windows on one file', () => {
    it('never lose a submission saved at the same time', async () => {
      const a = open();
      const b = open();
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).enqueue(payload({ id: `s${i}` }), [hook])));
      assert.equal((await a.list()).length, 20);
    });

    it('never both send the same entry', async () => {
      rx.reset((_req, res) => void setTimeout(() => res.writeHead(200).end(), 20));
      const a = open();
      const b = open();
      for (let i = 0; i < 10; i++) await a.enqueue(payload({ id: `s${i}` }), [hook]);
      const reports = [];
      for (let round = 0; round < 5 && (await a.pendingCount()) > 0; round++) {
        reports.push(...(await Promise.all([a.processDue(), b.processDue(), a.processDue(), b.processDue()])));
      }
      const keys = rx.requests.map((r) => r.headers['idempotency-key']);
      assert.equal(keys.length, 10);
      assert.equal(new Set(keys).size, 10);
      assert.ok(reports.some((r) => r.busy), 'one window found the other sending');
      // A call made while its window is already sending shares that run's report: count each once.
      assert.equal([...new Set(reports)].reduce((n, r) => n + r.delivered.length, 0), 10);
    });

    it('three separate processes sending from one file deliver each entry exactly once', async function () {
      this.timeout(60_000);
      rx.reset((_req, res) => void setTimeout(() => res.writeHead(200).end(), 3));
      const outbox = open({ now: Date.now }); // the children run on the real clock
      for (let i = 0; i < 60; i++) await outbox.enqueue(payload({ id: `p${i}` }), [hook]);
      const run = (): Promise<{ delivered: string[]; busy: number }> =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'windowProcess.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (c: Buffer) => (out += c.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { delivered: string[]; busy: number }) : reject(new Error(`exit ${code}`))));
        });
      const results = await Promise.all([run(), run(), run()]);
      const keys = rx.requests.map((r) => String(r.headers['idempotency-key']));
      assert.equal(keys.length, 60, 'one request per entry');
      assert.equal(new Set(keys).size, 60);
      assert.deepEqual(results.flatMap((r) => r.delivered).sort(), keys.sort());
      assert.deepEqual(await outbox.list(), []);
    });

    it('a window killed while sending: another takes over at once and delivers, with the same key', async function () {
      this.timeout(30_000);
      let first = true;
      rx.reset((_req, res) => {
        if (first) first = false; // the first request never gets an answer: its sender dies waiting
        else res.writeHead(200).end();
      });
      await open({ now: Date.now }).enqueue(payload(), [hook]);
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'windowProcess.ts'), file], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('close', r));
      for (let i = 0; i < 400 && rx.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(rx.requests.length, 1, 'the child started sending');
      child.kill('SIGKILL');
      await exited;
      const r = await open({ now: Date.now }).processDue();
      assert.equal(r.delivered.length, 1);
      assert.match(warnings.join('\n'), /took over sending feedback from process \d+/);
      assert.deepEqual(rx.requests.map((q) => q.headers['idempotency-key']), [payload().id, payload().id]);
    });

    it('a window that finds another sending says busy, and asks to be called back later', async () => {
      await open().enqueue(payload(), [hook]);
      writeLease({ owner: 'other-window', pid: process.pid, host: hostname(), heartbeat: Date.now() });
      const outbox = open();
      const r = await outbox.processDue();
      assert.equal(r.busy, true);
      assert.equal(r.pending, 1);
      assert.equal(rx.requests.length, 0);
      assert.equal(await outbox.nextDueIn(), BUSY_RECHECK_MS);
    });

    for (const [name, lease] of [
      ['silent for longer than staleMs', () => ({ owner: 'gone', pid: process.pid, host: hostname(), heartbeat: Date.now() - 61_000 })],
      ['whose process has ended', () => ({ owner: 'gone', pid: deadPid(), host: hostname(), heartbeat: Date.now() })],
    ] as const) {
      it(`takes over sending from a window ${name}`, async () => {
        await open().enqueue(payload(), [hook]);
        writeLease(lease());
        const r = await open().processDue();
        assert.equal(r.delivered.length, 1);
        assert.match(warnings.join('\n'), /took over sending feedback from process/);
        assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { sender: unknown }).sender, null, 'the lease is handed back');
      });
    }
  });

  describe('the lock file', () => {
    const lockFile = (): string => `${file}.lock`;

    it('waits for a live holder, then gives up with a clear error (nothing saved)', async () => {
      writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'held' }));
      const outbox = open({ lockTimeoutMs: 200 });
      await assert.rejects(outbox.enqueue(payload(), [hook]), /stayed locked by another window/);
      assert.ok(!existsSync(file));
      assert.equal(readFileSync(lockFile(), 'utf8').includes('held'), true, 'the holder keeps its lock');
    });

    it('takes over a lock older than staleMs, or left by an ended process', async () => {
      for (const info of [
        { pid: process.pid, host: hostname(), at: Date.now() - 61_000, token: 'old' },
        { pid: deadPid(), host: hostname(), at: Date.now(), token: 'dead' },
      ]) {
        writeFileSync(lockFile(), JSON.stringify(info));
        await open({ lockTimeoutMs: 2000 }).enqueue(payload({ id: info.token }), [hook]);
        assert.ok(!existsSync(lockFile()));
      }
      assert.equal(warnings.filter((w) => /took over the feedback outbox lock/.test(w)).length, 2);
      assert.equal((await open().list()).length, 2);
    });

    it('is exclusive, and release removes only its own lock', async () => {
      const one = createFileLock(lockFile());
      const two = createFileLock(lockFile());
      assert.equal(await one.acquire(), true);
      assert.equal(await two.acquire(), false);
      await two.release();
      assert.ok(existsSync(lockFile()));
      await one.release();
      assert.equal(await two.acquire(), true);
      await two.release();
      assert.ok(!existsSync(lockFile()));
    });

    it('an injected lock is used for every change', async () => {
      let held = 0;
      let max = 0;
      const lock = {
        acquire: async () => {
          if (held > 0) return false;
          held++;
          max = Math.max(max, held);
          return true;
        },
        release: async () => void held--,
      };
      const outbox = open({ lock });
      await Promise.all([outbox.enqueue(payload({ id: 'x' }), [hook]), outbox.enqueue(payload({ id: 'y' }), [hook]), outbox.processDue()]);
      assert.equal(max, 1);
      assert.equal(held, 0);
      assert.ok(!existsSync(lockFile()));
    });
  });

  function validFile(): string {
    const p = payload();
    const entry = { id: `${p.id}/abc`, submissionId: p.id, channel: hook, payload: p, state: 'pending', attempts: 0, enqueuedAt: time.now(), nextAttempt: time.now() };
    return JSON.stringify({ schema: 'platform-guide/outbox-v1', entries: [entry], delivered: [], sender: null }, null, 1);
  }

  function writeLease(sender: unknown): void {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...doc, sender }));
  }
});
