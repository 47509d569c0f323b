// Runs the integration suites inside the real VS Code (code-server's bundled server) in headless
// Chromium. Per suite: server → browser → workbench URL with the test payload → wait for
// codeAutomationExit → read the results file. Ends with the line `N passed, N failed` that CI reads.
//   node scripts/vscode/runIntegration.mjs [suite-name...]   (build first: buildTests.mjs)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { ensureInstalled } from './install.mjs';
import { repoRoot, resultsDir } from './paths.mjs';
import { startServer } from './server.mjs';
import { suites } from '../../test/integration/suites.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.PLATFORM_GUIDE_SUITE_TIMEOUT_MS || 180_000);
const verbose = !!process.env.PLATFORM_GUIDE_TEST_VERBOSE;

async function runSuite(suite) {
  const abs = (p) => resolve(repoRoot, p);
  const testsPath = abs(suite.testsPath);
  if (!existsSync(testsPath)) throw new Error(`${suite.testsPath} is missing: run node scripts/vscode/buildTests.mjs`);
  const resultsFile = join(resultsDir, 'integration', `${suite.name}.json`);
  mkdirSync(join(resultsDir, 'integration'), { recursive: true });
  rmSync(resultsFile, { force: true });

  const server = await startServer({
    workspaceTrust: !!suite.trust,
    userSettings: suite.settings ?? {},
    extensionDevelopmentPath: abs(suite.extension ?? '.'),
    installExtensions: (suite.install ?? []).map(abs),
  });
  // The extension host's console (mocha's spec output, tests' console.log) reaches the browser's.
  const browser = await launchBrowser({
    verbose,
    onConsole: (text) => { for (const line of text.split('\n')) console.log(`  | ${line}`); },
  });
  // Suites that edit files get a fresh copy of their workspace, so every run starts the same.
  const workspace = suite.copy ? join(mkdtempSync(join(tmpdir(), `pg-${suite.name}-`)), 'workspace') : abs(suite.workspace);
  if (suite.copy) cpSync(abs(suite.workspace), workspace, { recursive: true });
  let exitCode;
  try {
    const exited = new Promise((res) => browser.page.exposeFunction('codeAutomationExit', (code) => res(Number(code))));
    await browser.page.goto(server.url(workspace, {
      extensionTestsPath: testsPath,
      extensionEnvironment: { ...suite.env, PLATFORM_GUIDE_TEST_RESULTS: resultsFile },
    }));
    let timer;
    const timeout = new Promise((res) => { timer = setTimeout(() => res('timeout'), SUITE_TIMEOUT_MS); });
    exitCode = await Promise.race([exited, timeout]);
    clearTimeout(timer);
  } finally {
    await browser.close();
    // Keep the server's data (logs) when something went wrong.
    await server.stop({ keep: exitCode !== 0 || !!process.env.PLATFORM_GUIDE_KEEP_TEST_DATA });
    if (suite.copy && exitCode === 0) rmSync(join(workspace, '..'), { recursive: true, force: true });
  }

  /** @type {{ passed: number, failed: number, pending: number, tests: { title: string, state: string, error?: string }[] } | undefined} */
  let results;
  try { results = JSON.parse(readFileSync(resultsFile, 'utf8')); } catch { /* none written */ }
  const problem = exitCode === 'timeout' ? `timed out after ${SUITE_TIMEOUT_MS / 1000} s`
    : !results ? `no results (exit code ${exitCode}): did the suite load? see the console above`
    : exitCode !== 0 && results.failed === 0 ? `exit code ${exitCode} without a failing test` : undefined;
  if (exitCode !== 0) console.log(`  server data and logs kept in ${server.dataDir}`);
  return { results, problem };
}

const wanted = process.argv.slice(2);
const selected = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
if (!selected.length) {
  console.error(`no suite named ${wanted.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

try {
  ensureInstalled(); // silent unless it has to install (~90 s, once)
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
let passed = 0;
let failed = 0;
const started = Date.now();
for (const suite of selected) {
  const t = Date.now();
  console.log(`\n${suite.name}`);
  let outcome;
  try {
    outcome = await runSuite(suite);
  } catch (e) {
    outcome = { results: undefined, problem: e instanceof Error ? e.message : String(e) };
  }
  const { results, problem } = outcome;
  // mocha's own spec output was forwarded above; repeat only what needs attention.
  for (const test of (results?.tests ?? []).filter((x) => x.state === 'failed')) {
    console.log(`  ✗ ${test.title}\n${(test.error ?? '').split('\n').map((l) => `      ${l}`).join('\n')}`);
  }
  if (results) console.log(`  ${results.passed} passing, ${results.failed} failing, ${results.pending} pending`);
  passed += results?.passed ?? 0;
  failed += results?.failed ?? 0;
  // A suite that never reported (crash, timeout, load error) counts as one failure.
  if (problem) {
    failed += 1;
    console.log(`  ✗ suite ${suite.name}: ${problem}`);
  }
  console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`\nintegration: ${selected.length} suite(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
