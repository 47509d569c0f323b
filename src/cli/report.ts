import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readRepoConfig } from '../core/catalog';
import type { Catalog } from '../core/catalog/model';
import { formatProblem, hasErrors } from '../core/problems';
import { gitFacts } from '../core/report/git';
import { mergeSnapshots, parseSnapshot } from '../core/report/merge';
import type { ReportSnapshot } from '../core/report/model';
import { repositoryFolders, repositorySnapshot, snapshotOf } from '../core/report/snapshot';
import { renderReport, REPORT_FORMATS } from '../core/report/render';
import { scanWorkspace } from '../core/scan';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import { discoverCatalogs, loadOrReport, unknownExceptionComponents } from './catalogs';
import { oneOf, orUsage, todayArg, UsageError, type Io } from './io';
import { checkHistoryArgs, withHistory } from './reportHistory';

const FAIL_ON = [...SEVERITIES, 'never'] as const;
/** A snapshot of a thousand repositories is a few tens of MB; V8 strings stop at about 512 MB. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * `report DIR_OR_SNAPSHOT...`: scans each repository one after the other, merges the snapshots
 * given as `.json` files, adds the history (`--history`, `--since`) and writes the adoption
 * report (cli-v1.md).
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

  const parts: ReportSnapshot[] = [];
  const catalogs = new Map<string, Catalog>();
  /** Every repository scanned: `--since` reads their git history. */
  const scanned: string[] = [];
  for (const arg of positionals) {
    const at = path.resolve(io.cwd, arg);
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (stat?.isFile() && arg.endsWith('.json')) {
      if (stat.size > MAX_SNAPSHOT_BYTES) {
        io.stderr(`${arg}: over ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB: not a snapshot this command reads\n`);
        return 2;
      }
      const read = parseSnapshot(fs.readFileSync(at, 'utf8'));
      if ('error' in read) {
        io.stderr(`${arg}: ${read.error}\n`);
        return 2;
      }
      parts.push(read.snapshot);
      continue;
    }
    if (!stat?.isDirectory()) throw new UsageError(`'${arg}' is neither a folder nor a .json snapshot`);
    const roots = orUsage(() => {
      try {
        return repositoryFolders(at);
      } catch (e) {
        throw new Error(`cannot list '${arg}': ${(e as Error).message}`);
      }
    });
    scanned.push(...roots);
    for (const root of roots) {
      const part = await scanRepository(root, values.catalog, catalogs, io, today);
      if (!part) return 2;
      parts.push(part);
    }
  }
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

/**
 * One repository, with its own `.platform-guide.yaml` (exceptions, exclude, team) and the catalogs
 * discovered as for `check`; catalogs named the same way are loaded once for every repository.
 * Undefined (exit 2) when its repository file or a catalog is invalid: a report must not count
 * uses against the wrong exceptions.
 */
async function scanRepository(
  root: string,
  flags: readonly string[] | undefined,
  catalogs: Map<string, Catalog>,
  io: Io,
  today: string,
): Promise<ReportSnapshot | undefined> {
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
  const facts = gitFacts(root);
  if (facts.problem) io.stderr(`platform-guide: ${path.relative(io.cwd, root) || '.'}: no commit to report (${facts.problem})\n`);
  const scan = scanWorkspace({ root, catalog, today, ...(repo.config ? { config: repo.config } : {}) });
  return snapshotOf([repositorySnapshot(root, scan, catalog, repo.config, today, facts)], catalog, today);
}
