// What a user sees and does with a catalog migration: the warning on apps/web's @acme/ui ^3.1.0,
// the quick fix "Migrate acme-ui: Acme UI 3 → 4", a diff editor with every planned change, one
// click on Apply, and the files on disk migrated; then one Undo brings every file back. The
// real extension (the repository, under development), a fresh copy of examples/workspace (the
// repository is never modified), the example catalog as the user's setting and the example's date.
// Run by scripts/vscode/runE2e.mjs. Wait on what the UI shows, never on fixed sleeps.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleEnv, exampleSettings } from '../../scripts/vscode/paths.mjs';
import { editor, openQuickFixMenu, openWorkbench, quickOpen, squiggleUnderVersion, versionBox, versionLine } from './ui.mjs';

const WEB = ['apps', 'web'];
const FIX = 'Migrate acme-ui: Acme UI 3 → 4';
const FILES = ['package.json', 'src/App.tsx', 'src/theme.ts', 'tsconfig.json'];
const PREVIEW = 'Acme UI 3 → 4 in apps/web: 7 changes in 4 files';

/** Polls a file until `ok(text)`: saves reach the disk through the server a moment later. */
async function fileBecomes(path, ok, what) {
  let text = readFileSync(path, 'utf8');
  for (const deadline = Date.now() + 10_000; !ok(text) && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 100));
    text = readFileSync(path, 'utf8');
  }
  assert.ok(ok(text), `${what}; the file holds:\n${text}`);
  return text;
}

/** The files as the copy had them before the migration, read by the first step. */
const originals = {};

