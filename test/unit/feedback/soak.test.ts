import assert from 'node:assert/strict';
import { Outbox, deliver, type AutomaticChannel, type FeedbackPayload } from '../../../src/core/feedback';
import { Receiver, clock, payload, seeded, tempDir } from './helpers';

// PLATFORM_GUIDE_SOAK=1000 npx mocha test/unit/feedback/soak.test.ts
const N = Number(process.env.PLATFORM_GUIDE_SOAK ?? 100);

describe(`feedback soak: ${N} submissions against a receiver that fails a third of requests`, () => {
  it('delivers every submission; deduplicating by Idempotency-Key leaves exactly N', async function () {
    this.timeout(Math.max(60_000, N * 500));
    const started = Date.now();
    const chance = seeded(20261121);
    const stored: Array<{ key: string; body: string }> = [];
    const failures = { 'HTTP 500': 0, 'HTTP 429': 0, 'dropped before storing': 0, 'stored, then dropped (lost response)': 0, 'stored, then 503': 0 };
    const rx = await new Receiver().start();
    rx.handler = (req, res, body) => {
      const key = String(req.headers['idempotency-key']);
      if (chance() >= 1 / 3) {
        stored.push({ key, body });
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `https://feedback.acme.dev/t/${key}` }));
      }
      const mode = Math.floor(chance() * 5);
      if (mode === 0) return void (failures['HTTP 500']++, res.writeHead(500).end('oops'));
      if (mode === 1) return void (failures['HTTP 429']++, res.writeHead(429, { 'retry-after': '1' }).end());
      if (mode === 2) return void (failures['dropped before storing']++, req.socket.destroy());
      stored.push({ key, body });
      if (mode === 3) return void (failures['stored, then dropped (lost response)']++, req.socket.destroy());
      failures['stored, then 503']++;
      res.writeHead(503).end();
    };

    const tmp = tempDir();
    const time = clock();
    const warnings: string[] = [];
    const hook: AutomaticChannel = { kind: 'webhook', url: `${rx.base}/feedback` };
    const outbox = new Outbox({
      file: tmp.file('outbox.json'),
      now: time.now,
      random: seeded(7),
      onWarning: (m) => warnings.push(m),
      deliver: (c, p) => deliver(c, p, { timeoutMs: 5000 }),
    });
    const sent = new Map<string, FeedbackPayload>();
    let runs = 0;
    let maxAttempts = 0;
    try {
      // Submissions arrive ten a second while the editor's timer keeps processing.
      for (let i = 0; i < N; i++) {
        const p = payload({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, message: `submission ${i}`, createdAt: new Date(time.now()).toISOString() });
        sent.set(p.id, p);
        await outbox.enqueue(p, [hook]);
        if (i % 10 === 9) {
          await outbox.processDue();
          runs++;
          time.advance(1000);
        }
      }
      for (let guard = 0; guard < N * 50; guard++) {
        const report = await outbox.processDue();
        runs++;
        for (const r of report.retrying) maxAttempts = Math.max(maxAttempts, (await outbox.list()).find((e) => e.id === r.id)?.attempts ?? 0);
        const wait = await outbox.nextDueIn();
        if (wait === undefined) break;
        time.advance(Math.max(wait, 1));
      }
    } finally {
      await rx.stop();
      tmp.remove();
    }

    const received = new Map<string, string>();
    for (const { key, body } of stored) if (!received.has(key)) received.set(key, body);
    const failed = Object.values(failures).reduce((a, b) => a + b, 0);
    const figures = {
      submissions: N,
      requests: rx.requests.length,
      failures: failed,
      ...failures,
      'stored before dedupe': stored.length,
      'duplicates received before dedupe': stored.length - received.size,
      'unique after dedupe': received.size,
      'processDue runs': runs,
      'most attempts for one entry': maxAttempts,
      'simulated time': `${Math.round((time.now() - clock().now()) / 1000)} s`,
      'wall time': `${((Date.now() - started) / 1000).toFixed(1)} s`,
    };
    console.log(`      ${Object.entries(figures).map(([k, v]) => `${k}: ${v}`).join('\n      ')}`);

    assert.equal(received.size, N, 'none lost');
    for (const [id, p] of sent) assert.deepEqual(JSON.parse(received.get(id)!), p, `submission ${id} arrived intact`);
    assert.ok(failed / rx.requests.length > 0.15, 'the receiver really did fail a good share of the requests');
    for (const [mode, count] of Object.entries(failures)) assert.ok(count > 0, `no "${mode}" happened`);
    assert.deepEqual(await outbox.list(), []);
    assert.deepEqual(warnings, []);
  });
});
