import { Checks } from './checks';
import { Rng, inputSeed } from './rng';
import { KNOWN_OPEN, type FuzzInput, type FuzzTarget } from './targets';

/** An input stuck longer than this is a hang (the worker watchdog kills it; in-process it is reported after the fact). */
export const HANG_MS = 1000;

export type FailureKind = 'crash' | 'hang' | 'position';

export interface Failure {
  readonly target: string;
  readonly index: number;
  readonly kind: FailureKind;
  readonly message: string;
}

/** Input number `index` of `target` in the run seeded with `seed`: the same in every thread. */
export function inputAt(target: FuzzTarget, seed: number, index: number): FuzzInput {
  return target.generate(new Rng(inputSeed(seed, target.name, index)));
}

export function isKnownOpen(input: FuzzInput): boolean {
  return input.shapes.some((s) => KNOWN_OPEN.includes(s));
}

/** Milliseconds of CPU this process used: unlike the wall clock, not stretched by a busy machine. */
export function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** Runs one input; what went wrong, if anything. `clock` measures the time it took. */
export function runInput(target: FuzzTarget, input: FuzzInput, index: number, clock: () => number = () => performance.now()): Failure | undefined {
  const started = clock();
  const checks = new Checks(input.text);
  try {
    target.run(input, checks);
  } catch (e) {
    return { target: target.name, index, kind: 'crash', message: describeError(e) };
  }
  const ms = clock() - started;
  if (ms > HANG_MS) return { target: target.name, index, kind: 'hang', message: `took ${Math.round(ms)} ms` };
  if (checks.violations.length > 0) return { target: target.name, index, kind: 'position', message: checks.violations.slice(0, 3).join('; ') };
  return undefined;
}

/** The error and the frame it came from, which is what tells two crashes apart. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `threw ${String(e)}`;
  const frame = e.stack?.split('\n').find((l) => /^\s+at /.test(l) && !l.includes('/test/fuzz/'))?.trim();
  return `${e.name}: ${e.message.slice(0, 200)}${frame ? ` (${frame})` : ''}`;
}

/** Failures that are the same defect: same target, kind and message once numbers are ignored. */
export function signature(f: Pick<Failure, 'target' | 'kind' | 'message'>): string {
  return `${f.target} ${f.kind} ${f.message.replace(/\d+/g, 'N').slice(0, 160)}`;
}

/**
 * Runs `count` inputs spread evenly over `targets` in this thread (the fixed-seed slice of the unit
 * tests). A hang cannot be interrupted here, only reported once the input returns.
 */
export function runInProcess(targets: readonly FuzzTarget[], seed: number, count: number, options: { skipKnownOpen: boolean }): { tried: number; skipped: number; failures: Failure[] } {
  const failures: Failure[] = [];
  let tried = 0;
  let skipped = 0;
  targets.forEach((target, t) => {
    // The first targets take the remainder, so exactly `count` inputs run.
    const share = Math.floor(count / targets.length) + (t < count % targets.length ? 1 : 0);
    for (let index = 0, ran = 0; ran < share; index++) {
      const input = inputAt(target, seed, index);
      if (options.skipKnownOpen && isKnownOpen(input)) {
        skipped++;
        continue;
      }
      ran++;
      tried++;
      // CPU time: the slice runs on shared machines, where the wall clock of one input means little.
      const failure = runInput(target, input, index, cpuMs);
      if (failure) failures.push(failure);
    }
  });
  return { tried, skipped, failures };
}

// ---- between the fuzzer's main thread (run.ts) and its workers (worker.ts) ----

/** A run of consecutive inputs of one target. */
export interface Chunk {
  readonly target: string;
  readonly from: number;
  readonly to: number;
}

export type WorkerMessage =
  | { readonly type: 'failure'; readonly kind: FailureKind; readonly target: string; readonly index: number; readonly message: string }
  | { readonly type: 'done' }
  | { readonly type: 'ready' };

/** Status slots: the input's index, a counter bumped per input, and the worker's totals so far. */
export const STATUS = { index: 0, seq: 1, tried: 2, skipped: 3, size: 4 } as const;
