import { parseArgs } from 'node:util';
import type { Catalog, Component, Migration } from '../core/catalog/model';
import { applyPlan, migrationTargets, planMigration, unifiedDiff, type FileEdits, type MigrationPlan } from '../core/migrate';
import { moduleOf } from '../core/ecosystems';
import { WorkspaceScanner } from '../core/scan';
import { loadRepoAndCatalog } from './catalogs';
import { folderArg, orUsage, todayArg, UsageError, type Io } from './io';

/**
 * `migrate [DIR] --migration COMPONENT/ID [--dry-run]`: plans the migration for every manifest (of
 * every ecosystem the scan reads) whose use of the component lies in its `from`, then writes each
 * manifest's plan (or, with --dry-run, prints them all as one unified diff on stdout and the
 * summary on stderr, so the output can go straight to `git apply`). Exit 0 done, 1 nothing matched, 2 usage, catalog or write
 * errors.
 */
export async function migrateCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = orUsage(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        catalog: { type: 'string', multiple: true },
        migration: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        today: { type: 'string' },
      },
    }),
  );
  const wanted = values.migration;
  if (wanted === undefined) throw new UsageError('migrate needs --migration COMPONENT/ID (e.g. --migration acme-ui/ui-3-to-4)');
  const [componentId, migrationId, ...extra] = wanted.split('/');
  if (!componentId || !migrationId || extra.length > 0) throw new UsageError(`--migration takes COMPONENT/ID, not '${wanted}'`);
  const today = todayArg(values.today);
  const root = folderArg('migrate', positionals, io.cwd);
  const dryRun = values['dry-run'] === true;

  const loaded = await loadRepoAndCatalog(root, values.catalog, io);
  if (!loaded) return 2;
  const { catalog, config } = loaded;
  const { component, migration } = findMigration(catalog, componentId, migrationId);

  const scanner = new WorkspaceScanner({ root, catalog, today, ...(config ? { config } : {}) });
  const scan = scanner.scan();
  const targets = migrationTargets(scan.uses, component, migration);
  const say = dryRun ? io.stderr : io.stdout;
  if (targets.length === 0) {
    say(`No manifest uses ${component.id} in ${migration.from}, the versions "${migration.title}" applies to; nothing to migrate.\n`);
    return 1;
  }

  const plans: MigrationPlan[] = [];
  // Planned and written one manifest at a time, so each plan sees what the previous one wrote: a
  // Dockerfile and the compose file beside it share their folder's files. A dry run writes
  // nothing, so each plan reads the texts the plans before it made instead.
  const planned = new Map<string, string>();
  for (const manifest of targets) {
    const plan = planMigration({
      root,
      manifest,
      component,
      migration,
      exclude: config?.exclude ?? [],
      // Where a version is defined in another file (a parent pom), the files the scan walked.
      files: scanner.walked.files,
      ...(dryRun ? { readText: (rel: string) => planned.get(rel) } : {}),
    });
    for (const f of plan.files) planned.set(f.file, f.after);
    if (!dryRun) {
      try {
        applyPlan(root, plan);
      } catch (e) {
        io.stderr(`platform-guide: ${manifest}: ${(e as Error).message}\n`);
        return 2;
      }
    }
    plans.push(plan);
    say(describe(plan));
  }
  if (dryRun) io.stdout(unifiedDiff(combined(plans)));

  // Only ecosystems with a project step (lockfiles) have a lockfile to bring along.
  const withLockfiles = scan.uses.some((u) => u.component === component.id && targets.includes(u.file) && moduleOf(u.ecosystem)?.project !== undefined);
  const changes = plans.reduce((n, p) => n + p.files.reduce((m, f) => m + f.edits.length, 0), 0);
  // Two manifests of one folder (a Dockerfile and its compose file) may change the same file: once.
  const files = new Set(plans.flatMap((p) => p.files.map((f) => f.file))).size;
  const skipped = plans.reduce((n, p) => n + p.skipped.length, 0);
  const what = `${count(changes, 'change')} in ${count(files, 'file')} for ${count(plans.length, 'manifest')}`;
  say(
    `${component.id}/${migration.id} (${migration.title}): ${dryRun ? 'would make' : 'made'} ${what}` +
      `${skipped ? `, ${skipped} skipped` : ''}${dryRun ? '; dry run, nothing was written' : ''}.` +
      `${!dryRun && files > 0 && withLockfiles ? ' Run your package manager so the lockfile follows.' : ''}\n` +
      `${migration.guide ? `Guide: ${migration.guide}\n` : ''}`,
  );
  return 0;
}

function findMigration(catalog: Catalog, componentId: string, migrationId: string): { component: Component; migration: Migration } {
  const component = catalog.components.find((c) => c.id === componentId);
  if (!component) {
    const known = catalog.components.flatMap((c) => c.migrations.map((m) => `${c.id}/${m.id}`));
    throw new UsageError(
      `no component '${componentId}' in the catalogs; ${known.length ? `known migrations: ${known.join(', ')}` : 'they define no migrations'}`,
    );
  }
  const migration = component.migrations.find((m) => m.id === migrationId);
  if (!migration) {
    const known = component.migrations.map((m) => m.id);
    throw new UsageError(
      `component '${componentId}' has no migration '${migrationId}'; ${known.length ? `its migrations: ${known.join(', ')}` : 'it defines none'}`,
    );
  }
  return { component, migration };
}

/**
 * The files of a dry run's plans, each once: from the text first read to the text the last plan
 * left, so the diff holds one patch per file and `git apply` takes it whole.
 */
function combined(plans: readonly MigrationPlan[]): { files: Pick<FileEdits, 'file' | 'before' | 'after'>[] } {
  const files = new Map<string, Pick<FileEdits, 'file' | 'before' | 'after'>>();
  for (const f of plans.flatMap((p) => p.files)) files.set(f.file, { file: f.file, before: files.get(f.file)?.before ?? f.before, after: f.after });
  return { files: [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

/** Per manifest: the files it changed, with how many changes each, then what it skipped and why. */
function describe(plan: MigrationPlan): string {
  const edits = plan.files.reduce((n, f) => n + f.edits.length, 0);
  const lines = [`${plan.manifest}: ${edits === 0 ? 'no changes' : `${count(edits, 'change')} in ${count(plan.files.length, 'file')}`}`];
  for (const f of plan.files) lines.push(`  changed ${f.file}: ${count(f.edits.length, 'change')}`);
  for (const s of plan.skipped) lines.push(`  skipped ${s.file}: ${s.reason}`);
  return lines.join('\n') + '\n';
}

function count(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}
