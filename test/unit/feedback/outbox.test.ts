import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Outbox, deliver, type AutomaticChannel, type OutboxOptions } from '../../../src/core/feedback';
import { Receiver, accepted, clock, drop, ok, payload, sequence, silent, status, tempDir } from './helpers';

describe('Outbox (a real receiver on 127.0.0.1)', () => {
  let rx: Receiver;
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let time: ReturnType<typeof clock>;
  let warnings: string[];
  let hook: AutomaticChannel;

  const open = (extra: Partial<OutboxOptions> = {}): Outbox =>
    new Outbox({
      file,
      now: time.now,
      random: () => 0.5,
      onWarning: (m) => warnings.push(m),
      deliver: (c, p) => deliver(c, p, { timeoutMs: 300 }),
      ...extra,
    });
  const keys = (): string[] => rx.requests.map((r) => String(r.headers['idempotency-key']));

  before(async () => {
    rx = await new Receiver().start();
  });
  beforeEach(() => {
    tmp = tempDir();
    file = tmp.file('outbox.json');
    time = clock();
    warnings = [];
    hook = { kind: 'webhook', url: `${rx.base}/hook` };
    rx.reset(ok);
  });
  afterEach(() => tmp.remove());
  after(() => rx.stop());

  it('saves the entry on disk before the first request, delivers it, and reports the tracking link', async () => {
    const seenOnDisk: number[] = [];
    rx.reset((_req, res) => {
      seenOnDisk.push((JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] }).entries.length);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"url":"https://feedback.acme.dev/t/7"}');
    });
    const outbox = open();
    const p = payload();
    const [item] = accepted(await outbox.enqueue(p, [hook]));
    assert.equal(item!.submissionId, p.id);
    assert.equal(item!.destination, `webhook at ${new URL(rx.base).host}`);
    assert.equal(await outbox.pendingCount(), 1);
    const report = await outbox.processDue();
    assert.deepEqual(seenOnDisk, [1]);
    assert.deepEqual(report.delivered, [{ id: item!.id, submissionId: p.id, destination: item!.destination, url: 'https://feedback.acme.dev/t/7' }]);
    assert.equal(report.pending, 0);
    assert.equal(report.busy, false);
    assert.deepEqual(await outbox.list(), []);
    assert.equal(await outbox.nextDueIn(), undefined);
    assert.deepEqual(warnings, []);
  });

  it('500 then 200: delivered once, with the same Idempotency-Key on both requests', async () => {
    rx.reset(sequence(status(500), ok));
    const outbox = open();
    await outbox.enqueue(payload(), [hook]);
    const first = await outbox.processDue();
    assert.equal(first.retrying.length, 1);
    assert.match(first.retrying[0]!.reason, /HTTP 500/);
    const [waiting] = await outbox.list();
    assert.equal(waiting!.attempts, 1);
    assert.equal(waiting!.nextAttempt, time.now() + 1000, 'half (random 0.5) of the 2 s ceiling');
    assert.equal(await outbox.nextDueIn(), 1000);
    assert.equal((await outbox.processDue()).attempted, 0, 'not due yet');
    time.advance(1000);
    const second = await outbox.processDue();
    assert.equal(second.delivered.length, 1);
    assert.deepEqual(keys(), [payload().id, payload().id]);
    assert.equal(await outbox.pendingCount(), 0);
  });

  it('429 with Retry-After: 2 waits at least 2 s even when the backoff is shorter', async () => {
    rx.reset(sequence(status(429, { 'retry-after': '2' }), ok));
    const outbox = open({ random: () => 0.1 });
    await outbox.enqueue(payload(), [hook]);
    const t0 = time.now();
    const report = await outbox.processDue();
    assert.ok(report.retrying[0]!.nextAttempt >= t0 + 2000, String(report.retrying[0]!.nextAttempt - t0));
    assert.equal(await outbox.nextDueIn(), 2000);
    time.advance(1999);
    assert.equal((await outbox.processDue()).attempted, 0);
    time.advance(1);
    assert.equal((await outbox.processDue()).delivered.length, 1);
    assert.equal(rx.requests.length, 2);
  });

  it('backs off exponentially with full jitter, capped at 15 minutes', async () => {
    rx.reset(status(503));
    const outbox = open({ random: () => 0.999999 });
    await outbox.enqueue(payload(), [hook]);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await outbox.processDue();
      waits.push(Math.round((r.retrying[0]!.nextAttempt - time.now()) / 1000));
      time.set(r.retrying[0]!.nextAttempt);
    }
    assert.deepEqual(waits, [2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
  });

  it('a server that never answers: the attempt times out and is retried later', async () => {
    rx.reset(sequence(silent, ok));
    const outbox = open();
    await outbox.enqueue(payload(), [hook]);
    const r = await outbox.processDue();
    assert.match(r.retrying[0]!.reason, /no answer within 0\.3 s/);
    time.advance(60_000);
    assert.equal((await outbox.processDue()).delivered.length, 1);
    assert.deepEqual(keys(), [payload().id, payload().id]);
  });

  it('a dropped connection is retried', async () => {
    rx.reset(sequence(drop, ok));
    const outbox = open();
    await outbox.enqueue(payload(), [hook]);
    assert.match((await outbox.processDue()).retrying[0]!.reason, /network error/);
    time.advance(60_000);
    assert.equal((await outbox.processDue()).delivered.length, 1);
  });

  it('a final 400 keeps the entry as failed with its reason, never retried until the user asks', async () => {
    rx.reset(sequence(status(400, {}, 'unknown team'), ok));
    const outbox = open();
    const [item] = accepted(await outbox.enqueue(payload(), [hook]));
    const r = await outbox.processDue();
    assert.deepEqual(r.failed, [{ id: item!.id, submissionId: item!.submissionId, destination: item!.destination, reason: 'the webhook answered HTTP 400 Bad Request: unknown team' }]);
    time.advance(24 * 60 * 60_000);
    assert.equal((await outbox.processDue()).attempted, 0);
    assert.equal(rx.requests.length, 1);
    const [failed] = await outbox.list();
    assert.equal(failed!.state, 'failed');
    assert.equal(failed!.lastError, 'the webhook answered HTTP 400 Bad Request: unknown team');
    assert.equal(await outbox.pendingCount(), 0);
    assert.equal(await outbox.nextDueIn(), undefined);

    assert.equal(await outbox.retryNow(item!.id), 1);
    assert.equal(await outbox.nextDueIn(), 0);
    assert.equal((await outbox.processDue()).delivered.length, 1);
    assert.deepEqual(keys(), [payload().id, payload().id]);
  });

  it('discard removes by entry id or by submission id', async () => {
    const outbox = open();
    const second = { kind: 'webhook', url: `${rx.base}/other` } as const;
    const [a] = accepted(await outbox.enqueue(payload(), [hook, second]));
    await outbox.enqueue(payload({ id: 'b' }), [hook]);
    assert.equal(await outbox.discard(a!.id), 1);
    assert.equal(await outbox.discard(payload().id), 1);
    assert.equal(await outbox.discard('nothing'), 0);
    assert.deepEqual((await outbox.list()).map((i) => i.submissionId), ['b']);
  });

  it('one entry per (submission, channel); enqueuing again, even after delivery, sends nothing twice', async () => {
    const outbox = open();
    const other = { kind: 'webhook', url: `${rx.base}/second` } as const;
    assert.equal(accepted(await outbox.enqueue(payload(), [hook, other])).length, 2);
    assert.equal(accepted(await outbox.enqueue(payload(), [hook, other])).length, 2);
    assert.equal((await outbox.list()).length, 2);
    await outbox.processDue();
    assert.deepEqual(accepted(await outbox.enqueue(payload(), [hook])), []);
    await outbox.processDue();
    assert.deepEqual(rx.requests.map((r) => r.url).sort(), ['/hook', '/second']);
  });

  it('after a restart, a new Outbox on the same file delivers what was pending', async () => {
    rx.reset(status(503));
    const before = open();
    await before.enqueue(payload(), [hook]);
    await before.enqueue(payload({ id: 'never-tried' }), [hook]);
    await before.processDue();
    rx.reset(ok);
    time.advance(60_000);
    const after = await Outbox.load(file, { now: time.now, deliver: (c, p) => deliver(c, p), onWarning: (m) => warnings.push(m) });
    assert.equal(await after.pendingCount(), 2);
    const r = await after.processDue();
    assert.equal(r.delivered.length, 2);
    assert.deepEqual(keys().slice(-2), [payload().id, 'never-tried']);
    assert.deepEqual(warnings, []);
  });

  describe('a full outbox refuses new submissions and never drops one it accepted', () => {
    const onDisk = (): string[] => (JSON.parse(readFileSync(file, 'utf8')) as { entries: Array<{ submissionId: string }> }).entries.map((e) => e.submissionId);
    const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

    it('284 submissions with the receiver down: those over the cap are refused, none of the others is lost', async () => {
      const down: AutomaticChannel = { kind: 'webhook', url: 'http://127.0.0.1:1/feedback' };
      const outbox = open({ maxBytes: 128 * 1024 });
      const kept: string[] = [];
      const refused: string[] = [];
      for (let i = 0; i < 284; i++) {
        const r = await outbox.enqueue(payload({ id: id(i), message: `submission ${i}` }), [down]);
        if (r.kind === 'accepted') kept.push(id(i));
        else {
          refused.push(id(i));
          assert.match(r.reason, /^the feedback outbox is full: \d+ undelivered entries take 12\d\.\d KB of its 128\.0 KB, and this submission needs \d+ bytes more$/);
        }
        // The editor's timer keeps trying meanwhile; every attempt fails.
        if (i % 10 === 9) {
          await outbox.processDue();
          time.advance(1000);
        }
      }
      assert.ok(kept.length > 100 && refused.length > 50, `${kept.length} kept, ${refused.length} refused`);
      assert.deepEqual(refused, Array.from({ length: refused.length }, (_, k) => id(kept.length + k)), 'once full, each later submission is refused');
      assert.deepEqual(onDisk(), kept);
      assert.deepEqual((await outbox.list()).map((i) => i.submissionId), kept);
      assert.ok(readFileSync(file).length < 128 * 1024 + 4096);
      assert.deepEqual(warnings, []);
    });

    it('a refusal saves nothing, counts failed entries, and takes the whole submission or none of it', async () => {
      rx.reset(status(400, {}, 'unknown team'));
      const second = { kind: 'webhook', url: `${rx.base}/second` } as const;
      const outbox = open({ maxBytes: 2000 });
      accepted(await outbox.enqueue(payload({ id: 'a' }), [hook]));
      accepted(await outbox.enqueue(payload({ id: 'b' }), [hook]));
      assert.equal((await outbox.processDue()).failed.length, 2);
      const before = readFileSync(file, 'utf8');
      const r = await outbox.enqueue(payload({ id: 'c' }), [hook, second]);
      assert.equal(r.kind, 'refused');
      assert.equal(readFileSync(file, 'utf8'), before);
      assert.deepEqual(onDisk(), ['a', 'b']);
      // Discarding a failed entry makes room; delivered entries leave the outbox and free theirs too.
      await outbox.discard('a');
      rx.reset(ok);
      assert.equal(accepted(await outbox.enqueue(payload({ id: 'c' }), [hook])).length, 1);
      assert.equal((await outbox.processDue()).delivered.length, 1);
      assert.deepEqual(onDisk(), ['b']);
    });
  });

  it('holds back the other entries of a destination that asked to retry', async () => {
    rx.reset(status(503, { 'retry-after': '30' }));
    const outbox = open();
    await outbox.enqueue(payload({ id: 'a' }), [hook]);
    await outbox.enqueue(payload({ id: 'b' }), [hook]);
    const r = await outbox.processDue();
    assert.equal(r.attempted, 1);
    assert.equal(rx.requests.length, 1);
    assert.deepEqual((await outbox.list()).map((i) => i.nextAttempt - time.now()), [30_000, 30_000]);
    assert.deepEqual((await outbox.list()).map((i) => i.attempts), [1, 0]);
  });

  it('gives up on an entry still not delivered after giveUpAfterMs, marking it failed', async () => {
    rx.reset(status(503));
    const outbox = open({ giveUpAfterMs: 60_000 });
    await outbox.enqueue(payload(), [hook]);
    await outbox.processDue();
    time.advance(60_000);
    const r = await outbox.processDue();
    assert.match(r.failed[0]!.reason, /^not delivered after 2 attempts: the webhook answered HTTP 503/);
  });

  it('a deliver function that throws is a retry, not a crash', async () => {
    const outbox = open({ deliver: () => Promise.reject(new Error('boom')) });
    await outbox.enqueue(payload(), [hook]);
    assert.match((await outbox.processDue()).retrying[0]!.reason, /unexpectedly: boom/);
    assert.equal(await outbox.pendingCount(), 1);
  });

  it('refuses email channels and things that are not payloads', async () => {
    const outbox = open();
    await assert.rejects(outbox.enqueue(payload(), [{ kind: 'email', address: 'a@b.co' }] as never), /mailtoUrl/);
    await assert.rejects(outbox.enqueue({ ...payload(), schema: 'x' } as never, [hook]), /not a feedback payload/);
    await assert.rejects(outbox.enqueue(payload({ id: 'a\r\nX-Evil: 1' }), [hook]), /not a feedback payload/);
  });

  it('a call made during a run gets one more run after it, which sees what was enqueued meanwhile', async () => {
    rx.reset((_req, res) => void setTimeout(() => res.writeHead(200).end(), 30));
    const outbox = open();
    await outbox.enqueue(payload({ id: 'first' }), [hook]);
    const running = outbox.processDue();
    await new Promise((r) => setTimeout(r, 10));
    await outbox.enqueue(payload({ id: 'second' }), [hook]);
    const [a, b, c] = await Promise.all([running, outbox.processDue(), outbox.processDue()]);
    assert.equal(b, c, 'calls during one run share the follow-up');
    assert.deepEqual([...a.delivered, ...b.delivered].map((d) => d.submissionId).sort(), ['first', 'second']);
    assert.equal(rx.requests.length, 2);
  });
});
