// UI smoke: what a user sees of the fixture extension's diagnostic. Run by scripts/vscode/runE2e.mjs.
// Wait on what the UI shows (Playwright's auto-waiting locators), never on fixed sleeps.
import * as assert from 'node:assert/strict';

const MESSAGE = 'Smoke: @acme/legacy is deprecated';

export default {
  workspace: 'test/fixtures/vscode/smoke-workspace',
  extension: 'test/fixtures/vscode/smoke-extension',
  steps: {
    'opens the workbench on the fixture workspace': async ({ page, open, shot }) => {
      await open();
      await page.locator('.monaco-workbench').waitFor();
      // The explorer lists the fixture's files once the remote file system is up.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'package.json' }).waitFor();
      await shot('workbench');
    },

    'opens package.json with Quick Open (Ctrl+P)': async ({ page, shot }) => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('package.json');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'package.json' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'package.json' }).waitFor();
      await shot('quick-open');
    },

    'shows the diagnostic as a squiggle': async ({ page, shot }) => {
      // Diagnostics reach the editor about a second after the extension sets them.
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
      await shot('squiggle');
    },

    'lists it in the Problems panel (Ctrl+Shift+M)': async ({ page, shot }) => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: MESSAGE });
      await row.waitFor();
      const text = await row.innerText();
      assert.match(text, /Platform Guide smoke/, 'the row names the source');
      await shot('problems');
    },
  },
};
