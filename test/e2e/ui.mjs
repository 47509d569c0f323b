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
