// Entry point of an integration suite inside the extension host, with @vscode/test-electron's
// contract (`run(): Promise<void>`, rejects on failure), so one suite serves both runners.
// Each suite folder has an index.ts that re-exports `run`; buildTests.mjs bundles it to
// out/test/integration/<suite>/index.js, so `__dirname` below is that suite's compiled folder and
// mocha runs the `*.test.js` bundled next to it.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as MochaTypes from 'mocha';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

/** Written where PLATFORM_GUIDE_TEST_RESULTS says: the runner's source of truth, since mocha's
 *  own output only reaches the browser console. */
export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

export function run(): Promise<void> {
  return runMocha(__dirname);
}

export async function runMocha(dir: string): Promise<void> {
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  let failures: number;
  try {
    // Not bundled: mocha is ESM with dynamic requires; the extension host (Node 24) loads it from
    // the project's node_modules with require(esm). `.default` covers either module shape.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('mocha') as { default?: typeof MochaTypes } & typeof MochaTypes;
    const Mocha = mod.default ?? mod;
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(dir, f));
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve); // throws here if a test file fails to load
      const record = (t: MochaTypes.Runnable, state: TestResult['state'], err?: Error): void => {
        results[state]++;
        results.tests.push({ title: t.fullTitle(), state, durationMs: t.duration ?? 0, ...(err ? { error: err.stack ?? String(err) } : {}) });
      };
      runner.on('pass', (t) => record(t, 'passed'));
      runner.on('pending', (t) => record(t, 'pending'));
      // 'fail' also fires for hooks, so this counts what mocha counts as failures.
      runner.on('fail', (t, err: Error) => record(t, 'failed', err));
    });
  } catch (e) {
    failures = 1;
    results.failed++;
    results.tests.push({ title: `loading the suite in ${dir}`, state: 'failed', durationMs: 0, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
  const out = process.env.PLATFORM_GUIDE_TEST_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
  if (failures > 0) throw new Error(`${failures} test(s) failed.`);
}
