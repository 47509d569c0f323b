import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

let built = false;
/** Builds dist/cli.js once per test run, so the tests always run the code under test. */
export function buildCli(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process was killed, e.g. by `timeoutMs`. */
  signal: NodeJS.Signals | null;
}

/** Runs the bundled CLI as a real process, as CI pipelines do; `timeoutMs` kills one that hangs. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  const env = { ...process.env, ...opts.env };
  if (!opts.env || !('PLATFORM_GUIDE_CATALOG' in opts.env)) delete env.PLATFORM_GUIDE_CATALOG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8', ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}
