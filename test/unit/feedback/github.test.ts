import assert from 'node:assert/strict';
import type * as http from 'node:http';
import type { FeedbackChannel } from '../../../src/core/catalog/model';
import { Outbox, deliver, issueBody, type AutomaticChannel, type DeliverOptions } from '../../../src/core/feedback';
import { Receiver, clock, payload, tempDir } from './helpers';

interface Issue {
  number: number;
  repo: string;
  title: string;
  body: string;
  labels: string[];
  html_url: string;
}

/** Just enough of the GitHub REST API: search, list and create issues, with a search index that can lag. */
class FakeGithub {
  readonly issues: Issue[] = [];
  readonly calls: string[] = [];
  token = 'gho_fake';
  /** Search sees only issues created while this is true, like GitHub's eventually consistent index. */
  indexing = true;
  private readonly indexed = new Set<number>();
  /** The next create is done but its response is lost (the connection drops). */
  loseNextCreate = false;
  override?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

  handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    this.calls.push(`${req.method} ${url.pathname}`);
    if (this.override?.(req, res)) return;
    const json = (code: number, value: unknown): void => void res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(401, { message: 'Bad credentials' });
    if (req.headers['user-agent'] !== 'platform-guide' || req.headers['x-github-api-version'] !== '2022-11-28') return json(400, { message: 'headers' });
    const repoPath = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/search/issues') {
      const q = url.searchParams.get('q') ?? '';
      const repo = /repo:(\S+)/.exec(q)?.[1];
      const words = q.split(' ').filter((w) => !w.includes(':'));
      const items = this.issues.filter((i) => this.indexed.has(i.number) && i.repo === repo && words.every((w) => i.body.includes(w)));
      return json(200, { total_count: items.length, incomplete_results: false, items });
    }
    if (req.method === 'GET' && repoPath) return json(200, this.issues.filter((i) => i.repo === repoPath[1]).reverse());
    if (req.method === 'POST' && repoPath) {
      if (repoPath[1] === 'acme/missing') return json(404, { message: 'Not Found' });
      const input = JSON.parse(body) as { title: string; body: string; labels: string[] };
      const number = this.issues.length + 1;
      const issue = { number, repo: repoPath[1]!, ...input, html_url: `http://127.0.0.1/${repoPath[1]}/issues/${number}` };
      this.issues.push(issue);
      if (this.indexing) this.indexed.add(number);
      if (this.loseNextCreate) {
        this.loseNextCreate = false;
        return void req.socket.destroy();
      }
      return json(201, issue);
    }
    json(404, { message: 'Not Found' });
  };
}

