// `npm run bench`: times `platform-guide check` on generated trees (bench/generate.mjs) against the
// floor (bench/floor.mjs: a plain script that walks, reads and parses the same files and writes as
// many bytes as `check` printed), in each output format, and prints both, their ratio and peak
// memory. Not part of the tests: timings belong in a benchmark, not in assertions.
//   BENCH_MEMBERS=10000  BENCH_RUNS=3  BENCH_TREES=lockfile,findings,mixed  BENCH_FORMATS=text,json,sarif
// Ratios are given on wall time and on CPU time (user + system): on a machine others share, the
// CPU time is the steadier of the two.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree, isGenerated, TREE_NAMES } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const members = Number(process.env.BENCH_MEMBERS ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const trees = (process.env.BENCH_TREES ?? TREE_NAMES.join(',')).split(',');
const formats = (process.env.BENCH_FORMATS ?? 'text,json,sarif').split(',');
const cli = path.join(here, '..', 'dist', 'cli.js');
const AIM = { ratio: 1.5, rssMb: 300 };

/** Runs node with `args`, stdout into a file (as `check > out.sarif` would), and measures it. */
function timed(args, out) {
  const fd = fs.openSync(out, 'w');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(here, 'maxrss.cjs'), ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  fs.closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = Number(/maxrss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const cpu = Number(/cpu-us=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  return { ms, cpu, rss, bytes: fs.statSync(out).size };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = path.join(os.tmpdir(), `platform-guide-bench-${process.pid}.out`);
const rows = [];
for (const tree of trees) {
  const dir = path.join(here, '.generated', `${tree}-${members}`);
  if (!isGenerated(dir)) {
    const t = performance.now();
    generateTree(dir, tree, members);
    console.log(`generated the ${tree} tree of ${members} members in ${((performance.now() - t) / 1000).toFixed(1)} s: ${dir}`);
  }
  for (const format of formats) {
    const check = [cli, 'check', dir, '--catalog', path.join(dir, 'catalog.yaml'), '--format', format, '--fail-on', 'never', '--today', '2026-11-21'];
    const first = timed(check, out); // warms the file cache, and says how many bytes the floor writes
    if (format === 'json' || (format === formats[0] && !formats.includes('json'))) {
      if (format === 'json') {
        const { summary } = JSON.parse(fs.readFileSync(out, 'utf8'));
        console.log(`${tree}: ${summary.manifests} manifests, ${summary.dependencies} dependencies, ${summary.platformDependencies} platform dependencies, findings ${JSON.stringify(summary.findings)}`);
      }
    }
    const floor = [path.join(here, 'floor.mjs'), dir, String(first.bytes)];
    const results = { check: [], floor: [] };
    for (let i = 0; i < runs; i++) {
      results.floor.push(timed(floor, out));
      results.check.push(timed(check, out));
    }
    const m = (k, f) => median(results[k].map(f));
    const row = {
      tree, format, mb: first.bytes / 1e6,
      checkMs: m('check', (r) => r.ms), floorMs: m('floor', (r) => r.ms),
      checkCpu: m('check', (r) => r.cpu), floorCpu: m('floor', (r) => r.cpu),
      checkRss: Math.max(...results.check.map((r) => r.rss)), floorRss: Math.max(...results.floor.map((r) => r.rss)),
    };
    rows.push(row);
    console.log(
      `${tree.padEnd(9)} ${format.padEnd(5)} output ${row.mb.toFixed(1).padStart(6)} MB  ` +
        `check ${row.checkMs.toFixed(0).padStart(6)} ms (cpu ${row.checkCpu.toFixed(0).padStart(6)}) ${row.checkRss.toFixed(0).padStart(4)} MB  ` +
        `floor ${row.floorMs.toFixed(0).padStart(6)} ms (cpu ${row.floorCpu.toFixed(0).padStart(6)}) ${row.floorRss.toFixed(0).padStart(4)} MB  ` +
        `ratio wall ${(row.checkMs / row.floorMs).toFixed(2)} cpu ${(row.checkCpu / row.floorCpu).toFixed(2)}`,
    );
  }
}
fs.rmSync(out, { force: true });
const worst = (f) => Math.max(...rows.map(f));
console.log(
  `\nmedians of ${runs} run(s), ${members} members; worst ratio wall ${worst((r) => r.checkMs / r.floorMs).toFixed(2)}, ` +
    `cpu ${worst((r) => r.checkCpu / r.floorCpu).toFixed(2)} (aim: under ${AIM.ratio}); worst peak RSS of check ` +
    `${worst((r) => r.checkRss).toFixed(0)} MB (aim: under ${AIM.rssMb} MB)`,
);
