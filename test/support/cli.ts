import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
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
  /** Killed after `timeoutMs`: it hung. */
  timedOut: boolean;
  /** Set when the process was killed, e.g. by `timeoutMs`. */
  signal: NodeJS.Signals | null;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this long; a run that can hang on hostile input should set it. */
  timeoutMs?: number;
}

function cliEnv(opts: CliOptions): NodeJS.ProcessEnv {
  const env = { ...process.env, ...opts.env };
  if (!opts.env || !('PLATFORM_GUIDE_CATALOG' in opts.env)) delete env.PLATFORM_GUIDE_CATALOG;
  return env;
}

/** Runs the bundled CLI as a real process, as CI pipelines do. */
export function runCli(args: string[], opts: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: cliEnv(opts),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.timeoutMs ? { timeout: opts.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut, signal: r.signal };
}

/**
 * Like runCli, without blocking this process: needed when the test itself serves the CLI (an HTTP
 * server on 127.0.0.1 can only answer, or notice a request, while the test's event loop runs).
 */
export function runCliAsync(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: cliEnv(opts) });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut, signal });
    });
  });
}

/** A finding of `check --format json`, as far as the one-line view below reads it. */
export interface JsonFinding {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  package: string;
  constraint: string | null;
  resolved: string | null;
  component: string;
  severity: string;
}

/**
 * One finding as a line: where (1-based, end exclusive), what, and the text its range spans in the
 * fixture's file, so a table of lines shows that each range holds what it says. `resolved` adds
 * the version a lockfile or comment pinned, in brackets after the constraint.
 */
export function findingLine(fixture: string, f: JsonFinding, options: { resolved?: boolean } = {}): string {
  const lines = fs.readFileSync(path.join(fixture, f.file), 'utf8').split(/\r?\n/);
  const { start, end } = f.range;
  assert.equal(start.line, end.line, `${f.file}: one line`);
  const under = lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
  const resolved = options.resolved && f.resolved !== null ? ` (${f.resolved})` : '';
  return `${f.file}:${start.line}:${start.column}-${end.column} ${f.severity} ${f.component} ${f.package} ${String(f.constraint)}${resolved} [${under}]`;
}
