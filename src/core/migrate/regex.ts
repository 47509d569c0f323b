import * as vm from 'node:vm';

/** One regex over many files: the texts it finished, and why it stopped before the rest, if it did. */
export interface RegexBatchResult {
  /** The replaced text of inputs[0..done.length). */
  readonly done: string[];
  /** Set when it stopped before the end: the input at index done.length is the one it stopped on. */
  readonly stopped?: { readonly timedOut: boolean; readonly message: string };
}

/**
 * Runs a catalog's regular expression over files with a time limit. A pattern such as `(a+)+$`
 * backtracks for minutes on the wrong input; inside a `vm` context with a `timeout`, V8 interrupts
 * the backtracking and the planner reports the file instead of hanging an editor or a CI job.
 *
 * The files of a step go through in batches: each `timeout` starts a watchdog thread (~45 µs, more
 * than most replacements), so one call per step instead of one per file makes a large package
 * several times faster. A file is only declared too slow when it alone used the whole limit: when
 * a batch runs out of time on a file that started late, the batch goes on from that file with a
 * fresh limit.
 */
export class RegexRunner {
  private readonly context = vm.createContext(Object.create(null) as object);
  private readonly script = new vm.Script(
    // A block, so `re` is not a global left declared for the next run in this context.
    '{ const re = new RegExp(pattern, "g"); for (let i = done.length; i < inputs.length; i++) done.push(inputs[i].replace(re, replacement)); }',
  );

  constructor(private readonly timeoutMs: number) {}

  replaceAll(inputs: readonly string[], pattern: string, replacement: string): RegexBatchResult {
    const ctx = this.context as { inputs?: readonly string[]; pattern?: string; replacement?: string; done?: string[] };
    const done: string[] = [];
    Object.assign(ctx, { inputs, pattern, replacement, done });
    try {
      for (;;) {
        const from = done.length;
        try {
          this.script.runInContext(this.context, { timeout: this.timeoutMs });
          return { done };
        } catch (e) {
          const err = e as { code?: string; message?: string } | undefined;
          if (err?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { done, stopped: { timedOut: false, message: String(err?.message ?? e) } };
          // The file at done.length had the whole limit to itself only if the batch started on it.
          if (done.length === from) return { done, stopped: { timedOut: true, message: `ran longer than ${this.timeoutMs} ms` } };
        }
      }
    } finally {
      Object.assign(ctx, { inputs: undefined, pattern: undefined, replacement: undefined, done: undefined });
    }
  }
}
