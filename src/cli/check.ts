import { parseArgs } from 'node:util';
import { checkJson } from '../core/output/checkJson';
import { checkSarif } from '../core/output/checkSarif';
import { checkText } from '../core/output/checkText';
import { scanWorkspace } from '../core/scan';
import { SEVERITIES, severityRank, type Severity } from '../core/types';
import { loadRepoAndCatalog } from './catalogs';
import { folderArg, oneOf, orUsage, todayArg, type Io } from './io';

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
  const today = todayArg(values.today);
  const root = folderArg('check', positionals, io.cwd);

  const loaded = await loadRepoAndCatalog(root, values.catalog, io);
  if (!loaded) return 2;
  const { catalog, config } = loaded;

  const result = scanWorkspace({ root, catalog, today, ...(config ? { config } : {}) });
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
