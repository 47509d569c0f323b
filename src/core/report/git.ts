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
 * gitFacts without blocking: both git processes run while the caller goes on (a report scans the
 * repository meanwhile), which hides most of their cost when a thousand repositories are read.
 */
export async function gitFactsAsync(dir: string): Promise<GitFacts> {
  if (!fs.existsSync(path.join(dir, '.git'))) return NONE;
  const [remote, head] = await Promise.all([gitAsync(dir, REMOTE), gitAsync(dir, HEAD)]);
  return factsOf(remote, head);
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

type GitOutput = { out?: string; error?: string };

const GIT_OPTIONS = {
  encoding: 'utf8',
  timeout: 30_000,
  // Never ask for anything: a report runs unattended.
  env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
} as const;

function git(dir: string, args: string[]): GitOutput {
  const r = spawnSync('git', ['-C', dir, ...args], { ...GIT_OPTIONS, stdio: ['ignore', 'pipe', 'pipe'] });
  return gitOutput(r.error, r.status, r.stdout, r.stderr);
}

function gitAsync(dir: string, args: string[]): Promise<GitOutput> {
  return new Promise((resolve) => {
    const child = execFile('git', ['-C', dir, ...args], GIT_OPTIONS, (e, stdout, stderr) => {
      // execFile's error is either the spawn's (no exit code) or an exit status other than 0.
      const spawnError = e && typeof e.code !== 'number' && !e.killed ? e : undefined;
      resolve(gitOutput(spawnError, e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr));
    });
    child.stdin?.end();
  });
}

function gitOutput(spawnError: Error | undefined, status: number | null, stdout: string, stderr: string): GitOutput {
  if (spawnError) return { error: `cannot run git: ${spawnError.message}` };
  const error = (stderr ?? '').trim().split('\n')[0]?.replace(/^fatal: /, '') || undefined;
  if (status !== 0) return error ? { error } : {};
  const out = stdout.trim();
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
