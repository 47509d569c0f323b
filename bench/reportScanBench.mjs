// `npm run bench:report` (this file's part): times `platform-guide report --format json` over a
// folder of generated repositories against `check` on the same trees, and prints both and their
// ratio. Not part of the tests: timings belong in a benchmark, not in assertions.
//   BENCH_REPOS=1000  BENCH_MANIFESTS=20 (per repository)  BENCH_RUNS=3
//   BENCH_PER_REPO=1  also run one `check` process per repository and sum them (slow: a process each)
// `check` is measured two ways:
//   - one `check` over the whole folder: the same files walked, read, parsed and evaluated in one
//     process, without git and without the report's aggregation: the strict comparison;
//   - (BENCH_PER_REPO=1) the sum of one `check` per repository, as CI runs it: each pays for its
//     own process start and catalog load, which the report pays once.
// The report scans its repositories in parallel (one worker per core); its CPU time is every
// thread's, so the CPU ratio says what parallelism costs and the wall ratio what it gains.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_KINDS, prng, writeTreeCatalog } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repos = Number(process.env.BENCH_REPOS ?? 1000);
const manifests = Number(process.env.BENCH_MANIFESTS ?? 20);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const perRepo = process.env.BENCH_PER_REPO === '1';
const cli = path.join(here, '..', 'dist', 'cli.js');
const AIM = 1.5;
/** Bumped whenever the generated repositories change, so an old folder is made again. */
const VERSION = 1;
const TODAY = '2026-11-21';

/** Every repository has one of each of these (a Dockerfile, a workflow, …); package.json files fill the rest. */
const ONE_EACH = ['dockerfile', 'workflow', 'goMod', 'pyproject', 'terraform', 'chart'];

/**
 * A git repository with one commit and no files, made once; each generated repository gets a copy
 * of its `.git` and its own remote. The report reads HEAD's commit and date and the remote (git
 * does not compare them with the files), so this is the git a checkout has, made in milliseconds.
 */
function templateGit(dir) {
  const template = path.join(dir, '.template');
  fs.mkdirSync(template, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' };
  const git = (...args) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: template, env, stdio: 'pipe' });
  git('init', '-q', '--template=');
  git('commit', '-q', '--allow-empty', '-m', 'bench');
  return path.join(template, '.git');
}

function generate(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  writeTreeCatalog(dir, 'mixed');
  const gitDir = templateGit(dir);
  const config = fs.readFileSync(path.join(gitDir, 'config'), 'utf8');
  const rand = prng(4242);
  const org = path.join(dir, 'org');
  for (let r = 0; r < repos; r++) {
    const name = `repo-${String(r).padStart(4, '0')}`;
    const root = path.join(org, name);
    const files = ONE_EACH.slice(0, Math.min(ONE_EACH.length, manifests - 1)).flatMap((kind) => FILE_KINDS[kind](rand, r, { every: 1, offset: 0 }));
    for (let m = 0; files.length < manifests; m++) {
      const [[, text]] = FILE_KINDS.packageJson(rand, r * 100 + m, { platform: 3, platformCount: 40, deprecatedShare: 0.2 });
      files.push([m === 0 ? 'package.json' : `packages/p${m}/package.json`, text]);
    }
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    fs.cpSync(gitDir, path.join(root, '.git'), { recursive: true });
    fs.writeFileSync(path.join(root, '.git', 'config'), `${config}[remote "origin"]\n\turl = https://git.acme.dev/acme/${name}.git\n`);
  }
  fs.rmSync(path.dirname(gitDir), { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, '.generated'), `${VERSION}\n`);
}

function isGenerated(dir) {
  try {
    return fs.readFileSync(path.join(dir, '.generated'), 'utf8').trim() === String(VERSION);
  } catch {
    return false;
  }
}

/**
 * Runs node with `args`, stdout into `out`, and measures wall time, peak memory (maxrss.cjs) and
 * CPU time. The report runs git from a helper process: its CPU time, and git's, count too. Where
 * there is a POSIX shell, its `times` gives the CPU time of everything the command started;
 * elsewhere the figure is node's own.
 */
