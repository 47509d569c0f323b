// `npm run fuzz`: generated and mutated inputs for every parser of the engine, in worker threads,
// with a watchdog that replaces a worker stuck on one input for over a second.
//   npm run fuzz -- [--seed N] [--count N] [--target NAME] [--workers N] [--skip-known-open] [--replay FILE]
// Each failing input is saved under fuzz-results/ with the command that replays it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HANG_MS, STATUS, inputAt, runInput, signature, type Chunk, type Failure, type WorkerMessage } from './engine';
import { KNOWN_OPEN, TARGETS, targetNamed, type FuzzInput, type FuzzTarget } from './targets';

const CHUNK = 200;
/** Loading the targets in a fresh worker takes seconds on a busy machine; longer than this, it is stuck. */
const STARTUP_MS = 60_000;
const RESULTS = 'fuzz-results';

interface Options {
  seed: number;
  count: number;
  targets: FuzzTarget[];
  workers: number;
  skipKnownOpen: boolean;
  replay?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { seed: Date.now() % 1_000_000, count: 1_000_000, targets: [...TARGETS], workers: availableParallelism(), skipKnownOpen: false };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${argv[i - 1]} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = Number(value());
      if (!Number.isSafeInteger(v) || v < 0) fail(`${argv[i - 1]} needs a whole number, not ${argv[i]}`);
      return v;
    };
    switch (argv[i]) {
      case '--seed': options.seed = number(); break;
      case '--count': options.count = number(); break;
      case '--workers': options.workers = Math.max(1, number()); break;
      case '--skip-known-open': options.skipKnownOpen = true; break;
      case '--replay': options.replay = value(); break;
      case '--target': {
        const name = value();
        const target = targetNamed(name);
        if (!target) fail(`no target ${name}; the targets are: ${TARGETS.map((t) => t.name).join(', ')}`);
        options.targets = [target];
        break;
      }
      default: fail(`unknown option ${argv[i]}`);
    }
  }
  return options;
}

