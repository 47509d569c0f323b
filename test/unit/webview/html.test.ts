import assert from 'node:assert/strict';
import { feedbackPage, newNonce, type PageResources } from '../../../src/extension/feedback/html';
import { MAX_MESSAGE_LENGTH } from '../../../src/webview/feedback/protocol';

const resources = (over: Partial<PageResources> = {}): PageResources => ({
  cspSource: "'self' https://*.vscode-cdn.net",
  nonce: newNonce(),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/feedback.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/feedback.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/codicons/codicon.css',
  ...over,
});

function csp(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  return m[1]!;
}

describe('feedback panel page', () => {
  it('has the CSP: nothing by default, styles/fonts/images from the webview, scripts only with this load\'s nonce', () => {
    const r = resources();
    const html = feedbackPage(r);
    assert.equal(
      csp(html),
      `default-src 'none'; style-src ${r.cspSource}; font-src ${r.cspSource}; img-src ${r.cspSource}; script-src 'nonce-${r.nonce}'`,
    );
    assert.doesNotMatch(csp(html), /unsafe-inline|unsafe-eval|\*(?!\.vscode-cdn)/);
    assert.equal(feedbackPage(resources({ cspSource: 'https://*.vscode-cdn.net' })).includes("style-src https://*.vscode-cdn.net;"), true, 'one source alone');
  });

  it('loads exactly one script, external, carrying the nonce', () => {
    const r = resources();
    const scripts = [...feedbackPage(r).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]![1], ` nonce="${r.nonce}" src="${r.scriptUri}"`);
    assert.equal(scripts[0]![2], '', 'no inline code');
  });

  it('has no inline event handlers, no javascript: URLs and no inline styles', () => {
    const html = feedbackPage(resources());
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /\sstyle\s*=/i);
    assert.doesNotMatch(html, /<style/i);
  });

  it('gives a new 128-bit nonce on every load', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(csp(feedbackPage(resources())), csp(feedbackPage(resources())));
  });

  it('labels every control with a visible <label for>, and the radio and checkbox groups with a legend', () => {
    const html = feedbackPage(resources());
    for (const id of ['team', 'component', 'kind', 'message', 'contact', 'rating-none', 'rating-1', 'rating-5']) {
      assert.match(html, new RegExp(`<label for="${id}">`), `a label for #${id}`);
      assert.match(html, new RegExp(`id="${id}"`), `the control #${id}`);
    }
    assert.match(html, /<legend>Rating/);
    assert.match(html, /<legend>Context to attach<\/legend>/);
    assert.match(html, new RegExp(`<textarea id="message"[^>]*maxlength="${MAX_MESSAGE_LENGTH}"`));
    assert.match(html, /role="status" aria-live="polite"/);
    assert.match(html, /role="alert"/);
  });

  it('inserts no catalog or user text: it is a fixed skeleton, so it escapes nothing (the script fills in text)', () => {
    // Two loads with different resources differ only where the resources go.
    const a = feedbackPage(resources({ nonce: 'A'.repeat(22) }));
    const b = feedbackPage(resources({ nonce: 'B'.repeat(22) }));
    assert.equal(a.replaceAll('A'.repeat(22), 'N'), b.replaceAll('B'.repeat(22), 'N'));
    assert.equal(feedbackPage.length, 1, 'takes only the resources');
  });

  it('refuses resources that would break out of an attribute, and weak nonces', () => {
    assert.throws(() => feedbackPage(resources({ scriptUri: 'https://x/"><script>alert(1)</script>' })), /unexpected character/);
    assert.throws(() => feedbackPage(resources({ cspSource: "https://x 'unsafe-inline'" })), /unexpected character/);
    assert.throws(() => feedbackPage(resources({ cspSource: 'https://x; script-src *' })), /unexpected character/);
    assert.throws(() => feedbackPage(resources({ nonce: 'short' })), /nonce/);
  });
});
