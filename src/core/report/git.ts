import { spawnSync } from 'node:child_process';
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
  const remote = git(dir, ['config', '--get', 'remote.origin.url']).out;
  const head = git(dir, ['log', '-1', '--format=%H %cI', 'HEAD']);
  const [commit, date] = head.out ? head.out.split(' ') : [];
  return {
    remote: remote ? withoutCredentials(remote) : null,
    commit: commit ?? null,
    date: date ?? null,
    ...(commit ? {} : { problem: head.error ?? 'git printed no commit' }),
  };
}

/** Never ask for anything (a report runs unattended), and take no lock a running git could want. */
export const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

/** git in `dir`: its output trimmed (or not), or the first line of its complaint. */
export function git(dir: string, args: string[], options: { trim?: boolean; maxBuffer?: number } = {}): { out?: string; error?: string } {
  const r = spawnSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: GIT_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.maxBuffer ? { maxBuffer: options.maxBuffer } : {}),
  });
  if (r.error) return { error: `cannot run git: ${r.error.message}` };
  const error = (r.stderr ?? '').trim().split('\n')[0]?.replace(/^fatal: /, '') || undefined;
  if (r.status !== 0) return error ? { error } : {};
  const out = options.trim === false ? r.stdout : r.stdout.trim();
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