function fail(message: string): never {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

/** A saved failure: enough to replay it without the seed's generators, and to read it. */
interface Reproduction {
  target: string;
  kind: Failure['kind'];
  message: string;
  seed: number;
  index: number;
  input: { text: string; args: readonly string[] };
}

function save(failure: Failure, seed: number, input: FuzzInput): string {
  const body: Reproduction = { ...failure, seed, input: { text: input.text, args: input.args } };
  const json = JSON.stringify(body, null, 1);
  const file = path.join(RESULTS, `${failure.target}-${createHash('sha1').update(json).digest('hex').slice(0, 10)}.json`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(file, json);
  return file;
}

function replay(file: string): never {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Reproduction;
  const target = targetNamed(saved.target) ?? fail(`${file} names no known target (${saved.target})`);
  const started = performance.now();
  const failure = runInput(target, { text: saved.input.text, args: saved.input.args, shapes: [] }, saved.index);
  const ms = Math.round(performance.now() - started);
  console.log(failure ? `${failure.kind}: ${failure.message} (${ms} ms)` : `passes now (${ms} ms; it was a ${saved.kind}: ${saved.message})`);
  process.exit(failure ? 1 : 0);
}

/** The work, target by target in turns, so that a run stopped early has tried every target. */
function chunks(options: Options): Chunk[] {
  const per = options.targets.map((_, t) => Math.floor(options.count / options.targets.length) + (t < options.count % options.targets.length ? 1 : 0));
  const lists = options.targets.map((target, t) => {
    const list: Chunk[] = [];
    for (let from = 0; from < per[t]!; from += CHUNK) list.push({ target: target.name, from, to: Math.min(per[t]!, from + CHUNK) });
    return list;
  });
  const out: Chunk[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) {
      const c = l[i];
      if (c) out.push(c);
    }
  return out;
}

async function fuzz(options: Options): Promise<number> {
  const queue = chunks(options);
  const started = performance.now();
  let tried = 0;
  let skipped = 0;
  const counts = { crash: 0, hang: 0, position: 0 };
  const bySignature = new Map<string, { count: number; file: string }>();
  const record = (failure: Failure): void => {
    counts[failure.kind]++;
    // Shapes are part of the signature, so a known open defect and a new one with the same message stay apart.
    const input = inputAt(targetNamed(failure.target)!, options.seed, failure.index);
    const key = `${signature(failure)}${input.shapes.length > 0 ? ` [${input.shapes.join(', ')}]` : ''}`;
    const seen = bySignature.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    const file = save(failure, options.seed, input);
    bySignature.set(key, { count: 1, file });
    const shapes = input.shapes.length > 0 ? ` [${input.shapes.join(', ')}]` : '';
    console.log(`\n${failure.kind} in ${failure.target} #${failure.index}${shapes}: ${failure.message}\n  replay: npm run fuzz -- --replay ${file}`);
  };

  // The status of the workers running now, for the progress line.
  const live = new Set<Int32Array>();
  const summary = (): void => {
    const now = tried + [...live].reduce((n, slots) => n + Atomics.load(slots, STATUS.tried), 0);
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n\nseed ${options.seed}, ${options.workers} workers, targets: ${options.targets.map((t) => t.name).join(', ')}`);
    if (options.skipKnownOpen) console.log(`left out ${skipped} inputs of the known open shapes: ${KNOWN_OPEN.join(', ')}`);
    console.log(`${now} inputs, ${counts.crash} crashes, ${counts.hang} hangs, ${counts.position} out-of-text positions in ${seconds.toFixed(1)} s (${Math.round(now / seconds)} inputs/s)`);
    for (const [key, { count, file }] of bySignature) console.log(`  ${count}× ${key}\n     ${file}`);
  };
  // Stopped early (Ctrl-C, a time limit): the figures so far still count.
  process.once('SIGINT', () => (summary(), process.exit(bySignature.size > 0 ? 1 : 0)));
  process.once('SIGTERM', () => (summary(), process.exit(bySignature.size > 0 ? 1 : 0)));
  await new Promise<void>((resolve) => {
    let running = 0;
    let startFailures = 0;
    const spawn = (resume?: Chunk): void => {
      const status = new SharedArrayBuffer(STATUS.size * 4);
      const slots = new Int32Array(status);
      live.add(slots);
      const worker = new Worker(path.join(__dirname, 'worker.ts'), {
        workerData: { seed: options.seed, skipKnownOpen: options.skipKnownOpen, status },
        // The worker is TypeScript too; tsx's require hook compiles it as it does this file.
        execArgv: ['--require', require.resolve('tsx/cjs')],
        resourceLimits: { maxOldGenerationSizeMb: 4096 },
      });
      running++;
      let chunk: Chunk | undefined;
      let lastSeq = -1;
      let lastChange = performance.now();
      let finished = false;
      const next = (c?: Chunk): void => {
        chunk = c ?? queue.shift();
        if (!chunk) return void stop();
        lastSeq = Atomics.load(slots, STATUS.seq);
        lastChange = performance.now();
        worker.postMessage(chunk);
      };
      // The input the worker is on, and the rest of its chunk for the worker that replaces it.
      const replaceAfter = (kind: Failure['kind'], message: string): void => {
        if (finished) return;
        finished = true;
        clearInterval(watchdog);
        void worker.terminate();
        running--;
        if (!chunk) {
          // It died before it took any work (memory still held by the worker it replaces, say): try again, a few times.
          count(0);
          if (++startFailures <= 5) return spawn(resume);
          console.error(`\nfuzz: a worker failed to start 5 times (${message}); stopping`);
          if (running === 0) resolve();
          return;
        }
        const index = Atomics.load(slots, STATUS.index);
        count(1);
        record({ target: chunk.target, index, kind, message });
        spawn(index + 1 < chunk.to ? { ...chunk, from: index + 1 } : undefined);
      };
      // The worker's totals join the run's when it goes (the stuck input is one more tried).
      const count = (stuck: number): void => {
        live.delete(slots);
        tried += Atomics.load(slots, STATUS.tried) + stuck;
        skipped += Atomics.load(slots, STATUS.skipped);
      };
      const stop = (): void => {
        if (finished) return;
        finished = true;
        clearInterval(watchdog);
        void worker.terminate();
        count(0);
        if (--running === 0) resolve();
      };
      const watchdog = setInterval(() => {
        const seq = Atomics.load(slots, STATUS.seq);
        if (seq !== lastSeq) {
          lastSeq = seq;
          lastChange = performance.now();
        } else if (chunk && performance.now() - lastChange > HANG_MS) {
          replaceAfter('hang', `still running after ${HANG_MS} ms`);
        } else if (!chunk && performance.now() - lastChange > STARTUP_MS) {
          replaceAfter('crash', `not ready after ${STARTUP_MS} ms`);
        }
      }, 100);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') return next(resume);
        if (m.type === 'failure') return record(m);
        next();
      });
      // Out of memory, or a crash that took the thread down with it.
      worker.on('error', (e) => replaceAfter('crash', `the worker died: ${e.message}`));
      worker.on('exit', (code) => replaceAfter('crash', `the worker exited with code ${code}`));
    };
    for (let i = 0; i < Math.min(options.workers, queue.length); i++) spawn();
    if (queue.length === 0) resolve();
    const progress = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      const now = tried + [...live].reduce((n, slots) => n + Atomics.load(slots, STATUS.tried), 0);
      const line = `${now} inputs, ${counts.crash} crashes, ${counts.hang} hangs, ${counts.position} out-of-text, ${s.toFixed(0)} s, ${Math.round(now / s)}/s`;
      // A terminal gets one line that updates; a log gets a line every ten seconds.
      if (process.stdout.isTTY) process.stdout.write(`\r${line}   `);
      else if (Math.round(s) % 10 < 2) console.log(line);
    }, 2000);
    progress.unref();
  });

  summary();
  return bySignature.size > 0 ? 1 : 0;
}

const options = parseOptions(process.argv.slice(2));
if (options.replay) replay(options.replay);
void fuzz(options).then((code) => process.exit(code));
