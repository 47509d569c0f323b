// End-to-end tests through VS Code's UI: a tiny runner over test/e2e/*.e2e.mjs. Each file is one
// scenario: a fresh server and browser, then its steps in order on the same page (a step builds on
// the previous one, so after a failure the rest are skipped). A screenshot after every step goes
// to test-results/e2e/<file>/ for a person to look at. Ends with `N passed, N failed` for CI.
//   node scripts/vscode/runE2e.mjs [name-filter]
//
// A test file:  export default { workspace, copy?, extension?, trust?, settings?, env?, steps: { 'title': async (t) => {} } }
//   or, for a page that is not VS Code (the HTML report): export default { browserOnly: true, steps }
//   — no server, no workspace; t = { page, shot(name, page?), shotsDir }
//   copy: open a fresh temporary copy of `workspace` (removed after a pass), so the repository is
//         never modified; env: added to the server's environment, which the extension host inherits
// where t = { page, server, workspace (absolute path of the folder opened), open(folder?), shot(name) }
// and paths in the spec are relative to the repository.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { ensureInstalled } from './install.mjs';
import { repoRoot, resultsDir } from './paths.mjs';
import { startServer } from './server.mjs';

const e2eDir = join(repoRoot, 'test', 'e2e');
const outDir = join(resultsDir, 'e2e');
const STEP_TIMEOUT_MS = 60_000;
const verbose = !!process.env.PLATFORM_GUIDE_TEST_VERBOSE;

const withTimeout = (p, ms, what) => {
  let timer;
  return Promise.race([p, new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${what} timed out after ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(timer));
};

async function runFile(file, spec) {
  const name = file.replace(/\.e2e\.mjs$/, '');
  const abs = (p) => resolve(repoRoot, p);
  const shotsDir = join(outDir, name);
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  console.log(`\n${name}`);

  const server = spec.browserOnly
    ? undefined
    : await startServer({
        workspaceTrust: !!spec.trust,
        userSettings: spec.settings ?? {},
        extensionDevelopmentPath: abs(spec.extension ?? '.'),
        env: spec.env ?? {},
      });
  const workspace = spec.browserOnly ? undefined : spec.copy ? join(mkdtempSync(join(tmpdir(), `pg-e2e-${name}-`)), 'workspace') : abs(spec.workspace);
  if (spec.copy && workspace) cpSync(abs(spec.workspace), workspace, { recursive: true });
  const browser = await launchBrowser({ verbose, onConsole: verbose ? (l) => console.log(`  | ${l}`) : undefined });
  let passed = 0;
  let failed = 0;
  let shotNo = 0;
  const t = {
    page: browser.page,
    server,
    workspace,
    /** Opens the workbench on a folder (default: the scenario's workspace, or its copy). */
    open: (folder = workspace) => browser.page.goto(server.url(abs(folder))),
    shot: (label, page = browser.page) => page.screenshot({ path: join(shotsDir, `${String(++shotNo).padStart(2, '0')}-${label}.png`), fullPage: !!spec.browserOnly }),
    shotsDir,
  };
  try {
    let skipping = false;
    for (const [title, step] of Object.entries(spec.steps)) {
      if (skipping) { console.log(`  - ${title} (skipped)`); continue; }
      const started = Date.now();
      try {
        await withTimeout(step(t), STEP_TIMEOUT_MS, title);
        passed++;
        console.log(`  ✓ ${title} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        skipping = true;
        console.log(`  ✗ ${title}\n      ${(e instanceof Error ? e.stack ?? e.message : String(e)).split('\n').join('\n      ')}`);
        await t.shot('FAILED').catch(() => {});
      }
    }
  } finally {
    await browser.close();
    await spec.cleanup?.();
    if (server) {
      await server.stop({ keep: failed > 0 || !!process.env.PLATFORM_GUIDE_KEEP_TEST_DATA });
      if (failed) console.log(`  server data and logs kept in ${server.dataDir}${spec.copy ? `; workspace copy in ${workspace}` : ''}`);
      else if (spec.copy) rmSync(join(workspace, '..'), { recursive: true, force: true });
    }
  }
  console.log(`  screenshots: ${shotsDir}`);
  return { passed, failed };
}

const filter = process.argv[2];
const files = readdirSync(e2eDir).filter((f) => f.endsWith('.e2e.mjs') && (!filter || f.includes(filter))).sort();
let passed = 0;
let failed = 0;
try {
  let installed = false;
  for (const file of files) {
    const spec = await import(pathToFileURL(join(e2eDir, file)).href).then((m) => m.default, (e) => e);
    // VS Code only for the scenarios that open it: silent unless it has to install (~90 s, once);
    // a failed install ends the run, as before any scenario.
    if (!(spec instanceof Error) && !spec.browserOnly && !installed) {
      ensureInstalled();
      installed = true;
    }
    try {
      if (spec instanceof Error) throw spec;
      const r = await runFile(file, spec);
      passed += r.passed;
      failed += r.failed;
    } catch (e) {
      failed++;
      console.log(`  ✗ ${file}: ${e instanceof Error ? e.message : e}`);
    }
  }
} catch (e) {
  failed++;
  console.error(e instanceof Error ? e.message : e);
}
if (!files.length) console.log(`no test/e2e/*.e2e.mjs${filter ? ` matching ${filter}` : ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !files.length ? 1 : 0);
