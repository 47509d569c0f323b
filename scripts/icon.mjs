// Renders images/icon.svg to images/icon.png (128×128, the Marketplace's size) in headless
// Chromium. Run it after editing the SVG and commit both; packaging only reads the PNG.
//   node scripts/icon.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './vscode/paths.mjs';

const svg = readFileSync(new URL('../images/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: new URL('../images/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
