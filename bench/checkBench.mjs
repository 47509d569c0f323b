// `npm run bench`: times `platform-guide check` on a generated monorepo against the floor (a plain
// script that only walks, reads and JSON.parses the same files), and prints both, their ratio and
// peak memory. Not part of the tests: timings belong in a benchmark, not in assertions.
//   BENCH_MEMBERS=10000 (default)  BENCH_RUNS=5 (default)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const members = Number(process.env.BENCH_MEMBERS ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = path.join(here, '.generated', `monorepo-${members}`);
const cli = path.join(here, '..', 'dist', 'cli.js');

if (!fs.existsSync(path.join(dir, 'package-lock.json'))) {
  const t = performance.now();
  generateMonorepo(dir, members);
  console.log(`generated ${members} members in ${((performance.now() - t) / 1000).toFixed(1)} s: ${dir}`);
}
const lockMb = fs.statSync(path.join(dir, 'package-lock.json')).size / 1e6;

function timed(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(here, 'maxrss.cjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = Number(/maxrss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { ms, rss, stdout: r.stdout };
}

const check = [cli, 'check', dir, '--catalog', path.join(dir, 'catalog.yaml'), '--format', 'json', '--fail-on', 'never', '--today', '2026-11-21'];
const floor = [path.join(here, 'floor.mjs'), dir];
timed(floor); // warm the file cache for both
const results = { check: [], floor: [] };
for (let i = 0; i < runs; i++) {
  results.floor.push(timed(floor));
  results.check.push(timed(check));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const checkMs = median(results.check.map((r) => r.ms));
const floorMs = median(results.floor.map((r) => r.ms));
const summary = JSON.parse(results.check[0].stdout).summary;
console.log(`monorepo: ${members} package.json files, package-lock.json ${lockMb.toFixed(1)} MB, ${summary.dependencies} dependencies, ${summary.platformDependencies} platform dependencies, findings ${JSON.stringify(summary.findings)}`);
console.log(`check  median of ${runs}: ${checkMs.toFixed(0)} ms, peak RSS ${Math.max(...results.check.map((r) => r.rss)).toFixed(0)} MB`);
console.log(`floor  median of ${runs}: ${floorMs.toFixed(0)} ms, peak RSS ${Math.max(...results.floor.map((r) => r.rss)).toFixed(0)} MB`);
console.log(`ratio check/floor: ${(checkMs / floorMs).toFixed(2)} (aim: under 1.5; peak memory aim: under 300 MB)`);
