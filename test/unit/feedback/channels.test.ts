import assert from 'node:assert/strict';
import type { FeedbackChannel } from '../../../src/core/catalog/model';
import { ZERO_RANGE } from '../../../src/core/positions';
import { automaticChannels, deliver, fallbackEmail, mailtoUrl, slackMessage, type DeliveryResult } from '../../../src/core/feedback';
import { Receiver, drop, payload, silent, status } from './helpers';

function assertKind(r: DeliveryResult, kind: DeliveryResult['kind'], reason?: RegExp): void {
  assert.equal(r.kind, kind, JSON.stringify(r));
  if (reason && r.kind !== 'delivered') assert.match(r.reason, reason);
}

describe('feedback channels (a real server on 127.0.0.1)', () => {
  let rx: Receiver;
  const webhook = (): FeedbackChannel => ({ kind: 'webhook', url: `${rx.base}/hook` });

  before(async () => {
    rx = await new Receiver().start();
  });
  after(() => rx.stop());

  describe('webhook', () => {
    it('POSTs the payload as JSON with Content-Type and Idempotency-Key, and gives the tracking link', async () => {
      rx.reset(status(201, { 'content-type': 'application/json' }, JSON.stringify({ url: 'https://feedback.acme.dev/t/42' })));
      const p = payload();
      assert.deepEqual(await deliver(webhook(), p), { kind: 'delivered', url: 'https://feedback.acme.dev/t/42' });
      const [req] = rx.requests;
      assert.equal(req!.method, 'POST');
      assert.equal(req!.url, '/hook');
      assert.equal(req!.headers['content-type'], 'application/json');
      assert.equal(req!.headers['idempotency-key'], p.id);
      assert.deepEqual(JSON.parse(req!.body), p);
    });

    const links: Array<[string, string | undefined]> = [
      ['http://127.0.0.1:9/t/1', 'http://127.0.0.1:9/t/1'],
      ['javascript:alert(1)', undefined],
      ['http://feedback.acme.dev/t/1', undefined],
      ['file:///etc/passwd', undefined],
      ['data:text/html,hi', undefined],
    ];
    for (const [url, shown] of links) {
      it(`${shown ? 'shows' : 'never shows'} a tracking link ${url}`, async () => {
        rx.reset(status(200, { 'content-type': 'application/json' }, JSON.stringify({ url })));
        assert.deepEqual(await deliver(webhook(), payload()), shown ? { kind: 'delivered', url: shown } : { kind: 'delivered' });
      });
    }

    it('takes any 2xx, with any body or none, as delivered', async () => {
      for (const [code, body] of [[200, 'ok'], [202, ''], [204, ''], [200, '{"url": 42}'], [200, 'not json']] as const) {
        rx.reset(status(code, {}, body));
        assert.deepEqual(await deliver(webhook(), payload()), { kind: 'delivered' }, `${code} ${body}`);
      }
    });

    const retried: Array<[number, Record<string, string>, number | undefined]> = [
      [500, {}, undefined],
      [502, {}, undefined],
      [503, { 'retry-after': '120' }, 120_000],
      [408, {}, undefined],
      [429, { 'retry-after': '2' }, 2000],
      [429, { 'retry-after': 'soon' }, undefined],
    ];
    for (const [code, headers, wait] of retried) {
      it(`retries HTTP ${code}${headers['retry-after'] ? ` with Retry-After: ${headers['retry-after']}` : ''}`, async () => {
        rx.reset(status(code, headers));
        const r = await deliver(webhook(), payload());
        assertKind(r, 'retry', new RegExp(`HTTP ${code}`));
        assert.equal(r.kind === 'retry' ? r.retryAfterMs : 'x', wait);
      });
    }

    it('reads Retry-After given as an HTTP-date', async () => {
      const now = Date.parse('2026-11-21T10:15:00Z');
      rx.reset(status(503, { 'retry-after': 'Sat, 21 Nov 2026 10:16:30 GMT' }));
      const r = await deliver(webhook(), payload(), { now: () => now });
      assert.deepEqual(r, { kind: 'retry', reason: 'the webhook answered HTTP 503 Service Unavailable', retryAfterMs: 90_000 });
    });

    it('fails for good on other 4xx, quoting the start of the body', async () => {
      rx.reset(status(400, { 'content-type': 'application/json' }, JSON.stringify({ error: 'unknown team "web-platfrom"' })));
      const r = await deliver(webhook(), payload());
      assertKind(r, 'failed', /^the webhook answered HTTP 400 Bad Request: \{"error":"unknown team \\"web-platfrom\\""\}$/);
      rx.reset(status(413, {}, 'x'.repeat(10_000)));
      const big = await deliver(webhook(), payload());
      assertKind(big, 'failed', /HTTP 413/);
      assert.ok(big.kind === 'failed' && big.reason.length < 300, 'a long body is cut short');
    });

    it('does not follow a redirect (a POST would turn into a GET)', async () => {
      rx.reset(status(308, { location: 'https://elsewhere.acme.dev/hook' }));
      assertKind(await deliver(webhook(), payload()), 'failed', /redirect to https:\/\/elsewhere\.acme\.dev\/hook/);
      assert.equal(rx.requests.length, 1);
    });

    it('retries when the server never answers (timeout)', async () => {
      rx.reset(silent);
      const started = Date.now();
      assertKind(await deliver(webhook(), payload(), { timeoutMs: 200 }), 'retry', /no answer within 0\.2 s/);
      assert.ok(Date.now() - started < 2000);
    });

    it('retries when the connection is dropped', async () => {
      rx.reset(drop);
      assertKind(await deliver(webhook(), payload()), 'retry', /network error/);
    });

    it('retries when nothing listens', async () => {
      const closed = await new Receiver().start();
      await closed.stop();
      assertKind(await deliver({ kind: 'webhook', url: `${closed.base}/hook` }, payload()), 'retry', /network error: ECONNREFUSED/);
    });

    it('refuses plain http to another machine and other schemes, without a request', async () => {
      rx.reset();
      assertKind(await deliver({ kind: 'webhook', url: 'http://feedback.acme.dev/x' }, payload()), 'failed', /plain http/);
      assertKind(await deliver({ kind: 'webhook', url: 'ftp://feedback.acme.dev/x' }, payload()), 'failed', /not an https/);
      assert.equal(rx.requests.length, 0);
    });
  });

  describe('slack', () => {
    it('posts one mrkdwn text with &, < and > escaped in everything the user wrote', async () => {
      rx.reset(status(200, {}, 'ok'));
      const p = payload({
        message: 'Broken <!channel> & <https://evil.example|click> > here\nsecond line',
        context: { finding: 'a < b && c > d', file: 'apps/web/package.json' },
        contact: '@alice',
      });
      assert.deepEqual(await deliver({ kind: 'slack', url: `${rx.base}/services/T/B/X` }, p), { kind: 'delivered' });
      const body = JSON.parse(rx.requests[0]!.body) as { text: string };
      assert.deepEqual(Object.keys(body), ['text']);
      assert.equal(
        body.text,
        [
          '*Feedback for web-platform*: Bug · component acme-ui · rating 4/5',
          '>Broken &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &gt; here',
          '>second line',
          '*Contact:* @alice',
          '*Context*',
          '• finding: a &lt; b &amp;&amp; c &gt; d',
          '• file: apps/web/package.json',
          `Feedback id ${p.id} · 2026-11-21T10:15:00.000Z`,
        ].join('\n'),
      );
      assert.deepEqual(slackMessage(p), body);
    });

    it('follows the same status rules', async () => {
      const slack: FeedbackChannel = { kind: 'slack', url: `${rx.base}/services/T/B/X` };
      rx.reset(status(404, {}, 'no_service'));
      assertKind(await deliver(slack, payload()), 'failed', /Slack answered HTTP 404 Not Found: no_service/);
      rx.reset(status(429, { 'retry-after': '30' }));
      assert.deepEqual(await deliver(slack, payload()), { kind: 'retry', reason: 'Slack answered HTTP 429 Too Many Requests', retryAfterMs: 30_000 });
    });
  });

  describe('email', () => {
    const email = { kind: 'email', address: 'web-platform@acme.dev' } as const;

    it('is never sent automatically', async () => {
      assertKind(await deliver(email, payload()), 'failed', /mail client/);
    });

    it('builds a mailto: URL with an encoded subject and a CRLF body', () => {
      const url = mailtoUrl(email, payload({ message: 'Line one & two?\nLine #3 = 100%' }));
      assert.ok(url.startsWith('mailto:web-platform@acme.dev?subject=%5BPlatform%20Guide%5D%20Bug%20(acme-ui)%3A%20Line%20one%20%26%20two%3F&body='), url);
      const body = decodeURIComponent(new URL(url).searchParams.get('body') === null ? '' : url.split('&body=')[1]!);
      assert.ok(body.includes('Line one & two?\r\nLine #3 = 100%'), body);
      assert.ok(body.includes('Contact: dev@acme.dev\r\n'));
      assert.ok(body.includes(`Feedback id: ${payload().id}`));
      assert.ok(!/[\s&?#]/.test(url.split('&body=')[1]!), 'nothing in the body breaks the URL');
    });

    it('shortens a long message to fit, and says so', () => {
      const url = mailtoUrl(email, payload({ message: 'é'.repeat(5000) }), { maxLength: 2000 });
      assert.ok(url.length <= 2000, String(url.length));
      assert.ok(decodeURIComponent(url.split('&body=')[1]!).includes('shortened to fit'));
      assert.ok(mailtoUrl(email, payload()).length < 2000);
    });
  });

  it('automaticChannels and fallbackEmail: email only when nothing is automatic', () => {
    const team = (feedback: FeedbackChannel[]) => ({ id: 't', name: 'T', feedback, source: { file: 'c', range: ZERO_RANGE } });
    const mail: FeedbackChannel = { kind: 'email', address: 't@acme.dev' };
    const hook: FeedbackChannel = { kind: 'webhook', url: 'https://x.acme.dev' };
    const gh: FeedbackChannel = { kind: 'github', repo: 'acme/t', labels: [] };
    assert.deepEqual(automaticChannels(team([mail, hook, gh])), [hook, gh]);
    assert.equal(fallbackEmail(team([mail, hook])), undefined);
    assert.deepEqual(fallbackEmail(team([mail])), mail);
    assert.equal(fallbackEmail(team([])), undefined);
  });
});
