import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readRepoConfig } from '../core/catalog';
import { isDate, localToday } from '../core/dates';
import { checkJson } from '../core/output/checkJson';
import { checkSarif } from '../core/output/checkSarif';
import { checkText } from '../core/output/checkText';
import { formatProblem, hasErrors } from '../core/problems';
import { scanWorkspace } from '../core/scan';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import { discoverCatalogs, loadOrReport, unknownExceptionComponents } from './catalogs';
import { orUsage, UsageError, type Io } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = [...SEVERITIES, 'never'] as const;

export async function checkCommand(args: readonly string[], io: Io, version: string): Promise<number> {
  const { values, positionals } = orUsage(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        catalog: { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        today: { type: 'string' },
      },
    }),
  );
  const format = oneOf(values.format, FORMATS, '--format');
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on');
  if (values.today !== undefined && !isDate(values.today)) {
    throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${values.today}'`);
  }
  const today = values.today ?? localToday();
  if (positionals.length > 1) throw new UsageError(`check takes one folder, not ${positionals.length}`);
  const dirArg = positionals[0] ?? '.';
  const root = path.resolve(io.cwd, dirArg);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`'${dirArg}' is not a folder`);
  }

  const repo = await readRepoConfig(root);
  const shown = repo.problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));
  if (shown.length) io.stderr(shown.map(formatProblem).join('\n') + '\n');
  if (hasErrors(shown)) return 2;

  const refs = discoverCatalogs(values.catalog, io, root, repo.config);
  const catalog = await loadOrReport(refs, io);
  if (!catalog) return 2;
  const unknown = unknownExceptionComponents(catalog, repo.config, io.cwd);
  if (unknown.length) io.stderr(unknown.map(formatProblem).join('\n') + '\n');

  const result = scanWorkspace({ root, catalog, today, ...(repo.config ? { config: repo.config } : {}) });
  if (format === 'json') {
    io.stdout(JSON.stringify(checkJson(result), null, 2) + '\n');
  } else if (format === 'sarif') {
    io.stdout(JSON.stringify(checkSarif(result, catalog, version), null, 2) + '\n');
  } else {
    const out = checkText(result);
    io.stdout(out.stdout);
    if (out.stderr) io.stderr(out.stderr);
  }
  if (failOn === 'never') return 0;
  const threshold = severityRank(failOn as Severity);
  return result.findings.some((f) => severityRank(f.severity) <= threshold) ? 1 : 0;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} takes one of ${allowed.join(', ')}; got '${value}'`);
}
