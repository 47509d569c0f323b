import { randomBytes } from 'node:crypto';
import { FEEDBACK_KINDS, KIND_LABELS, MAX_CONTACT_LENGTH, MAX_MESSAGE_LENGTH } from '../../webview/feedback/protocol';

// The feedback panel's page. It is a fixed skeleton: labels, the kinds and the rating scale are
// ours; every catalog and user text is filled in by the webview script with textContent/value, so
// nothing here needs escaping and no catalog text ever reaches this string. No vscode import, so
// the unit tests can check it directly (test/unit/webview/html.test.ts).

export interface PageResources {
  /** webview.cspSource */
  readonly cspSource: string;
  /** A fresh newNonce() for every load. */
  readonly nonce: string;
  /** webview.asWebviewUri(...) of media/feedback.js, media/feedback.css and media/codicons/codicon.css */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly codiconsUri: string;
}

/** 128 random bits, base64url: what the CSP's 'nonce-…' needs, new on every page load. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The values are ours (vscode's URIs and source), but a quote in them would still break out of an attribute. */
function attr(value: string, what: string): string {
  if (/["'<>\s`]/.test(value)) throw new Error(`feedback panel: unexpected character in the ${what}`);
  return value;
}

/** webview.cspSource is one or more sources (`'self' https://*.vscode-cdn.net`): never a keyword that loosens the policy. */
function cspSources(value: string): string {
  const ok = value.split(' ').every((s) => s === "'self'" || /^[a-z][a-z0-9+.-]*:(\/\/[^\s;,'"<>`]*)?$/.test(s));
  if (!ok) throw new Error('feedback panel: unexpected character in the CSP source');
  return value;
}

export function feedbackPage(r: PageResources): string {
  const nonce = attr(r.nonce, 'nonce');
  if (!/^[A-Za-z0-9_-]{16,}$/.test(nonce)) throw new Error('feedback panel: the nonce must be at least 16 base64url characters');
  const csp = [
    "default-src 'none'",
    `style-src ${cspSources(r.cspSource)}`,
    `font-src ${r.cspSource}`,
    `img-src ${r.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const kinds = FEEDBACK_KINDS.map((k) => `<option value="${k}">${KIND_LABELS[k]}</option>`).join('');
  const ratings = [1, 2, 3, 4, 5]
    .map((n) => `<span class="rating-choice"><input type="radio" name="rating" id="rating-${n}" value="${n}"><label for="rating-${n}">${n}</label></span>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.codiconsUri, 'codicons URI')}">
<link rel="stylesheet" href="${attr(r.styleUri, 'style URI')}">
<title>Send Feedback to a Platform Team</title>
</head>
<body>
<main>
  <h1><span class="codicon codicon-feedback" aria-hidden="true"></span> Send feedback to a platform team</h1>
  <p class="intro">Goes straight to the team that owns the component. Only what this page shows is sent.</p>
  <p id="notice" class="notice" hidden><span class="codicon codicon-shield" aria-hidden="true"></span> <span id="notice-text"></span></p>
  <form id="form" novalidate aria-describedby="privacy">
    <div class="field">
      <label for="team">Team</label>
      <select id="team" name="team" required aria-describedby="destination team-error"></select>
      <p id="destination" class="hint"><span id="destination-icon" class="codicon codicon-send" aria-hidden="true"></span> <span id="destination-text"></span></p>
      <p id="team-contact" class="hint" hidden></p>
      <p id="team-error" class="error" hidden></p>
    </div>
    <div class="field">
      <label for="component">Component <span class="optional">(optional)</span></label>
      <select id="component" name="component" aria-describedby="component-description component-error"></select>
      <p id="component-description" class="hint" hidden></p>
      <p id="component-error" class="error" hidden></p>
    </div>
    <div class="field">
      <label for="kind">Kind</label>
      <select id="kind" name="kind" aria-describedby="kind-error">${kinds}</select>
      <p id="kind-error" class="error" hidden></p>
    </div>
    <fieldset class="field rating" aria-describedby="rating-error">
      <legend>Rating <span class="optional">(optional, 1 poor to 5 great)</span></legend>
      <div class="rating-choices">
        <span class="rating-choice"><input type="radio" name="rating" id="rating-none" value="" checked><label for="rating-none">No rating</label></span>${ratings}
      </div>
      <p id="rating-error" class="error" hidden></p>
    </fieldset>
    <div class="field">
      <label for="message">Message</label>
      <textarea id="message" name="message" rows="7" required maxlength="${MAX_MESSAGE_LENGTH}" aria-describedby="message-count message-error"></textarea>
      <p id="message-count" class="counter"></p>
      <p id="message-error" class="error" hidden></p>
    </div>
    <div class="field">
      <label for="contact">Contact me at <span class="optional">(optional)</span></label>
      <input id="contact" name="contact" type="text" maxlength="${MAX_CONTACT_LENGTH}" autocomplete="email" spellcheck="false" aria-describedby="contact-hint contact-error">
      <p id="contact-hint" class="hint">An email address or @handle. Leave it empty not to be contacted.</p>
      <p id="contact-error" class="error" hidden></p>
    </div>
    <fieldset class="field context" aria-describedby="context-error">
      <legend>Context to attach</legend>
      <p class="hint">Untick what the team should not see.</p>
      <div id="context-items" class="context-items"></div>
      <p id="context-empty" class="hint" hidden>No context to attach.</p>
      <p id="context-error" class="error" hidden></p>
    </fieldset>
    <section class="field preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Message as it will be sent</h2>
      <pre id="preview-message" class="preview-message" tabindex="0" aria-describedby="preview-redactions"></pre>
      <p id="preview-redactions" class="hint"></p>
    </section>
    <p id="privacy" class="hint">Secrets (tokens, keys, passwords in URLs) and your home folder are masked before anything leaves this editor.</p>
    <div class="actions">
      <button id="send" type="submit"><span class="codicon codicon-send" aria-hidden="true"></span> <span id="send-label">Send</span></button>
    </div>
  </form>
  <div id="status" class="status" role="status" aria-live="polite" tabindex="-1"></div>
  <div id="alert" class="alert" role="alert" tabindex="-1" hidden></div>
</main>
<script nonce="${nonce}" src="${attr(r.scriptUri, 'script URI')}"></script>
</body>
</html>`;
}
