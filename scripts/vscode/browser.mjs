// Headless Debian Chromium through playwright-core (no browser download: we point at the system
// binary), with a fresh profile per run so no IndexedDB state leaks between runs.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { CHROMIUM } from './paths.mjs';

/** Offline and web-only noise in the workbench's console: harmless, hides the test output. */
const NOISE = [
  /Failed to load resource/, /Manifest fetch from/, /serviceWorker|Service Worker|bad HTTP response code \(404\)/,
  /open-vsx\.org|ENOTFOUND|ERR_NAME_NOT_RESOLVED/, /connection token|Creating a socket|reconnection-grace-time/,
  /additional builtin extensions cache|\[AgentHost|\[AccountPolicyGate\]/,
  /web worker extension host is started|allow-scripts and allow-same-origin/,
];

/**
 * The workbench logs as console.log('%c INFO', 'color: …', fmt, ...args), so Playwright's
 * message.text() shows raw `%s%s` placeholders; format the real arguments instead.
 * @param {unknown[]} args
 */
function formatArgs(args) {
  let label = '';
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
    label = args[0].slice(2).trim();
    args = args.slice(2);
  }
  const text = format(...args);
  return label && label !== 'INFO' ? `${label} ${text}` : text;
}

/** @param {{ onConsole?: (line: string) => void, verbose?: boolean, viewport?: { width: number, height: number }, javaScriptEnabled?: boolean }} [opts] */
export async function launchBrowser(opts = {}) {
  const profileDir = mkdtempSync(join(tmpdir(), 'pg-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    // No sandbox: CI runs as root. The rest keeps an offline Chromium from phoning home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // If the runner dies early, Playwright kills Chromium on exit; this drops the profile after it.
  const dropProfile = () => rmSync(profileDir, { recursive: true, force: true });
  process.on('exit', dropProfile);
  const page = context.pages()[0] ?? (await context.newPage());
  // Arguments are fetched asynchronously; a promise chain keeps lines in order, and close()
  // drains it so the last lines (mocha's summary) are not lost.
  let queue = Promise.resolve();
  if (opts.onConsole) {
    page.on('console', (m) => {
      const args = Promise.all(m.args().map((a) => a.jsonValue())).catch(() => null);
      queue = queue.then(async () => {
        const values = await args;
        const text = values?.length ? formatArgs(values) : m.text();
        if (opts.verbose || !NOISE.some((re) => re.test(text))) opts.onConsole?.(text);
      });
    });
  }
  return {
    context,
    page,
    async close() {
      await Promise.race([queue, new Promise((r) => setTimeout(r, 2000))]);
      await context.close().catch(() => {});
      process.off('exit', dropProfile);
      dropProfile();
    },
  };
}
