// What a user sees and does: the example workspace's error on @acme/ui, found in the editor and in
// the Problems panel, fixed with the quick fix and saved. The real extension (the repository, under
// development), a fresh copy of examples/workspace (the repository is never modified), the example
// catalog as the user's setting and the example's date. Run by scripts/vscode/runE2e.mjs.
// Wait on what the UI shows (Playwright's auto-waiting locators), never on fixed sleeps.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleEnv, exampleSettings } from '../../scripts/vscode/paths.mjs';
import { editor, openQuickFixMenu, openWorkbench, quickOpen, squiggleUnderVersion, versionBox, versionLine } from './ui.mjs';

const MANIFEST = ['apps', 'admin', 'package.json'];
const FIX = 'Upgrade @acme/ui to ^4.2.0';

export default {
  workspace: 'examples/workspace',
  copy: true,
  settings: exampleSettings,
  env: exampleEnv,
  steps: {
    'opens the workbench on a copy of the example workspace': async ({ page, open, shot }) => {
      await openWorkbench(page, open);
      await shot('workbench');
    },

    'opens apps/admin/package.json with Quick Open (Ctrl+P)': async ({ page, shot }) => {
      await quickOpen(page, MANIFEST.join('/'), '@acme-shop/admin');
      await shot('quick-open');
    },

    'shows an error squiggle under the version ^2.3.0': async ({ page, shot }) => {
      await squiggleUnderVersion(page, 'error', '^2.3.0');
      await shot('squiggle');
    },

    'lists it in the Problems panel (Ctrl+Shift+M) as Platform Guide\'s': async ({ page, shot }) => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: '@acme/ui ^2.3.0' });
      await row.waitFor();
      const text = await row.innerText();
      assert.match(text, /is deprecated: Acme UI 2 is out of support/);
      assert.match(text, /Platform Guide/, 'the row names the source');
      assert.match(text, /Ln 6, Col 18/, 'at the version');
      await shot('problems');
    },

    'opens the quick-fix menu (Ctrl+.) with the cursor on the version': async ({ page, shot }) => {
      const v = await versionBox(page, '^2.3.0');
      await page.mouse.click(v.x + v.width / 2, v.y + v.height / 2);
      // On the version: columns 18–24 of line 6 (the status bar counts from 1).
      await page.locator('.statusbar-item', { hasText: /^Ln 6, Col (1[89]|2[0-4])$/ }).waitFor();
      const menu = await openQuickFixMenu(page, FIX);
      await menu.locator('.monaco-list-row', { hasText: 'Add a time-boxed exception for acme-ui' }).waitFor();
      await shot('quick-fix-menu');
    },

    [`picks "${FIX}"`]: async ({ page, shot }) => {
      await page.locator('.action-widget .monaco-list-row', { hasText: FIX }).click();
      await versionLine(page, '^4.2.0').waitFor();
      await page.locator('.action-widget .monaco-list-row', { hasText: FIX }).waitFor({ state: 'hidden' });
      await shot('upgraded');
    },

    'saves (Ctrl+S): the file on disk has the new version and the squiggle is gone': async ({ page, shot, workspace }) => {
      // VS Code itself saves a file that a quick fix changed while it had no unsaved changes
      // (`files.refactoring.autoSave`, on by default), so the tab may already be clean: Ctrl+S is
      // the user's habit here, and what is checked is the file on disk.
      await page.keyboard.press('Control+S');
      // The save reaches the disk through the server a moment later: poll the file.
      const file = join(workspace, ...MANIFEST);
      let onDisk = readFileSync(file, 'utf8');
      for (const deadline = Date.now() + 10_000; !onDisk.includes('"@acme/ui": "^4.2.0"') && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 100));
        onDisk = readFileSync(file, 'utf8');
      }
      assert.match(onDisk, /"@acme\/ui": "\^4\.2\.0"/);
      assert.doesNotMatch(onDisk, /\^2\.3\.0/);
      await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'package.json' }).waitFor();
      await page.locator(`${editor} .squiggly-error`).first().waitFor({ state: 'detached' });
      await page.locator('.markers-panel .monaco-list-row', { hasText: '@acme/ui ^2.3.0' }).waitFor({ state: 'detached' });
      await shot('saved');
    },

    'offers to update the lockfile afterwards (trusted workspace), without running anything': async ({ page, shot }) => {
      // The server's --enable-smoke-test-driver suppresses toasts: the offer waits in the
      // notification center. It is not clicked (no npm install in the test).
      await page.locator('[id="status.notifications"]').click();
      const offer = page.locator('.notifications-center .monaco-list-row', { hasText: 'npm install' });
      await offer.waitFor();
      assert.match(await offer.innerText(), /Update package-lock\.json: run `npm install`/);
      assert.match(await offer.innerText(), /Platform Guide/);
      await shot('lockfile-offer');
    },
  },
};
