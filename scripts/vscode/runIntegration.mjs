// Runs the integration suites inside the real VS Code (code-server's bundled server) in headless
// Chromium, one after the other (suiteRunner.mjs does one). Ends with the line `N passed, N failed`
// that CI reads. Without names it runs every suite but the `extra` ones (the benchmark).
//   node scripts/vscode/runIntegration.mjs [suite-name...]   (build first: buildTests.mjs)
import { ensureInstalled } from './install.mjs';
import { runSuite } from './suiteRunner.mjs';
import { suites } from '../../test/integration/suites.mjs';

const verbose = !!process.env.PLATFORM_GUIDE_TEST_VERBOSE;

const wanted = process.argv.slice(2);
const selected = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites.filter((s) => !s.extra);
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
    outcome = await runSuite(suite, { verbose });
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
