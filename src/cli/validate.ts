import { loadCatalogs } from '../core/catalog';
import { formatProblem, hasErrors } from '../core/problems';
import { UsageError, type Io } from './io';

/** `catalog validate FILE...`: the files are merged, so cross-references may span them. */
export async function validateCommand(files: readonly string[], io: Io): Promise<number> {
  const flag = files.find((f) => f.startsWith('-'));
  if (flag) throw new UsageError(`catalog validate takes no option '${flag}'`);
  if (files.length === 0) throw new UsageError('catalog validate needs at least one FILE');
  const { catalog, problems } = await loadCatalogs(files, { cwd: io.cwd });
  if (problems.length) io.stderr(problems.map(formatProblem).join('\n') + '\n');
  if (hasErrors(problems) || !catalog) return 2;
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  io.stdout(
    `${count(files.length, 'catalog')} valid: ${count(catalog.teams.size, 'team')}, ` +
      `${count(catalog.components.length, 'component')}` +
      `${problems.length ? `, ${count(problems.length, 'warning')}` : ''}\n`,
  );
  return 0;
}
