import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readRepoConfig } from '../core/catalog';
import { claimingCatalog, familiesOf, slugOf, starterCatalog } from '../core/catalog/init';
import { localToday } from '../core/dates';
import { registeredModules } from '../core/ecosystems';
import { formatProblem, hasErrors } from '../core/problems';
import { scanWorkspace } from '../core/scan';
import { folderArg, orUsage, UsageError, type Io } from './io';

/**
 * `catalog init [DIR] --owner TEAM --match PATTERN...`: a starter catalog from what DIR uses (cli-v1.md).
 * The scan is `check`'s, with a catalog that claims every package the patterns match, so every
 * registered ecosystem, lockfile and `.platform-guide.yaml` `exclude` counts as it does there.
 * Exit 0 written, 1 nothing matched (nothing written), 2 a usage error.
 */
export async function catalogInitCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = orUsage(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        owner: { type: 'string' },
        match: { type: 'string', multiple: true },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    }),
  );
  const owner = values.owner?.trim() ?? '';
  if (owner === '') throw new UsageError("catalog init needs --owner TEAM: the team that owns the components (e.g. --owner web-platform)");
  if (slugOf(owner) === '') throw new UsageError(`--owner '${owner}' has no letter or digit to make a team id of`);
  // No family is guessed: which packages are internal is the platform team's call, not a heuristic's.
  const patterns = (values.match ?? []).map((p) => p.trim());
  if (patterns.length === 0) {
    throw new UsageError("catalog init guesses no package family: name your internal packages with --match PATTERN (repeatable; e.g. --match '@acme/*' --match 'registry.acme.dev/*')");
  }
  const empty = patterns.find((p) => p === '' || /^\*+$/.test(p));
  if (empty !== undefined) throw new UsageError(`--match '${empty}' would claim every package; name a family such as '@acme/*'`);
  const root = folderArg('catalog init', positionals, io.cwd);
  const out = values.out === undefined ? undefined : path.resolve(io.cwd, values.out);
  if (out !== undefined && !values.force && fs.existsSync(out)) {
    throw new UsageError(`${values.out} exists; pass --force to overwrite it, or choose another --out`);
  }

  const repo = await readRepoConfig(root);
  const shown = repo.problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));
  if (shown.length) io.stderr(shown.map(formatProblem).join('\n') + '\n');
  if (hasErrors(shown)) return 2;

  const catalog = claimingCatalog(patterns, registeredModules().map((m) => m.id));
  const result = scanWorkspace({ root, catalog, today: localToday(), ...(repo.config ? { config: repo.config } : {}) });
  // As for check: an unreadable manifest is a warning and the rest is still read.
  const problems = result.errors.map((p) => formatProblem({ ...p, severity: 'warning' }));
  if (problems.length) io.stderr(problems.join('\n') + '\n');
  if (result.uses.length === 0) {
    io.stderr(`catalog init: no dependency in ${result.manifests} manifests matches ${patterns.join(', ')}; nothing written\n`);
    return 1;
  }

  const text = starterCatalog(result.uses, { owner, patterns });
  const count = familiesOf(result.uses).length;
  if (out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    // `wx` refuses a file that appeared since the check above; --force replaces it.
    fs.writeFileSync(out, text, { flag: values.force ? 'w' : 'wx' });
  } catch (e) {
    io.stderr(`platform-guide: cannot write ${values.out}: ${(e as Error).message}\n`);
    return 2;
  }
  io.stderr(`wrote ${count} component${count === 1 ? '' : 's'} to ${values.out}; check it with 'platform-guide catalog validate ${values.out}'\n`);
  return 0;
}
