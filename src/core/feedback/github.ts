import type { FeedbackChannel } from '../catalog/model';
import { feedbackTitle, hasIdMarker, issueBody } from './format';
import { type DeliveryResult, type HttpAnswer, type HttpSession, MAX_RETRY_AFTER_MS, classify, destinationUrl, excerpt, parseJson, parseRetryAfter, trustedLink } from './http';
import type { FeedbackPayload } from './payload';

export const DEFAULT_GITHUB_API = 'https://api.github.com';
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

type GithubChannel = Extract<FeedbackChannel, { kind: 'github' }>;
type Found = { kind: 'found'; url?: string } | { kind: 'none' } | { kind: 'stop'; result: DeliveryResult };

/**
 * Opens an issue, at most once per submission: before creating it, looks for an issue that already
 * carries the submission id — through search (the way the brief names) and through the list of
 * issues updated since the submission was made, because search is eventually consistent and may
 * not show an issue created seconds ago by an attempt whose response was lost.
 */
export async function deliverGithub(
  session: HttpSession,
  channel: GithubChannel,
  payload: FeedbackPayload,
  opts: { githubToken?: (() => Promise<string | undefined>) | undefined; now: () => number },
): Promise<DeliveryResult> {
  if (!REPO.test(channel.repo)) return { kind: 'failed', reason: `"${channel.repo}" is not a GitHub repository (owner/repo)` };
  const api = destinationUrl(channel.apiUrl ?? DEFAULT_GITHUB_API);
  if (typeof api === 'string') return { kind: 'failed', reason: api };
  let token: string | undefined;
  try {
    token = await opts.githubToken?.();
  } catch (e) {
    return { kind: 'failed', reason: `could not get the GitHub sign-in: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!token) return { kind: 'failed', reason: `sign in to GitHub to open the issue in ${channel.repo}` };

  const base = api.href.replace(/\/+$/, '');
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
    'x-github-api-version': '2022-11-28',
    'user-agent': 'platform-guide',
  };
  const get = (path: string, query: Record<string, string>): Promise<HttpAnswer> =>
    session.request(new URL(`${base}${path}?${new URLSearchParams(query).toString()}`), { method: 'GET', headers });
  const ctx = { repo: channel.repo, now: opts.now() };

  try {
    // `is:issue` is required for tokens of GitHub Apps, and harmless for the others.
    const search = await get('/search/issues', { q: `${payload.id} repo:${channel.repo} in:body is:issue`, per_page: '20' });
    let found = lookIn(search, (body) => (body as { items?: unknown } | undefined)?.items, payload.id, ctx, true);
    if (found.kind === 'none') {
      const recent = await get(`/repos/${channel.repo}/issues`, { state: 'all', since: payload.createdAt, sort: 'created', direction: 'desc', per_page: '100' });
      found = lookIn(recent, (body) => body, payload.id, ctx, false);
    }
    if (found.kind === 'stop') return found.result;
    if (found.kind === 'found') return found.url === undefined ? { kind: 'delivered' } : { kind: 'delivered', url: found.url };

    const body = JSON.stringify({ title: feedbackTitle(payload), body: issueBody(payload), labels: channel.labels });
    const created = await session.request(new URL(`${base}/repos/${channel.repo}/issues`), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    const result = githubResult(created, ctx);
    if (result.kind !== 'delivered') return result;
    const url = trustedLink((parseJson(created.text) as { html_url?: unknown } | undefined)?.html_url);
    return url === undefined ? result : { kind: 'delivered', url };
  } catch (e) {
    return session.networkFailure(e);
  }
}

/** Finds our issue in a search or list answer. Search problems other than the sign-in only skip the search. */
function lookIn(answer: HttpAnswer, itemsOf: (body: unknown) => unknown, id: string, ctx: { repo: string; now: number }, lenient: boolean): Found {
  if (answer.status < 200 || answer.status >= 300) {
    // A failed search (rate limited, not allowed for this repository) leaves the list to decide.
    if (lenient && answer.status !== 401) return { kind: 'none' };
    return { kind: 'stop', result: githubResult(answer, ctx) };
  }
  const items = itemsOf(parseJson(answer.text));
  if (!Array.isArray(items)) return { kind: 'none' };
  for (const item of items as Array<{ body?: unknown; html_url?: unknown; pull_request?: unknown }>) {
    if (item && item.pull_request === undefined && hasIdMarker(item.body, id)) {
      const url = trustedLink(item.html_url);
      return url === undefined ? { kind: 'found' } : { kind: 'found', url };
    }
  }
  return { kind: 'none' };
}

/**
 * GitHub's statuses: 401 means the sign-in is no longer good; 403 is a rate limit when GitHub says
 * so (retried at the reset time), otherwise a refusal (no access, SSO not authorised); 404 and 410
 * are final. The rest follows the common rules.
 */
function githubResult(answer: HttpAnswer, ctx: { repo: string; now: number }): DeliveryResult {
  const message = excerpt(String((parseJson(answer.text) as { message?: unknown } | undefined)?.message ?? answer.text ?? ''), 200);
  const suffix = message ? `: ${message}` : '';
  switch (answer.status) {
    case 401:
      return { kind: 'failed', reason: `GitHub did not accept the sign-in (HTTP 401)${suffix}; sign in to GitHub again` };
    case 403: {
      const wait = rateLimitWait(answer, ctx.now);
      if (wait !== undefined) return { kind: 'retry', reason: `GitHub rate limit (HTTP 403)${suffix}`, retryAfterMs: wait };
      return { kind: 'failed', reason: `GitHub refused to open an issue in ${ctx.repo} (HTTP 403)${suffix}` };
    }
    case 404:
      return { kind: 'failed', reason: `GitHub has no repository ${ctx.repo} that this account can see (HTTP 404)` };
    case 410:
      return { kind: 'failed', reason: `issues are turned off in ${ctx.repo} (HTTP 410)` };
    default: {
      const result = classify(answer, 'GitHub', ctx.now);
      if (result.kind === 'failed' && message) return { kind: 'failed', reason: `GitHub answered HTTP ${answer.status}${suffix}` };
      return result;
    }
  }
}

function rateLimitWait(answer: HttpAnswer, now: number): number | undefined {
  const retryAfter = parseRetryAfter(answer.headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  if (answer.headers.get('x-ratelimit-remaining') !== '0') return undefined;
  const reset = Number(answer.headers.get('x-ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return 60_000;
  return Math.min(Math.max(0, reset * 1000 - now), MAX_RETRY_AFTER_MS);
}
