// What the end-to-end scenarios share about VS Code's user interface.
import * as assert from 'node:assert/strict';

export const editor = '.editor-instance .monaco-editor';

/** The editor line that holds `"@acme/ui": "<version>"`. */
export const versionLine = (page, text) => page.locator(`${editor} .view-line`, { hasText: `"@acme/ui": "${text}"` });

/** The box of the version text on its line: the squiggle and the click go there. */
export async function versionBox(page, text) {
  // The innermost span: the deprecated strikethrough splits the token into `"`, the version, `"`.
  const exact = new RegExp(`^"?${text.replace(/[.^]/g, '\\$&')}"?$`);
  const box = await versionLine(page, text).locator('span', { hasText: exact }).last().boundingBox();
  assert.ok(box, `the version ${text} is on screen`);
  return box;
}

/**
 * Presses Ctrl+. until the quick-fix menu shows the action titled `title` (at most three times):
 * the first press can arrive while code actions are still being computed and show nothing, and a
 * person would simply press again. Other extensions add their own actions: ours are found by title.
 */
export async function openQuickFixMenu(page, title) {
  const menu = page.locator('.action-widget');
  const ours = menu.locator('.monaco-list-row', { hasText: title });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await ours.waitFor({ timeout: 5_000 });
      return menu;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Opens the workbench on the scenario's workspace and waits until the explorer lists it. */
export async function openWorkbench(page, open) {
  await open();
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'apps' }).first().waitFor();
}

/** Opens `file` (relative to the workspace) with Quick Open (Ctrl+P) and waits for a line of it. */
export async function quickOpen(page, file, lineText) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  const folder = file.split('/').slice(0, -1).join('/');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: folder }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: file.split('/').at(-1) }).waitFor();
  await page.locator(`${editor} .view-line`, { hasText: lineText }).waitFor();
}

/** Waits for the file's only squiggle of `kind` ('error', 'warning') and checks it sits under `version`. */
export async function squiggleUnderVersion(page, kind, version) {
  // Diagnostics reach the editor about a second after the extension sets them.
  const squiggle = page.locator(`${editor} .squiggly-${kind}`);
  await squiggle.first().waitFor({ timeout: 20_000 });
  assert.equal(await squiggle.count(), 1, `one ${kind} in this file`);
  const s = await squiggle.boundingBox();
  const v = await versionBox(page, version);
  const line = await versionLine(page, version).boundingBox();
  assert.ok(s && line && s.y >= line.y - 2 && s.y + s.height <= line.y + line.height + 2, 'on the line of @acme/ui');
  assert.ok(s.x >= v.x - 1 && s.x + s.width <= v.x + v.width + 1, 'under the version text');
}
