// `npm run bench:report` (history part): times `platform-guide report --since … --every 7d` over a
// generated repository of 2,000 commits (written in one go with `git fast-import`), a 52-point
// weekly history, against the same report without history. Not part of the tests: timings
// belong in a benchmark, not in assertions.
//   BENCH_COMMITS=2000  BENCH_POINTS=52  BENCH_MANIFESTS=20  BENCH_RUNS=3
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const commits = Number(process.env.BENCH_COMMITS ?? 2000);
const pointCount = Number(process.env.BENCH_POINTS ?? 52);
const manifests = Number(process.env.BENCH_MANIFESTS ?? 20);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cli = path.join(here, '..', 'dist', 'cli.js');
const AIM_MS = 10_000;
const TODAY = '2026-11-30';
const DAY = 86_400;

const CATALOG = `schema: platform-guide/v1
teams:
  - id: web-platform
    name: Web Platform
components:
  - id: acme-ui
    name: Acme UI
    owner: web-platform
    packages:
      - npm: "@acme/ui"
    recommended: 4.2.0
    deprecations:
      - versions: "<3.0.0"
        message: Acme UI 2 is out of support.
        sunset: 2026-06-30
      - versions: ">=3.0.0 <4.0.0"
        message: Acme UI 3 reaches the end of its support.
        sunset: 2027-06-30
  - id: acme-log
    name: Acme Log
    owner: web-platform
    packages:
      - npm: "@acme/log"
    recommended: 2.0.0
`;

/** The commits' span: from about two years before today to the day before it. */
function commitTimes() {
  const end = Date.parse(`${TODAY}T00:00:00Z`) / 1000 - DAY;
  const start = end - 730 * DAY;
  return Array.from({ length: commits }, (_, i) => Math.round(start + ((end - start) * i) / (commits - 1)));
}

/**
 * One fast-import stream: every fifth commit touches only the README (points between such commits
 * reuse the last counts); the others move one manifest's Acme UI a step from 2.x through 3.x to 4.x.
 */
function stream() {
  const out = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const version = new Array(manifests).fill(0);
  const touched = new Array(manifests).fill(0);
  let changes = 0;
  const ladder = ['2.1.0', '2.3.4', '3.0.0', '3.1.2', '3.4.0', '4.0.0', '4.1.0', '4.2.0', '4.2.1', '4.3.0'];
  const manifest = (i) => JSON.stringify({ name: `p${i}`, dependencies: { '@acme/ui': ladder[Math.min(version[i], ladder.length - 1)], '@acme/log': '2.0.0', lodash: '4.17.21' } }, null, 2) + '\n';
  commitTimes().forEach((t, n) => {
    out.push(`commit refs/heads/main\nauthor Bench <bench@example.com> ${t} +0000\ncommitter Bench <bench@example.com> ${t} +0000\n`);
    out.push(data(`change ${n}`));
    if (n === 0) {
      for (let i = 0; i < manifests; i++) out.push(`M 100644 inline packages/p${String(i).padStart(2, '0')}/package.json\n${data(manifest(i))}`);
      out.push(`M 100644 inline package.json\n${data(JSON.stringify({ name: 'bench', private: true, workspaces: ['packages/*'] }, null, 2) + '\n')}`);
    } else if (n % 5 === 0) {
      out.push(`M 100644 inline README.md\n${data(`# bench\n\nchange ${n}\n`)}`);
    } else {
      // Each manifest in turn; a step up the ladder every ninth change of it, so that the ladder
      // is climbed over the whole history (the other changes reformat the file).
      const i = changes++ % manifests;
      if (++touched[i] % 9 === 0) version[i]++;
      out.push(`M 100644 inline packages/p${String(i).padStart(2, '0')}/package.json\n${data(manifest(i) + ' '.repeat(n % 3))}`);
    }
    out.push('\n');
  });
  return out.join('');
}

function generate(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: stream(), env, maxBuffer: 1 << 30 });
  execFileSync('git', ['-C', dir, 'checkout', '-q', '-f', 'main'], { env });
  fs.writeFileSync(path.join(dir, '..', 'catalog.yaml'), CATALOG);
  fs.writeFileSync(path.join(dir, '..', 'done'), `${commits} ${manifests} v2`);
}

function timed(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`report exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = path.join(here, '.generated', `history-${commits}-${manifests}`);
const dir = path.join(base, 'repo');
if (!fs.existsSync(path.join(base, 'done')) || fs.readFileSync(path.join(base, 'done'), 'utf8') !== `${commits} ${manifests} v2`) {
  const t = performance.now();
  generate(dir);
  console.log(`generated ${commits} commits of ${manifests} manifests with git fast-import in ${((performance.now() - t) / 1000).toFixed(1)} s: ${dir}`);
}
// The past points, a week apart, end the week before today; today is the report's own scan.
const since = new Date(Date.parse(`${TODAY}T00:00:00Z`) - (pointCount - 1) * 7 * DAY * 1000).toISOString().slice(0, 10);
const common = ['report', dir, '--catalog', path.join(base, 'catalog.yaml'), '--today', TODAY, '--fail-on', 'never', '--format', 'json'];
const withHistory = [...common, '--since', since, '--every', '7d'];

const first = timed(withHistory);
const h = JSON.parse(first.out).history;
const ui = h.components.find((c) => c.id === 'acme-ui');
console.log(`history: ${h.points.length} points from ${h.points[0].date}; Acme UI adoption ${ui.adoption[0].uses.count}/${ui.adoption[0].uses.total} → ${ui.adoption.at(-1).uses.count}/${ui.adoption.at(-1).uses.total} uses`);
const results = { plain: [], history: [] };
for (let i = 0; i < runs; i++) {
  results.plain.push(timed(common).ms);
  results.history.push(timed(withHistory).ms);
}
const plain = median(results.plain);
const full = median(results.history);
console.log(
  `report today only ${plain.toFixed(0)} ms; with the ${h.points.length}-point weekly history ${full.toFixed(0)} ms ` +
    `(history ${(full - plain).toFixed(0)} ms; aim: under ${AIM_MS / 1000} s) — medians of ${runs} run(s)`,
);
