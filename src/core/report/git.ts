import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GitFacts {
  readonly remote: string | null;
  readonly commit: string | null;
  readonly date: string | null;
  /** Why a folder with a `.git` has no commit (no commits yet, git missing, an unsafe owner): git's own words. */
  readonly problem?: string;
}

const NONE: GitFacts = { remote: null, commit: null, date: null };

/**
 * The remote, commit and committer date of the repository at `dir`, through `git` as a child
 * process. Only a folder with its own `.git` counts: a plain folder inside another checkout must
 * not report that checkout's commit. Git missing, an empty repository or a broken one gives nulls.
 */
export function gitFacts(dir: string): GitFacts {
  if (!fs.existsSync(path.join(dir, '.git'))) return NONE;
  return factsOf(git(dir, REMOTE), git(dir, HEAD));
}

/**
 * gitFacts without blocking: both git processes run while the caller goes on (a report scans
 * meanwhile). `run` runs git; the CLI's runs it from a small helper process (src/cli/gitRunner.ts).
 */
export async function gitFactsAsync(dir: string, run: RunGit = runGitHere): Promise<GitFacts> {
  if (!fs.existsSync(path.join(dir, '.git'))) return NONE;
  const [remote, head] = await Promise.all([run(dir, REMOTE), run(dir, HEAD)]);
  return factsOf(gitOutput(remote), gitOutput(head));
}

const REMOTE = ['config', '--get', 'remote.origin.url'];
const HEAD = ['log', '-1', '--format=%H %cI', 'HEAD'];

function factsOf(remote: GitOutput, head: GitOutput): GitFacts {
  const [commit, date] = head.out ? head.out.split(' ') : [];
  return {
    remote: remote.out ? withoutCredentials(remote.out) : null,
    commit: commit ?? null,
    date: date ?? null,
    ...(commit ? {} : { problem: head.error ?? 'git printed no commit' }),
  };
}

/** One git run as it ended: it could not start (spawnError), or its exit status and output. */
export interface GitRun {
  readonly spawnError?: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `git -C dir ...args`. */
export type RunGit = (dir: string, args: readonly string[]) => Promise<GitRun>;

export type GitOutput = { out?: string; error?: string };

/** Never ask for anything (a report runs unattended), and take no lock a running git could want. */
export const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
const GIT_OPTIONS = { encoding: 'utf8', timeout: 30_000, env: GIT_ENV } as const;

/** git in `dir`: its output trimmed (or not), or the first line of its complaint. */
export function git(dir: string, args: string[], options: { trim?: boolean; maxBuffer?: number } = {}): GitOutput {
  const r = spawnSync('git', ['-C', dir, ...args], {
    ...GIT_OPTIONS,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.maxBuffer ? { maxBuffer: options.maxBuffer } : {}),
  });
  return gitOutput({ ...(r.error ? { spawnError: r.error.message } : {}), status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }, options.trim);
}

/** git as a child of this process, without blocking it. */
export const runGitHere: RunGit = (dir, args) =>
  new Promise((resolve) => {
    const child = execFile('git', ['-C', dir, ...args], GIT_OPTIONS, (e, stdout, stderr) => {
      // execFile's error is either the spawn's (no exit code) or an exit status other than 0.
      const spawnError = e && typeof e.code !== 'number' && !e.killed ? e.message : undefined;
      resolve({ ...(spawnError ? { spawnError } : {}), status: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });

function gitOutput(r: GitRun, trim = true): GitOutput {
  if (r.spawnError !== undefined) return { error: `cannot run git: ${r.spawnError}` };
  const error = r.stderr.trim().split('\n')[0]?.replace(/^fatal: /, '') || undefined;
  if (r.status !== 0) return error ? { error } : {};
  const out = trim === false ? r.stdout : r.stdout.trim();
  return out === '' ? {} : { out };
}

/** `https://user:token@host/x.git` → `https://host/x.git`: a report is shared; a token in it must not be. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@]*@/, '$1');
}

/** `git@host:org/payments-api.git`, `https://host/org/payments-api` → `payments-api`. */
export function repositoryName(remote: string | null, dir: string): string {
  const last = remote?.replace(/\/+$/, '').split(/[/:]/).pop()?.replace(/\.git$/, '');
  return last || path.basename(path.resolve(dir));
}