function timed(args, out) {
  const fd = fs.openSync(out, 'w');
  const node = [process.execPath, '--require', path.join(here, 'maxrss.cjs'), ...args];
  const posix = process.platform !== 'win32';
  const [command, ...rest] = posix ? ['sh', '-c', '"$@"; s=$?; times >&2; exit $s', 'sh', ...node] : node;
  const t = performance.now();
  const r = spawnSync(command, rest, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  fs.closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  // The last line is the main thread's, written when the whole process ends.
  const last = [...r.stderr.matchAll(/maxrss-kb=(\d+) cpu-us=(\d+)/g)].at(-1);
  // `times`: the shell's own user and system time, then its children's: `0m1.234s 0m0.567s`.
  const children = posix ? /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(r.stderr) : null;
  const cpu = children ? (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000 : Number(last?.[2] ?? NaN) / 1000;
  return { ms, cpu, rss: Number(last?.[1] ?? NaN) / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = path.join(here, '.generated', `report-${repos}x${manifests}`);
if (!isGenerated(dir)) {
  const t = performance.now();
  generate(dir);
  console.log(`generated ${repos} repositories of ${manifests} manifests in ${((performance.now() - t) / 1000).toFixed(1)} s: ${dir}`);
}
const catalog = path.join(dir, 'catalog.yaml');
const org = path.join(dir, 'org');
const out = path.join(os.tmpdir(), `platform-guide-report-bench-${process.pid}.out`);
const common = ['--catalog', catalog, '--today', TODAY, '--fail-on', 'never'];
const report = [cli, 'report', org, '--format', 'json', ...common];
const check = [cli, 'check', org, '--format', 'json', ...common];

timed(report, out); // warms the file cache
const snapshot = JSON.parse(fs.readFileSync(out, 'utf8'));
const uses = snapshot.repositories.reduce((n, r) => n + r.uses.length, 0);
const scanned = snapshot.repositories.reduce((n, r) => n + r.summary.manifests, 0);
console.log(`${snapshot.repositories.length} repositories, ${scanned} manifests, ${uses} uses of ${snapshot.components.length} components; ${os.availableParallelism()} cores`);

const results = { report: [], reportOne: [], check: [] };
for (let i = 0; i < runs; i++) {
  results.check.push(timed(check, out));
  results.report.push(timed(report, out));
  results.reportOne.push(timed([...report, '--jobs', '1'], out));
}
const m = (k, f) => median(results[k].map(f));
const line = (label, k) => `${label.padEnd(34)} ${m(k, (r) => r.ms).toFixed(0).padStart(7)} ms (cpu ${m(k, (r) => r.cpu).toFixed(0).padStart(7)})  peak ${Math.max(...results[k].map((r) => r.rss)).toFixed(0)} MB`;
console.log(line('check, one process over all', 'check'));
console.log(line('report --format json', 'report'));
console.log(line('report --format json --jobs 1', 'reportOne'));
const ratio = (k) => `wall ${(m(k, (r) => r.ms) / m('check', (r) => r.ms)).toFixed(2)}, cpu ${(m(k, (r) => r.cpu) / m('check', (r) => r.cpu)).toFixed(2)}`;
console.log(`ratio report / check: ${ratio('report')}; with --jobs 1: ${ratio('reportOne')} (aim: under ${AIM}); medians of ${runs} run(s)`);

if (perRepo) {
  let ms = 0;
  let cpu = 0;
  for (const name of fs.readdirSync(org).sort()) {
    const r = timed([cli, 'check', path.join(org, name), '--format', 'json', ...common], out);
    ms += r.ms;
    cpu += r.cpu;
  }
  console.log(`${'check, one process per repository'.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms (cpu ${cpu.toFixed(0).padStart(7)}) summed`);
  console.log(`ratio report / summed checks: wall ${(m('report', (r) => r.ms) / ms).toFixed(2)}, cpu ${(m('report', (r) => r.cpu) / cpu).toFixed(2)}`);
}
fs.rmSync(out, { force: true });
