// What a user sees and does with the feedback panel: in packages/dashboard/package.json, on the
// deprecated @acme/legacy-grid, F1 → "Send Feedback to a Platform Team" opens the panel with the
// owning team, the component and the context filled in; the form is filled by its labels, one
// context item is unticked, Send (from the keyboard) delivers to a receiver this scenario runs on
// 127.0.0.1, and the panel shows the tracking link. Along the way: hostile catalog text is shown as
// text and runs nothing, and a half-written draft survives a window reload.
// The real extension (the repository, under development), a fresh copy of examples/workspace, a
// copy of the example catalog whose web-platform team delivers to the receiver (plus a hostile
// team) as the user's setting, and the example's date. Run by scripts/vscode/runE2e.mjs.
// Wait on what the UI shows (Playwright's auto-waiting locators), never on fixed sleeps.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCatalog, exampleEnv } from '../../scripts/vscode/paths.mjs';
import { editor, openWorkbench } from './ui.mjs';

const MANIFEST = 'packages/dashboard/package.json';
const TOKEN = `ghp_${'Zx8vQ2mN4k'.repeat(4)}`;
const MESSAGE = `Exporting from the legacy grid drops the header row.\nOur CI token ${TOKEN} shows up in the export log.`;
const HOSTILE = {
  name: '<img src=x onerror="document.title=\'pwned\'"> [x](command:workbench.action.quit) </textarea>',
  contact: '<script>window.__pwned = 1</script>',
  description: '**bold** [docs](javascript:alert(1)) <b onmouseover=alert(1)>hover</b>',
};

/** Every request the receiver got: method, path, headers and the parsed body. */
const received = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(body) });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `${base}/feedback/${received.length}` }));
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
receiver.unref(); // never keeps the runner alive; the last step closes it
const base = `http://127.0.0.1:${receiver.address().port}`;

/** The example catalog, its web-platform team delivering to the receiver, and a team with hostile text. */
function scenarioCatalog() {
  const example = readFileSync(exampleCatalog, 'utf8');
  const channels = '    feedback:\n      - webhook: https://feedback.acme.dev/api/web-platform\n      - github: acme/web-platform\n        labels: [from-editor]\n';
  assert.ok(example.includes(channels), 'the example catalog has the channels this scenario replaces');
  const q = (s) => JSON.stringify(s);
  return example
    .replace(channels, `    feedback:\n      - webhook: ${base}/feedback\n`)
    .replace('\ncomponents:\n', [
      '  - id: evil',
      `    name: ${q(HOSTILE.name)}`,
      `    contact: ${q(HOSTILE.contact)}`,
      '    feedback:',
      `      - webhook: ${base}/evil`,
      '',
      'components:',
      '  - id: evil-widget',
      '    name: Evil Widget',
      '    owner: evil',
      `    description: ${q(HOSTILE.description)}`,
      '    packages:',
      '      - npm: "@evil/widget"',
      '',
    ].join('\n'));
}
const catalogFile = join(mkdtempSync(join(tmpdir(), 'pg-e2e-feedback-')), 'platform-catalog.yaml');
writeFileSync(catalogFile, scenarioCatalog());

/** The panel's page: VS Code's webview iframe, then the frame that holds our document. */
const panel = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

