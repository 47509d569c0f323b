import { parseArgs } from 'node:util';
import { checkCodeQuality } from '../core/output/checkCodeQuality';
import { checkJson } from '../core/output/checkJson';
import { checkMarkdown } from '../core/output/checkMarkdown';
import { checkSarif } from '../core/output/checkSarif';
import { writeCheckText } from '../core/output/checkText';
import { writeJson } from '../core/output/jsonStream';
import { scanWorkspace } from '../core/scan';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import type { ToolInfo } from '../core/output/tool';
import { loadRepoAndCatalog } from './catalogs';
import { folderArg, oneOf, orUsage, todayArg, type Io } from './io';

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
      },
    }),
  );
  const format = oneOf(values.format, FORMATS, '--format');
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on');
  const today = todayArg(values.today);
  const root = folderArg('check', positionals, io.cwd);

  const loaded = await loadRepoAndCatalog(root, values.catalog, io);
  if (!loaded) return 2;
  const { catalog, config } = loaded;

  const result = scanWorkspace({ root, catalog, today, keepUses: false, ...(config ? { config } : {}) });
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
