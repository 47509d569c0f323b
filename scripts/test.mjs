// `npm test`: every phase in order — type-check, build, unit tests, integration tests inside a
// real VS Code, end-to-end tests through its user interface — then one closing line with the
// totals, `N passed, N failed`, as CI systems read it. Stops at the first phase that fails.
//   node scripts/test.mjs [--unit-only]
import { spawn } from 'node:child_process';

const phases = [
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'build', command: ['node', 'esbuild.mjs'] },
  { name: 'unit', command: ['npx', 'mocha'], counts: true },
  { name: 'integration', command: ['node', 'scripts/vscode/buildTests.mjs'] },
  { name: 'integration', command: ['node', 'scripts/vscode/runIntegration.mjs'], counts: true },
  { name: 'end-to-end', command: ['node', 'scripts/vscode/runE2e.mjs'], counts: true },
];
const unitOnly = process.argv.includes('--unit-only');
const selected = unitOnly ? phases.slice(0, 3) : phases;

function run({ command }) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let last;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      for (const m of chunk.toString().matchAll(/^(\d+) passed, (\d+) failed/gm)) last = { passed: Number(m[1]), failed: Number(m[2]) };
    });
    child.on('close', (code) => resolve({ code, last }));
  });
}

let passed = 0;
let failed = 0;
const started = Date.now();
for (const phase of selected) {
  console.log(`\n=== ${phase.name}: ${phase.command.join(' ')}`);
  const { code, last } = await run(phase);
  if (phase.counts) {
    passed += last?.passed ?? 0;
    failed += last?.failed ?? (code === 0 ? 0 : 1);
  }
  if (code !== 0) {
    if (!phase.counts) failed += 1;
    console.log(`\n${phase.name} failed (exit ${code}); later phases not run.`);
    break;
  }
}
console.log(`\nall phases: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