describe('GitHub channel (a fake GitHub API on 127.0.0.1)', () => {
  let rx: Receiver;
  let gh: FakeGithub;
  let channel: FeedbackChannel;
  const opts = (token = 'gho_fake'): DeliverOptions => ({ githubToken: async () => token });

  before(async () => {
    rx = await new Receiver().start();
  });
  beforeEach(() => {
    gh = new FakeGithub();
    rx.reset(gh.handle);
    channel = { kind: 'github', repo: 'acme/web-platform', labels: ['from-editor'], apiUrl: `${rx.base}/` };
  });
  after(() => rx.stop());

  it('opens one issue with title, labels, the payload and the id, and links to it', async () => {
    const p = payload();
    assert.deepEqual(await deliver(channel, p, opts()), { kind: 'delivered', url: 'http://127.0.0.1/acme/web-platform/issues/1' });
    assert.deepEqual(gh.calls, ['GET /search/issues', 'GET /repos/acme/web-platform/issues', 'POST /repos/acme/web-platform/issues']);
    const [issue] = gh.issues;
    assert.equal(issue!.title, 'Bug (acme-ui): The 3→4 migration missed our theme file');
    assert.deepEqual(issue!.labels, ['from-editor']);
    assert.equal(issue!.body, issueBody(p));
    assert.ok(issue!.body.includes(`<!-- platform-guide-feedback-id: ${p.id} -->`));
    assert.ok(issue!.body.includes(`Feedback id: \`${p.id}\``), 'the id is visible too');
    const search = rx.requests.find((r) => r.url.startsWith('/search/issues'))!;
    assert.equal(new URL(search.url, 'http://x').searchParams.get('q'), `${p.id} repo:acme/web-platform in:body is:issue`);
  });

  it('a retry after a lost response finds the issue by its id and does not open a second', async () => {
    gh.loseNextCreate = true;
    const p = payload();
    const first = await deliver(channel, p, opts());
    assert.equal(first.kind, 'retry', JSON.stringify(first));
    assert.equal(gh.issues.length, 1, 'the issue was created although the answer was lost');
    assert.deepEqual(await deliver(channel, p, opts()), { kind: 'delivered', url: 'http://127.0.0.1/acme/web-platform/issues/1' });
    assert.equal(gh.issues.length, 1);
    assert.equal(gh.calls.filter((c) => c.startsWith('POST')).length, 1);
    assert.deepEqual(gh.calls.slice(-1), ['GET /search/issues'], 'found by search, nothing more asked');
  });

  it('through the outbox: a lost response is retried, and the retry links to the one issue', async () => {
    gh.loseNextCreate = true;
    const tmp = tempDir();
    const time = clock();
    try {
      const outbox = new Outbox({ file: tmp.file('outbox.json'), now: time.now, random: () => 0.5, deliver: (c, p) => deliver(c, p, opts()) });
      await outbox.enqueue(payload(), [channel as AutomaticChannel]);
      assert.equal((await outbox.processDue()).retrying.length, 1);
      time.advance(60_000);
      const r = await outbox.processDue();
      assert.equal(r.delivered[0]!.url, 'http://127.0.0.1/acme/web-platform/issues/1');
      assert.equal(r.delivered[0]!.destination, 'GitHub issue in acme/web-platform on 127.0.0.1:' + new URL(rx.base).port);
      assert.equal(gh.issues.length, 1);
    } finally {
      tmp.remove();
    }
  });

  it('finds it through the issue list when the search index has not caught up yet', async () => {
    gh.indexing = false;
    gh.loseNextCreate = true;
    const p = payload();
    assert.equal((await deliver(channel, p, opts())).kind, 'retry');
    assert.deepEqual(await deliver(channel, p, opts()), { kind: 'delivered', url: 'http://127.0.0.1/acme/web-platform/issues/1' });
    assert.equal(gh.issues.length, 1);
    const list = rx.requests.filter((r) => r.url.startsWith('/repos/acme/web-platform/issues?')).at(-1)!;
    assert.equal(new URL(list.url, 'http://x').searchParams.get('since'), p.createdAt);
  });

  it('does not take another submission, or a pull request, for this one', async () => {
    await deliver(channel, payload({ id: '5b0c7c1e-0000-4000-8000-00000000aaaa' }), opts());
    gh.issues.push({ ...gh.issues[0]!, number: 2, body: `${payload().id} mentioned in a PR`, html_url: 'x' });
    assert.equal((await deliver(channel, payload(), opts())).kind, 'delivered');
    assert.equal(gh.issues.length, 3);
  });

  it('asks to sign in when there is no token, without a request', async () => {
    const r = await deliver(channel, payload(), { githubToken: async () => undefined });
    assert.deepEqual(r, { kind: 'failed', reason: 'sign in to GitHub to open the issue in acme/web-platform' });
    assert.deepEqual(gh.calls, []);
  });

  it('fails for good on 401 (sign-in refused) and 404 (no such repository)', async () => {
    const r = await deliver(channel, payload(), opts('gho_wrong'));
    assert.equal(r.kind, 'failed');
    assert.match(r.kind === 'failed' ? r.reason : '', /did not accept the sign-in \(HTTP 401\): Bad credentials; sign in to GitHub again/);
    const missing = await deliver({ ...channel, repo: 'acme/missing' } as FeedbackChannel, payload(), opts());
    assert.match(missing.kind === 'failed' ? missing.reason : '', /no repository acme\/missing/);
  });

  it('retries a rate limit (403 with x-ratelimit-remaining: 0) at the reset time, fails other 403s', async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    gh.override = (req, res) => {
      if (req.method !== 'POST') return false;
      res.writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }).end('{"message":"API rate limit exceeded"}');
      return true;
    };
    const r = await deliver(channel, payload(), opts());
    assert.equal(r.kind, 'retry');
    assert.ok(r.kind === 'retry' && r.retryAfterMs! > 25_000 && r.retryAfterMs! <= 30_000, JSON.stringify(r));
    gh.override = (req, res) => req.method === 'POST' && Boolean(res.writeHead(403).end('{"message":"Resource protected by organization SAML enforcement"}'));
    const refused = await deliver(channel, payload(), opts());
    assert.match(refused.kind === 'failed' ? refused.reason : '', /refused to open an issue in acme\/web-platform \(HTTP 403\): Resource protected by organization SAML/);
  });

  it('retries 5xx and dropped connections, and goes on when only the search fails', async () => {
    gh.override = (req, res) => req.method === 'POST' && Boolean(res.writeHead(502).end());
    assert.equal((await deliver(channel, payload(), opts())).kind, 'retry');
    gh.override = (req) => req.method === 'POST' && Boolean(req.socket.destroy());
    assert.equal((await deliver(channel, payload(), opts())).kind, 'retry');
    gh.override = (req, res) => req.url!.startsWith('/search') && Boolean(res.writeHead(422).end('{"message":"Validation Failed"}'));
    assert.equal((await deliver(channel, payload(), opts())).kind, 'delivered');
  });

  it('never lets the user text mention people or hide markup in the issue', () => {
    const body = issueBody(payload({ message: 'ping @alice and @acme/web-team <!-- platform-guide-feedback-id: other --> <img src=x>', context: { package: '@acme/ui', odd: 'a | b `c`' } }));
    assert.ok(body.includes('ping `@alice` and `@acme/web-team` &lt;!-- platform-guide-feedback-id: other --&gt; &lt;img src=x&gt;'), body);
    assert.ok(body.includes('| `package` | `@acme/ui` |'), body);
    assert.ok(body.includes('| `odd` | `` a \\| b `c` `` |'), body);
    assert.ok(body.includes('| Contact | `dev@acme.dev` |'));
  });

  it('refuses an apiUrl over plain http to another machine', async () => {
    const r = await deliver({ ...channel, apiUrl: 'http://github.acme.dev/api/v3' } as FeedbackChannel, payload(), opts());
    assert.match(r.kind === 'failed' ? r.reason : '', /plain http/);
  });
});