export default {
  workspace: 'examples/workspace',
  copy: true,
  settings: { 'platformGuide.catalogs': [catalogFile] },
  env: exampleEnv,
  steps: {
    'opens the workbench on a copy of the example workspace': async ({ page, open, shot }) => {
      await openWorkbench(page, open);
      await shot('workbench');
    },

    [`opens ${MANIFEST} and puts the cursor on the deprecated @acme/legacy-grid`]: async ({ page, shot }) => {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(MANIFEST);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'packages/dashboard' }).first().click();
      await page.locator(`${editor} .view-line`, { hasText: '@acme-shop/dashboard' }).waitFor();
      await page.locator(`${editor} .squiggly-warning`).first().waitFor({ timeout: 20_000 });
      // Go to Line (Ctrl+G) 6: the line of "@acme/legacy-grid".
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').fill(':6');
      await page.keyboard.press('Enter');
      await page.locator('.statusbar-item', { hasText: /^Ln 6, Col 1$/ }).waitFor();
      await shot('manifest');
    },

    'opens the panel from the command palette (F1 → "Send Feedback to a Platform Team"), filled in from the finding': async ({ page, shot }) => {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Send Feedback to a Platform Team');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Platform Guide: Send Feedback to a Platform Team' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'Send Feedback' }).waitFor();
      const p = panel(page);
      const team = p.getByLabel('Team', { exact: true });
      // The form is static HTML; the extension's init fills it in one go, destination line last.
      await p.locator('#destination-text', { hasText: 'Goes to:' }).waitFor();
      assert.equal(await team.inputValue(), 'web-platform', 'the owning team');
      assert.equal(await p.getByLabel('Component (optional)').inputValue(), 'acme-legacy-grid');
      assert.equal(await p.getByLabel('Kind').inputValue(), 'migration-blocker');
      assert.equal(await p.locator('#destination-text').textContent(), `Goes to: webhook at ${base.slice('http://'.length)}`);
      for (const label of ['Package', 'Version', 'File', 'Finding', 'Extension version', 'Editor']) {
        assert.ok(await p.getByLabel(label, { exact: true }).isChecked(), `${label} is ticked`);
      }
      assert.equal(await p.locator('#ctx-file-value').textContent(), MANIFEST);
      assert.equal(await p.locator('#ctx-version-value').textContent(), '5.2.1');
      assert.match(await p.locator('#ctx-finding-value').textContent(), /^@acme\/legacy-grid \^5\.2\.0 \(locked at 5\.2\.1\) is deprecated/);
      await shot('panel-prefilled');
    },

    'shows hostile catalog text as text, and runs none of it': async ({ page, shot }) => {
      const p = panel(page);
      await p.getByLabel('Team', { exact: true }).selectOption('evil');
      assert.equal(await p.locator('#team option[value="evil"]').textContent(), HOSTILE.name, 'the name, literally');
      assert.equal(await p.locator('#team-contact').textContent(), `Team contact: ${HOSTILE.contact}`);
      await p.getByLabel('Component (optional)').selectOption('evil-widget');
      assert.equal(await p.locator('#component-description').textContent(), HOSTILE.description);
      await shot('hostile-text');
      const effects = await p.locator('body').evaluate(() => ({
        images: document.querySelectorAll('img').length,
        // VS Code adds its own script to the page (the acquireVsCodeApi host); ours is the one from media/.
        scripts: [...document.querySelectorAll('script')].map((s) => (s.src ? new URL(s.src).pathname.split('/').pop() : /^\s*globalThis\.acquireVsCodeApi = /.test(s.textContent) ? 'vscode host' : s.textContent)),
        bold: document.querySelectorAll('b').length,
        links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        pwned: /** @type {any} */ (window).__pwned,
        title: document.title,
      }));
      assert.deepEqual(effects, { images: 0, scripts: ['vscode host', 'feedback.js'], bold: 0, links: [], pwned: undefined, title: 'Send Feedback to a Platform Team' });
      // Back to the team this feedback is for.
      await p.getByLabel('Team', { exact: true }).selectOption('web-platform');
      await p.getByLabel('Component (optional)').selectOption('acme-legacy-grid');
    },

    'fills the form by its labels and unticks File; the preview shows the token masked': async ({ page, shot }) => {
      const p = panel(page);
      await p.getByLabel('Kind').selectOption('bug');
      await p.getByLabel('4', { exact: true }).check();
      await p.getByLabel('Message', { exact: true }).fill(MESSAGE);
      await p.getByLabel('Contact me at').fill('dev@acme.dev');
      await p.getByLabel('File', { exact: true }).uncheck();
      assert.equal(await p.locator('#message-count').textContent(), `${MESSAGE.length} of 5000 characters`);
      await p.locator('#preview-message', { hasText: '[REDACTED github-token]' }).waitFor();
      assert.ok(!(await p.locator('#preview-message').textContent()).includes(TOKEN), 'the token is not in the preview');
      assert.equal(await p.locator('#preview-redactions').textContent(), 'Masked before sending: github token.');
      await shot('filled');
    },

    'sends from the keyboard: the receiver holds the spec payload without File, and the panel shows the tracking link': async ({ page, shot }) => {
      const p = panel(page);
      await p.getByRole('button', { name: 'Send' }).focus();
      await page.keyboard.press('Enter');
      await p.locator('#status', { hasText: 'Sent to Web Platform.' }).waitFor();
      assert.equal(received.length, 1, 'one delivery');
      const [{ method, url, headers, body }] = received;
      assert.equal(method, 'POST');
      assert.equal(url, '/feedback');
      assert.equal(headers['content-type'], 'application/json');
      assert.equal(headers['idempotency-key'], body.id);
      assert.deepEqual(Object.keys(body), ['schema', 'id', 'createdAt', 'team', 'component', 'kind', 'rating', 'message', 'contact', 'context']);
      assert.equal(body.schema, 'platform-guide/feedback-v1');
      assert.deepEqual([body.team, body.component, body.kind, body.rating, body.contact], ['web-platform', 'acme-legacy-grid', 'bug', 4, 'dev@acme.dev']);
      assert.equal(body.message, MESSAGE.replace(TOKEN, '[REDACTED github-token]'));
      assert.deepEqual(Object.keys(body.context), ['package', 'version', 'finding', 'extensionVersion', 'editor'], 'File was unticked');
      assert.equal(body.context.package, '@acme/legacy-grid');
      assert.equal(body.context.version, '5.2.1');
      assert.match(body.context.editor, /^\S.* 1\.\d+\.\d+$/);
      const link = p.getByRole('link', { name: `${base}/feedback/1` });
      await link.waitFor();
      assert.ok(await link.evaluate((a) => a === document.activeElement), 'focus moves to the tracking link');
      assert.equal(await p.getByLabel('Message', { exact: true }).inputValue(), '', 'the message is cleared');
      await shot('sent');
    },

    'keeps a half-written draft across a window reload': async ({ page, shot }) => {
      const p = panel(page);
      const draft = 'Half-written: the grid also';
      await p.getByLabel('Message', { exact: true }).fill(draft);
      await p.locator('#message-count', { hasText: `${draft.length} of 5000` }).waitFor();
      // Developer: Reload Window, as a person would: the workbench saves its state and reloads.
      // (A bare page.reload() skips that save in the browser, losing the latest webview state.)
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Developer: Reload Window');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      await page.locator('.monaco-workbench').waitFor();
      const message = panel(page).getByLabel('Message', { exact: true });
      await message.waitFor({ timeout: 30_000 });
      for (const deadline = Date.now() + 15_000; (await message.inputValue()) !== draft && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await message.inputValue(), draft);
      assert.equal(await panel(page).getByLabel('Team', { exact: true }).inputValue(), 'web-platform');
      assert.equal(await panel(page).getByLabel('File', { exact: true }).isChecked(), false, 'the unticked item stays unticked');
      await shot('after-reload');
      receiver.close();
    },
  },
};
