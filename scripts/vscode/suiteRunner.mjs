// Runs one integration suite (an entry of test/integration/suites.mjs) inside the real VS Code:
// server → browser → workbench URL with the test payload → wait for codeAutomationExit → read the
// results file. Shared by runIntegration.mjs (the tests) and benchEditor.mjs (the benchmark).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { repoRoot, resultsDir } from './paths.mjs';
import { startServer } from './server.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.PLATFORM_GUIDE_SUITE_TIMEOUT_MS || 180_000);

/**
 * @typedef {{ passed: number, failed: number, pending: number, tests: { title: string, state: string, error?: string }[] }} SuiteResults
 * @param {import('../../test/integration/suites.mjs').Suite} suite
 * @param {{ verbose?: boolean, onConsole?: (line: string) => void }} [opts]
 * @returns {Promise<{ results: SuiteResults | undefined, problem: string | undefined }>}
 */
export async function runSuite(suite, opts = {}) {
  const abs = (p) => resolve(repoRoot, p);
  const testsPath = abs(suite.testsPath);
  if (!existsSync(testsPath)) throw new Error(`${suite.testsPath} is missing: run node scripts/vscode/buildTests.mjs`);
  const resultsFile = join(resultsDir, 'integration', `${suite.name}.json`);
  mkdirSync(join(resultsDir, 'integration'), { recursive: true });
  rmSync(resultsFile, { force: true });

  // A suite of the packaged extension gets a .vsix built now, as a release builds it.
  const installVsix = suite.vsix ? [packageVsix(suite.name)] : [];
  const server = await startServer({
    workspaceTrust: !!suite.trust,
    userSettings: suite.settings ?? {},
    extensionDevelopmentPath: abs(suite.extension ?? '.'),
    installExtensions: (suite.install ?? []).map(abs),
    installVsix,
    env: suite.serverEnv ?? {},
  });
  // The extension host's console (mocha's spec output, tests' console.log) reaches the browser's.
  const onConsole = opts.onConsole ?? ((text) => { for (const line of text.split('\n')) console.log(`  | ${line}`); });
  const browser = await launchBrowser({ verbose: opts.verbose, onConsole });
  // Suites that edit files get a fresh copy of their workspace, so every run starts the same.
  const workspace = suite.copy ? join(mkdtempSync(join(tmpdir(), `pg-${suite.name}-`)), 'workspace') : abs(suite.workspace);
  if (suite.copy) cpSync(abs(suite.workspace), workspace, { recursive: true });
  let exitCode;
  try {
    const exited = new Promise((res) => browser.page.exposeFunction('codeAutomationExit', (code) => res(Number(code))));
    await browser.page.goto(server.url(workspace, {
      extensionTestsPath: testsPath,
      extensionEnvironment: {
        ...suite.env,
        PLATFORM_GUIDE_TEST_RESULTS: resultsFile,
        // Where extensions' log files go (<session>/exthost1/<extension id>/<channel>.log): lets a
        // test read what an extension logged, e.g. the benchmark's `activated in N ms`.
        PLATFORM_GUIDE_TEST_LOGS: join(server.dataDir, 'user', 'logs'),
      },
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

  /** @type {SuiteResults | undefined} */
  let results;
  try { results = JSON.parse(readFileSync(resultsFile, 'utf8')); } catch { /* none written */ }
  const problem = exitCode === 'timeout' ? `timed out after ${SUITE_TIMEOUT_MS / 1000} s`
    : !results ? `no results (exit code ${exitCode}): did the suite load? see the console above`
    : exitCode !== 0 && results.failed === 0 ? `exit code ${exitCode} without a failing test` : undefined;
  if (exitCode !== 0) console.log(`  server data and logs kept in ${server.dataDir}${suite.copy ? `; workspace copy in ${workspace}` : ''}`);
  return { results, problem };
}

/** `npm run package` into the results folder; returns the .vsix's path. */
function packageVsix(name) {
  const out = join(resultsDir, 'integration', `${name}.vsix`);
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--out', out], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return out;
}
