import type { MigrationStep } from '../catalog/model';
import { anyGlob } from '../globs';
import { forbiddenPath, unsafeGlob, WorkingSet } from './files';
import { migrationFolder, otherManifestFolder } from './folder';
import { registeredModules } from '../ecosystems';
import type { ElsewhereDefinition, EcosystemModule, EcosystemProject, ProjectFiles } from '../ecosystems/types';
import type { DeclaredDependency } from '../types';
import { walk } from '../walk';
import { applySplices, bumpManifest, renameInManifest, type FileSplice } from './manifest';
import { RegexRunner } from './regex';
import { editJson, replaceLiteral, replaceRegexAll, type StepResult } from './steps';
import { DEFAULT_REGEX_TIMEOUT_MS, type MigrationPlan, type PlanOptions } from './types';

/**
 * Plans a catalog migration for one manifest of any ecosystem (catalog spec, "Migrations"): the bump
 * of every package of the component in it, then each step in order, each seeing the
 * text the one before produced. Reads files (or the editor's buffers through `readText`) and writes
 * nothing: the plan holds, per file, the text it was made against and minimal edits, for a preview,
 * `applyPlan` or an editor's WorkspaceEdit. Never throws for anything a catalog or a repository
 * holds; what it cannot do is listed in `skipped`.
 */
export function planMigration(opts: PlanOptions): MigrationPlan {
  const { component, migration } = opts;
  const manifest = normalisePath(opts.manifest);
  const work = new WorkingSet(opts.root, opts.readText, opts.exclude ?? []);
  // The steps' globs are relative to the manifest's folder, or for a workflow (any file under
  // `.github/`, `.gitlab/`, `.devcontainer/`) to the folder that holds that folder: the repository,
  // as a platform team writes every path of a workflow. See migrationFolder.
  const dir = migrationFolder(manifest);
  // The manifest is the file the use is in, of whichever ecosystem reads it (a package.json, a
  // Dockerfile, a workflow); the bump and renames edit it alone (a lockfile is never edited).
  const refused = forbiddenPath(manifest);
  const manifests = refused ? [] : [manifest];
  if (refused) work.skip(manifest, `the migration cannot run for this manifest: ${refused}`);

  const elsewhere = definitionsElsewhere(opts, work);
  for (const m of manifests) {
    const f = work.get(m);
    if (!f) continue;
    const bumped = bumpManifest(f.body, m, component, migration.to, elsewhere);
    f.body = bumped.text;
    for (const note of bumped.notes) work.skip(m, `bump to ${migration.to}: ${note}`);
    // A version defined in another file (a parent pom's property) is bumped there, in the text the
    // lookup read: the working body of that file, so two plans in a row see each other's edits.
    for (const [file, splices] of groupByFile(bumped.elsewhere)) {
      const other = work.get(file);
      if (other) other.body = applySplices(other.body, splices);
    }
  }
  work.checkpoint(0);

  let runner: RegexRunner | undefined;
  migration.steps.forEach((step, i) => {
    const label = `step ${i + 1} (${step.kind})`;
    if (step.kind === 'rename') {
      for (const m of manifests) {
        const f = work.get(m);
        if (!f) continue;
        const r = renameInManifest(f.body, m, step.from, step.to);
        f.body = r.text;
        for (const note of r.notes) work.skip(m, `${label}: ${note}`);
      }
      work.checkpoint(i + 1);
      return;
    }
    // A file reached by two paths (a symbolic link inside the repository) is edited once.
    const files = [...new Set(matchingFiles(work, dir, manifest, step, label).flatMap((file) => work.get(file) ?? []))];
    let results: StepResult[];
    if (step.kind === 'json') results = files.map((f) => editJson(f.body, step.set, step.remove));
    else if (step.regex === undefined) results = files.map((f) => replaceLiteral(f.body, step.find ?? '', step.with));
    else {
      runner ??= new RegexRunner(opts.regexTimeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS);
      results = replaceRegexAll(files.map((f) => f.body), step.regex, step.with, runner);
    }
    let stoppedOn: string | undefined;
    files.forEach((f, j) => {
      const r = results[j];
      if (r?.ok) f.body = r.text;
      else if (r) work.skip(f.file, `${label}: ${r.reason}`);
      if (r && !r.ok && r.timedOut) stoppedOn = f.file;
      if (!r) work.skip(f.file, `${label}: not run, its regex ${stoppedOn ? `was stopped on ${stoppedOn}` : 'failed'}`);
    });
    work.checkpoint(i + 1);
  });

  return { migration, component, manifest, files: work.changes(), skipped: work.skipped };
}

/** The package's files that a step's globs (relative to the migration's folder, `dir`) match. */
function matchingFiles(work: WorkingSet, dir: string, manifest: string, step: Exclude<MigrationStep, { kind: 'rename' }>, label: string): string[] {
  const globs: string[] = [];
  for (const glob of step.files) {
    const unsafe = unsafeGlob(glob);
    const kept = glob.split(/[\\/]/).find((s) => s === 'node_modules' || s === '.git');
    if (unsafe) work.skip(manifest, `${label}: ${unsafe}; refused`);
    else if (kept) work.skip(manifest, `${label}: the glob '${glob}' names ${kept}, which is never edited`);
    else globs.push(glob);
  }
  if (globs.length === 0) return [];
  // dot: false, as in a shell: `**/*.ts` leaves `.github/` and dotfiles alone; a team that means a
  // dotfile names it (`.eslintrc.json` matches itself).
  const isMatch = anyGlob(globs, { dot: false }, (_glob, reason) => work.skip(manifest, `${label}: ${reason}; refused`));
  const prefix = dir === '' ? '' : `${dir}/`;
  return work.listPackage(dir, otherManifestFolder(manifest)).filter((f) => isMatch(f.slice(prefix.length)));
}

/**
 * The project lookup of each ecosystem that has one, over the planner's own texts (the working
 * bodies, an editor's buffers): where a use's version is defined in another file. Opened only when a
 * use asks, on the files the scan walks (`opts.files`, else a walk of the root made then).
 */
function definitionsElsewhere(opts: PlanOptions, work: WorkingSet): (module: EcosystemModule, dep: DeclaredDependency) => ElsewhereDefinition | undefined {
  const projects = new Map<EcosystemModule, EcosystemProject | undefined>();
  let walked: readonly string[] | undefined = opts.files;
  const all = () => (walked ??= walk(opts.root, (rel) => registeredModules().some((m) => m.wants(rel) || m.project?.wants(rel) === true), opts.exclude ?? []).files);
  return (module, dep) => {
    const step = module.project;
    if (!step?.definesElsewhere) return undefined;
    if (!projects.has(module)) {
      let mine: readonly string[] | undefined;
      // The list is asked for only by a use whose version names a definition the manifest lacks.
      const files: ProjectFiles = {
        get files() {
          return (mine ??= all().filter((f) => module.wants(f) || step.wants(f)));
        },
        read: (file) => work.get(file)?.body,
        problem: () => undefined,
      };
      projects.set(module, step.open(files));
    }
    return projects.get(module)?.definedElsewhere?.(normalisePath(opts.manifest), dep);
  };
}

function groupByFile(splices: readonly FileSplice[]): Map<string, FileSplice[]> {
  const out = new Map<string, FileSplice[]>();
  for (const s of splices) out.set(s.file, [...(out.get(s.file) ?? []), s]);
  return out;
}

function normalisePath(p: string): string {
  let out = p.replace(/\\/g, '/');
  while (out.startsWith('./')) out = out.slice(2);
  return out;
}
