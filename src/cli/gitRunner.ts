import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { GIT_ENV, runGitHere, type GitRun, type RunGit } from '../core/report/git';

/**
 * The helper: reads one request a line (`{"id","args"}`), runs `git` with those arguments, a few
 * at a time, and answers one line each (`{"id","spawnError","status","stdout","stderr"}`).
 */
const HELPER = `
const { execFile } = require('node:child_process');
const queue = [];
let running = 0;
function next() {
  while (running < 4 && queue.length > 0) {
    const { id, args } = queue.shift();
    running++;
    const child = execFile('git', args, { encoding: 'utf8', timeout: 30000, maxBuffer: 1 << 20 }, (e, stdout, stderr) => {
      running--;
      const status = e ? (typeof e.code === 'number' ? e.code : null) : 0;
      const spawnError = e && typeof e.code !== 'number' && !e.killed ? e.message : null;
      process.stdout.write(JSON.stringify({ id, spawnError, status, stdout, stderr }) + '\\n');
      next();
    });
    child.stdin.end();
  }
}
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  queue.push(JSON.parse(line));
  next();
});
`;

/**
 * Runs git for a report's repositories from one small helper process. Starting a process copies
 * the one that starts it: from the report, which holds every repository's uses and one scan worker
 * per core, each of the two git runs per repository costs several milliseconds of the report's own
 * time; from a helper of a few megabytes it costs little, and none of it is the report's. Should
 * the helper fail to start or stop, git runs from this process as before: slower, same answers.
 */
export class GitRunner {
  private helper: ChildProcessWithoutNullStreams | undefined;
  private failed = false;
  private closed = false;
  private next = 1;
  private readonly pending = new Map<number, { dir: string; args: readonly string[]; resolve: (r: GitRun) => void }>();

  /** `node`: the program that runs the helper; this one's own executable. */
  constructor(private readonly node = process.execPath) {}

  /**
   * git from this process, a few at a time: the fallback may be handed a thousand runs at once.
   * Once closed, the runs still waiting are not made: nobody waits for their answers.
   */
  private readonly here = fewAtATime((dir, args) => (this.closed ? Promise.resolve(STOPPED) : runGitHere(dir, args)), 4);

  readonly run: RunGit = (dir, args) => {
    const helper = this.started();
    if (!helper) return this.here(dir, args);
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, { dir, args, resolve });
      helper.stdin.write(JSON.stringify({ id, args: ['-C', dir, ...args] }) + '\n');
    });
  };

  /**
   * Ends the helper: at once when runs are still waiting (a report that stopped early does not
   * wait for the git runs of repositories it will not show), else when its input ends.
   */
  close(): void {
    this.closed = true;
    const helper = this.helper;
    this.helper = undefined;
    if (helper && this.pending.size > 0) helper.kill();
    else helper?.stdin.end();
    this.pending.clear();
  }

  private started(): ChildProcessWithoutNullStreams | undefined {
    if (this.helper || this.failed || this.closed) return this.helper;
    const helper = spawn(this.node, ['-e', HELPER], { env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    helper.stderr.resume();
    createInterface({ input: helper.stdout }).on('line', (line) => {
      const r = JSON.parse(line) as { id: number; spawnError: string | null; status: number | null; stdout: string; stderr: string };
      const waiting = this.pending.get(r.id);
      this.pending.delete(r.id);
      waiting?.resolve({ ...(r.spawnError !== null ? { spawnError: r.spawnError } : {}), status: r.status, stdout: r.stdout, stderr: r.stderr });
    });
    const lost = () => {
      if (this.closed) return;
      this.failed = true;
      if (this.helper === helper) this.helper = undefined;
      // What it had not answered runs here.
      for (const [id, w] of this.pending) {
        this.pending.delete(id);
        void this.here(w.dir, w.args).then(w.resolve);
      }
    };
    helper.on('error', lost);
    helper.on('close', lost);
    helper.stdin.on('error', lost);
    return (this.helper = helper);
  }
}

const STOPPED: GitRun = { spawnError: 'the report stopped', status: null, stdout: '', stderr: '' };

/** `run`, with at most `limit` runs going at once; the others wait their turn in order. */
function fewAtATime(run: RunGit, limit: number): RunGit {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (dir, args) => {
    if (running < limit) running++;
    else await new Promise<void>((go) => waiting.push(go)); // a finished run hands over its place
    try {
      return await run(dir, args);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
