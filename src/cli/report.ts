import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readRepoConfig } from '../core/catalog';
import type { Catalog } from '../core/catalog/model';
import { formatProblem, hasErrors } from '../core/problems';
import { gitFactsAsync, runGitHere, type RunGit } from '../core/report/git';
import { mergeSnapshots, parseSnapshot } from '../core/report/merge';
import type { ReportSnapshot } from '../core/report/model';
import { repositoryFolders, scanRepository, type RepositoryScan } from '../core/report/snapshot';
import { renderReport, REPORT_FORMATS } from '../core/report/render';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import { discoverCatalogs, loadOrReport, unknownExceptionComponents } from './catalogs';
import { oneOf, orUsage, todayArg, UsageError, type Io } from './io';
import { GitRunner } from './gitRunner';
import { checkHistoryArgs, withHistory } from './reportHistory';
import { ScanPool } from './reportPool';

const FAIL_ON = [...SEVERITIES, 'never'] as const;
/** A snapshot of a thousand repositories is a few tens of MB; V8 strings stop at about 512 MB. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * `report DIR_OR_SNAPSHOT...`: scans the repositories in parallel (`--jobs`, default one per core),
 * merges the snapshots given as `.json` files, adds the history (`--history`, `--since`) and
 * writes the adoption report (cli-v1.md).
 */
