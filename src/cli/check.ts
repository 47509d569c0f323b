import { parseArgs } from 'node:util';
import { checkCodeQuality } from '../core/output/checkCodeQuality';
import { checkJson } from '../core/output/checkJson';
import { checkMarkdown } from '../core/output/checkMarkdown';
import { checkSarif } from '../core/output/checkSarif';
import { writeCheckText } from '../core/output/checkText';
import { writeJson } from '../core/output/jsonStream';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import type { ToolInfo } from '../core/output/tool';
import { loadRepoAndCatalog } from './catalogs';
import { scanInParallel } from './checkPool';
import { folderArg, jobsArg, oneOf, orUsage, todayArg, type Io } from './io';

const FORMATS = ['text', 'json', 'sarif', 'codequality', 'markdown'] as const;
const FAIL_ON = [...SEVERITIES, 'never'] as const;

export async function checkCommand(args: readonly string[], io: Io, tool: ToolInfo): Promise<number> {
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
        jobs: { type: 'string' },
      },
    }),
  );
  const format = oneOf(values.format, FORMATS, '--format');
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on');
  const today = todayArg(values.today);
  const jobs = values.jobs === undefined ? undefined : jobsArg(values.jobs);
  const root = folderArg('check', positionals, io.cwd);

  const loaded = await loadRepoAndCatalog(root, values.catalog, io);
  if (!loaded) return 2;
  const { catalog, config } = loaded;

  // A large tree is read on every core (checkPool.ts); the result is the same with any --jobs.
  const result = await scanInParallel({ root, catalog, today, ...(config ? { config } : {}) }, jobs, io.workerScript, io.stderr);
  // Written in chunks: a report of many findings is never held whole.
  const write = (chunk: string) => io.stdout(chunk);
  if (format === 'json') writeJson(checkJson(result, tool), write);
  else if (format === 'sarif') writeJson(checkSarif(result, catalog, tool), write);
  else if (format === 'markdown') io.stdout(checkMarkdown(result));
  else if (format === 'codequality') writeJson(checkCodeQuality(result), write);
  else writeCheckText(result, io);
  if (failOn === 'never') return 0;
  const threshold = severityRank(failOn as Severity);
  return result.findings.some((f) => severityRank(f.severity) <= threshold) ? 1 : 0;
}