export default {
  workspace: 'examples/workspace',
  copy: true,
  settings: exampleSettings,
  env: exampleEnv,
  steps: {
    'opens the workbench on a copy of the example workspace': async ({ page, open, shot, workspace }) => {
      for (const f of FILES) originals[f] = readFileSync(join(workspace, ...WEB, f), 'utf8');
      await openWorkbench(page, open);
      await shot('workbench');
    },

    'opens apps/web/package.json with Quick Open (Ctrl+P)': async ({ page, shot }) => {
      await quickOpen(page, 'apps/web/package.json', '@acme-shop/web');
      await shot('quick-open');
    },

    'shows a warning squiggle under the version ^3.1.0': async ({ page, shot }) => {
      await squiggleUnderVersion(page, 'warning', '^3.1.0');
      await shot('squiggle');
    },

    [`opens the quick-fix menu (Ctrl+.) on the version: "${FIX}" is offered`]: async ({ page, shot }) => {
      const v = await versionBox(page, '^3.1.0');
      await page.mouse.click(v.x + v.width / 2, v.y + v.height / 2);
      await page.locator('.statusbar-item', { hasText: /^Ln 6, Col (1[89]|2[0-4])$/ }).waitFor();
      const menu = await openQuickFixMenu(page, FIX);
      await menu.locator('.monaco-list-row', { hasText: 'Upgrade @acme/ui to ^4.2.0' }).waitFor();
      await menu.locator('.monaco-list-row', { hasText: 'Add a time-boxed exception for acme-ui' }).waitFor();
      await shot('quick-fix-menu');
    },

    'picks it: a diff editor shows every planned change, file by file; nothing is written yet': async ({ page, shot, workspace }) => {
      await page.locator('.action-widget .monaco-list-row', { hasText: FIX }).click();
      await page.locator('.tabs-container .tab.active', { hasText: PREVIEW }).waitFor({ timeout: 20_000 });
      const entries = page.locator('.multiDiffEntry');
      for (const f of ['package.json', 'App.tsx', 'theme.ts', 'tsconfig.json']) await entries.filter({ hasText: f }).first().waitFor();
      // The right side is the migrated text: App.tsx's new import is on screen before anything is applied.
      await entries.filter({ hasText: 'App.tsx' }).locator('.view-line', { hasText: "from '@acme/ui';" }).first().waitFor();
      for (const f of FILES) assert.equal(readFileSync(join(workspace, ...WEB, f), 'utf8'), originals[f], `${f} untouched while previewed`);
      await shot('preview');
    },

    'asks once, Apply or Discard: one click on Apply migrates every file on disk': async ({ page, shot, workspace }) => {
      // The server's --enable-smoke-test-driver suppresses toasts: the question waits in the notification center.
      // The bell toggles the center: it is clicked again only if the center is not showing.
      const question = page.locator('.notifications-center .monaco-list-row', { hasText: 'Apply "Acme UI 3 → 4" to apps/web?' });
      for (let attempt = 0; attempt < 3 && !(await question.isVisible()); attempt++) {
        if (!(await page.locator('.notifications-center.visible').isVisible())) await page.locator('[id="status.notifications"]').click();
        await page.mouse.move(400, 300); // the bell's tooltip would cover the buttons
        await question.waitFor({ timeout: 10_000 }).catch(() => undefined);
      }
      await question.waitFor();
      assert.match(await question.innerText(), /7 changes in 4 files, shown in the diff editor/);
      await shot('question');
      await question.locator('.monaco-button', { hasText: /^Apply$/ }).click();
      await page.locator('.tabs-container .tab', { hasText: PREVIEW }).waitFor({ state: 'detached' });
      // A refactoring across files is saved by VS Code itself (files.refactoring.autoSave).
      const file = (f) => join(workspace, ...WEB, f);
      const pkg = await fileBecomes(file('package.json'), (t) => t.includes('"@acme/ui": "^4.2.0"'), 'package.json has ^4.2.0');
      assert.match(pkg, /"ui-next": "npm:@acme\/ui@\^4\.2\.0"/);
      const app = await fileBecomes(file('src/App.tsx'), (t) => t.startsWith("import { Button, Card } from '@acme/ui';"), 'App.tsx imports @acme/ui');
      assert.match(app, /<Button variant="primary">/);
      await fileBecomes(file('src/theme.ts'), (t) => t.startsWith("import { createTheme } from '@acme/ui';"), 'theme.ts imports @acme/ui');
      const tsconfig = await fileBecomes(file('tsconfig.json'), (t) => t.includes('"jsx": "react-jsx"'), 'tsconfig.json has "jsx": "react-jsx"');
      assert.doesNotMatch(tsconfig, /suppressImplicitAnyIndexErrors/);
      await page.keyboard.press('Escape');
      await quickOpen(page, 'apps/web/package.json', '@acme-shop/web');
      await versionLine(page, '^4.2.0').waitFor();
      await page.locator(`${editor} .squiggly-warning`).first().waitFor({ state: 'detached' });
      await shot('applied');
    },

    'says what it did and offers to update the lockfile': async ({ page, shot }) => {
      // The server's --enable-smoke-test-driver suppresses toasts: both wait in the notification center.
      await page.locator('[id="status.notifications"]').click();
      const center = page.locator('.notifications-center');
      const summary = center.locator('.monaco-list-row', { hasText: 'Migrated acme-ui in apps/web' });
      await summary.waitFor();
      assert.match(await summary.innerText(), /7 changes in 4 files; 0 skipped/);
      assert.match(await summary.innerText(), /Open Guide/);
      await center.locator('.monaco-list-row', { hasText: 'npm install' }).waitFor();
      await shot('summary');
      await page.keyboard.press('Escape');
    },

    'one Undo (Ctrl+Z in the manifest) brings every file back': async ({ page, shot, workspace }) => {
      const v = await versionBox(page, '^4.2.0');
      await page.mouse.click(v.x + v.width / 2, v.y + v.height / 2);
      await page.keyboard.press('Control+Z');
      await versionLine(page, '^3.1.0').waitFor();
      // Undone in the editor; saved so the disk follows.
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.fill('>File: Save All Files');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'File: Save All Files' }).first().click();
      for (const f of FILES) await fileBecomes(join(workspace, ...WEB, f), (t) => t === originals[f], `${f} is back as it was`);
      await page.locator(`${editor} .squiggly-warning`).first().waitFor({ timeout: 20_000 });
      await shot('undone');
    },
  },
};