export async function reportCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = orUsage(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        catalog: { type: 'string', multiple: true },
        format: { type: 'string', default: 'json' },
        out: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        today: { type: 'string' },
        jobs: { type: 'string' },
        history: { type: 'string' },
        since: { type: 'string' },
        every: { type: 'string' },
      },
    }),
  );
  const format = oneOf(values.format, REPORT_FORMATS, '--format');
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on');
  const today = todayArg(values.today);
  checkHistoryArgs(values, today, io.cwd);
  if (positionals.length === 0) throw new UsageError('report takes one or more repositories, folders of repositories or .json snapshots');

  const inputs = listInputs(positionals, io);
  const repositories = inputs.filter((i) => 'root' in i).length;
  const jobs = Math.min(values.jobs === undefined ? os.availableParallelism() : jobsArg(values.jobs), repositories);
  const pool = jobs > 1 && io.workerScript ? new ScanPool(io.workerScript, jobs) : undefined;
  // A helper process costs a process start: worth it from a few dozen git runs on.
  const git = repositories > 16 ? new GitRunner() : undefined;
  let parts: ReportSnapshot[] | undefined;
  // Catalogs named the same way are loaded once, for today's scan and the history's points.
  const catalogs = new Map<string, Catalog>();
  try {
    parts = await scanAll(inputs, { flags: values.catalog, catalogs, io, today, git: git?.run ?? runGitHere, oneAtATime: !pool, scan: pool ? (r) => pool.scan(r) : scanRepository });
  } finally {
    git?.close();
    await pool?.close();
  }
  if (!parts) return 2;
  /** Every repository scanned: `--since` reads their git history. */
  const scanned = inputs.flatMap((i) => ('root' in i ? [i.root] : []));
  const snapshot = await withHistory(mergeSnapshots(parts, today), scanned, values, values.catalog, catalogs, io);
  if (!snapshot) return 2;
  const text = renderReport(snapshot, format);
  if (values.out !== undefined) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, values.out), text);
    } catch (e) {
      io.stderr(`platform-guide: cannot write ${values.out}: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  if (failOn === 'never') return 0;
  const threshold = severityRank(failOn as Severity);
  return snapshot.repositories.some((r) => r.uses.some((u) => u.severity !== null && severityRank(u.severity) <= threshold)) ? 1 : 0;
}

/** An argument's part of the report, or why the report stops there. */
type Input = { readonly snapshot: ReportSnapshot } | { readonly root: string } | { readonly stop: Outcome };

/** What one input adds: what it prints on stderr, then its part, or no part (exit 2) or an error to throw. */
interface Outcome {
  readonly messages: readonly string[];
  readonly part?: ReportSnapshot;
  readonly thrown?: unknown;
}

/** The snapshots and repositories the arguments stand for, in order; the first bad one ends the list. */
function listInputs(positionals: readonly string[], io: Io): Input[] {
  const inputs: Input[] = [];
  for (const arg of positionals) {
    const at = path.resolve(io.cwd, arg);
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (stat?.isFile() && arg.endsWith('.json')) {
      if (stat.size > MAX_SNAPSHOT_BYTES) return [...inputs, { stop: { messages: [`${arg}: over ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB: not a snapshot this command reads\n`] } }];
      const read = parseSnapshot(fs.readFileSync(at, 'utf8'));
      if ('error' in read) return [...inputs, { stop: { messages: [`${arg}: ${read.error}\n`] } }];
      inputs.push({ snapshot: read.snapshot });
      continue;
    }
    if (!stat?.isDirectory()) return [...inputs, { stop: { messages: [], thrown: new UsageError(`'${arg}' is neither a folder nor a .json snapshot`) } }];
    try {
      inputs.push(...repositoryFolders(at).map((root) => ({ root })));
    } catch (e) {
      return [...inputs, { stop: { messages: [], thrown: new UsageError(`cannot list '${arg}': ${(e as Error).message}`) } }];
    }
  }
  return inputs;
}

interface ScanContext {
  readonly flags: readonly string[] | undefined;
  /** Catalogs loaded so far, by how they were named. */
  readonly catalogs: Map<string, Catalog>;
  readonly io: Io;
  readonly today: string;
  /** Runs git for the repositories' remote, commit and date. */
  readonly git: RunGit;
  /** Wait for each scan before reading the next repository (scans in this thread). */
  readonly oneAtATime: boolean;
  /** Scans one repository, here or in a worker thread. */
  readonly scan: (request: RepositoryScan) => Promise<{ part: ReportSnapshot; noCommit?: string }>;
}

/**
 * Every input's part, in argument order. Each repository's file and catalogs are read here, one
 * after the other (catalogs named the same way are loaded once); its scan then runs while the next
 * is read. What each repository prints is held back and written in order, so the output is the
 * same whether the scans ran in parallel or one after the other. Undefined means exit 2.
 */
async function scanAll(inputs: readonly Input[], ctx: ScanContext): Promise<ReportSnapshot[] | undefined> {
  const catalogs = ctx.catalogs;
  // Every repository's git facts are asked for at once: git answers while the scans run.
  const facts = new Map(inputs.flatMap((i) => ('root' in i ? [[i.root, gitFactsAsync(i.root, ctx.git)] as const] : [])));
  const outcomes: Promise<Outcome>[] = [];
  for (const input of inputs) {
    if ('stop' in input) {
      outcomes.push(Promise.resolve(input.stop));
      break;
    }
    if ('snapshot' in input) {
      outcomes.push(Promise.resolve({ messages: [], part: input.snapshot }));
      continue;
    }
    const messages: string[] = [];
    const held: Io = { ...ctx.io, stderr: (text) => messages.push(text) };
    let request: RepositoryScan | undefined;
    try {
      request = await prepareRepository(input.root, ctx.flags, catalogs, held, ctx.today);
    } catch (e) {
      outcomes.push(Promise.resolve({ messages, thrown: e }));
      break;
    }
    if (!request) {
      outcomes.push(Promise.resolve({ messages }));
      break;
    }
    const root = input.root;
    const ready = request;
    const scanned = facts.get(root)!.then((f) => ctx.scan({ ...ready, facts: f }));
    outcomes.push(
      scanned.then(
        ({ part, noCommit }) => ({
          messages: noCommit ? [...messages, `platform-guide: ${path.relative(ctx.io.cwd, root) || '.'}: no commit to report (${noCommit})\n`] : messages,
          part,
        }),
        // Held, not thrown here: a scan that fails is reported in its turn, after the ones before it.
        (e: unknown) => ({ messages, thrown: e }),
      ),
    );
    // Scanned in this thread: one repository at a time, as --jobs 1 promises.
    if (ctx.oneAtATime) await scanned.catch(() => undefined);
  }
  const parts: ReportSnapshot[] = [];
  for (const pending of outcomes) {
    const outcome = await pending;
    if (outcome.messages.length) ctx.io.stderr(outcome.messages.join(''));
    if (outcome.thrown !== undefined) throw outcome.thrown;
    if (!outcome.part) return undefined;
    parts.push(outcome.part);
  }
  return parts;
}

/**
 * One repository's `.platform-guide.yaml` (exceptions, exclude, team) and the catalogs discovered
 * as for `check`: what its scan needs. Undefined (exit 2) when its repository file or a catalog is
 * invalid: a report must not count uses against the wrong exceptions.
 */
async function prepareRepository(
  root: string,
  flags: readonly string[] | undefined,
  catalogs: Map<string, Catalog>,
  io: Io,
  today: string,
): Promise<RepositoryScan | undefined> {
  const repo = await readRepoConfig(root);
  const shown = repo.problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));
  if (shown.length) io.stderr(shown.map(formatProblem).join('\n') + '\n');
  if (hasErrors(shown)) return undefined;
  const refs = discoverCatalogs(flags, io, root, repo.config);
  const key = JSON.stringify(refs);
  const catalog = catalogs.get(key) ?? (await loadOrReport(refs, io));
  if (!catalog) return undefined;
  catalogs.set(key, catalog);
  const unknown = unknownExceptionComponents(catalog, repo.config, io.cwd);
  if (unknown.length) io.stderr(unknown.map(formatProblem).join('\n') + '\n');
  return { root, catalog, today, ...(repo.config ? { config: repo.config } : {}) };
}

/** `--jobs N`: how many repositories are scanned at once. */
function jobsArg(value: string): number {
  if (!/^[1-9][0-9]{0,3}$/.test(value)) throw new UsageError(`--jobs takes a whole number from 1 to 9999, not '${value}'`);
  return Number(value);
}
