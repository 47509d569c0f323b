// `npm run bench:editor`: the editor benchmark in the real VS Code (not part of `npm test`).
// Builds the extension as it ships (`esbuild.mjs --production`), reports the bundle's size, then
// runs the `bench` integration suite (test/integration/bench/) BENCH_EDITOR_RUNS times, each on a
// fresh server, and tabulates what its runs measured: median and p95 over all samples.
//   BENCH_EDITOR_RUNS=5 (default)  BENCH_OPENS=10  BENCH_KEYSTROKES=50 (per run)  BENCH_MEMBERS=10000
// It also reports the extension host's longest block while it scans BENCH_MEMBERS more manifests,
// and the keystrokes re-evaluated during that scan.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled } from './install.mjs';
import { repoRoot, resultsDir } from './paths.mjs';
import { runSuite } from './suiteRunner.mjs';
import { suites } from '../../test/integration/suites.mjs';

const runs = Number(process.env.BENCH_EDITOR_RUNS || 5);
const verbose = !!process.env.PLATFORM_GUIDE_TEST_VERBOSE;
const AIM = { bundleKb: 300, activationMs: 50, evaluationMs: 5, blockMs: 50 };

const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
ensureInstalled();
step(process.execPath, ['esbuild.mjs', '--production']);
step(process.execPath, ['scripts/vscode/buildTests.mjs']);
const bundleBytes = statSync(join(repoRoot, 'dist', 'extension.js')).size;

const suite = suites.find((s) => s.name === 'bench');
const outFile = suite.env.PLATFORM_GUIDE_BENCH_OUT;
/** @type {Record<string, number[]>} */
const all = { reported: [], activateCall: [], firstDiagnostics: [], open: [], openFromEvent: [], keystroke: [], keystrokeFromEvent: [], evaluate: [], scanMs: [], block: [], lateness: [], scanKeystroke: [], idle: [], sendingBlock: [] };
let members = 0;
let manifest;
let debounceMs = 150;
const started = Date.now();
for (let i = 1; i <= runs; i++) {
  process.stdout.write(`run ${i}/${runs}… `);
  rmSync(outFile, { force: true });
  const lines = [];
  const { results, problem } = await runSuite(suite, { verbose, onConsole: (l) => lines.push(l) });
  if (problem || !results || results.failed) {
    console.log(`failed\n${lines.join('\n')}\n${problem ?? ''}`);
    process.exit(1);
  }
  const f = JSON.parse(readFileSync(outFile, 'utf8'));
  manifest = f.manifest;
  debounceMs = f.debounceMs;
  all.reported.push(f.activation.reportedMs);
  all.activateCall.push(f.activation.activateCallMs);
  all.firstDiagnostics.push(f.activation.firstDiagnosticsMs);
  all.open.push(...f.openMs);
  all.openFromEvent.push(...f.openFromEventMs);
  all.keystroke.push(...f.keystrokeMs);
  all.keystrokeFromEvent.push(...f.keystrokeFromEventMs);
  all.evaluate.push(...f.evaluateMs);
  members = f.scan.members;
  all.scanMs.push(f.scan.ms);
  all.block.push(f.scan.longestBlockMs);
  all.sendingBlock.push(f.scan.sendingLongestBlockMs);
  all.lateness.push(f.scan.intervalLatenessMs);
  all.idle.push(f.scan.idleLatenessMs);
  all.scanKeystroke.push(...f.scan.keystrokeMs);
  console.log('done');
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => { const s = sorted(xs); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => sorted(xs)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)];
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const minus = (xs) => xs.map((x) => x - debounceMs);
const verdict = (value, aim) => (aim === undefined ? '' : value < aim ? `< ${aim} ms: met` : `< ${aim} ms: MISSED`);

const rows = [
  ['activation, as the extension logs it (`activated in N ms`: the activate() body)', all.reported, AIM.activationMs],
  ['activation, ext.activate() wall time (loading dist/extension.js + activate())', all.activateCall, AIM.activationMs],
  ['activate → first diagnostics on the manifest (catalog read + first scan)', all.firstDiagnostics],
  ['open + show a new manifest → its diagnostics (openTextDocument called)', all.open],
  ['  from the open event in the extension host', all.openFromEvent],
  [`  from the open event, minus the ${debounceMs} ms debounce`, minus(all.openFromEvent)],
  ['one-character edit → updated diagnostics (editor.edit called)', all.keystroke],
  ['  from the change event in the extension host', all.keystrokeFromEvent],
  [`  from the change event, minus the ${debounceMs} ms debounce`, minus(all.keystrokeFromEvent), AIM.evaluationMs],
  ['core evaluation of the manifest text alone (per re-evaluation)', all.evaluate, AIM.evaluationMs],
  [`${members} more manifests written: the scan that sends their diagnostics, longest block (max per run)`, all.sendingBlock, AIM.blockMs],
  [`rescan with ${members} more manifests (reload → settled), finding what is shown: nothing sent again`, all.scanMs],
  ['  longest block of the extension host during it (event-loop delay, max per run)', all.block, AIM.blockMs],
  ['  longest lateness of a 10 ms interval timer during it (max per run)', all.lateness, AIM.blockMs],
  ['  the same timer for 2 s before it, nothing of ours running (the machine\'s own lateness)', all.idle],
  [`  one-character edit during it → updated diagnostics, minus the ${debounceMs} ms debounce`, all.scanKeystroke],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\nPlatform Guide editor benchmark: VS Code ${'1.139.1'} (code-server's server, headless Chromium), ${runs} run(s) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`manifest: ${manifest.dependencies} dependencies (${manifest.platform} platform packages, ${manifest.deprecated} deprecated), ${(manifest.bytes / 1024).toFixed(1)} KB, with package-lock.json; times from the extension host, polled every 5 ms\n`);
console.log(`${'measure'.padEnd(width)}  ${'n'.padStart(4)}  ${'median ms'.padStart(9)}  ${'p95 ms'.padStart(7)}  aim`);
for (const [label, xs, aim] of rows) {
  console.log(`${label.padEnd(width)}  ${String(xs.length).padStart(4)}  ${fmt(median(xs)).padStart(9)}  ${fmt(p95(xs)).padStart(7)}  ${verdict(median(xs), aim)}`);
}
const kb = bundleBytes / 1024;
console.log(`\nbundle dist/extension.js (esbuild.mjs --production): ${bundleBytes} bytes = ${kb.toFixed(1)} KB (aim < ${AIM.bundleKb} KB: ${kb < AIM.bundleKb ? 'met' : 'MISSED'})`);
console.log(`raw figures of the last run: ${outFile}`);
console.log(`Edits and opens are evaluated ${debounceMs} ms after the last one (the typing debounce), so the raw
figures are mostly that wait. From the event minus the debounce is the extension's own work (evaluate,
convert, publish) plus setTimeout lateness and up to one 5 ms poll; the round trip to the workbench
in the browser is the difference to the raw figure. Core evaluation alone is the same WorkspaceScanner
call on the same text with no editor around it.`);
