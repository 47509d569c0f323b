import * as path from 'node:path';
import type { Catalog, Component, RepoConfig } from './catalog/model';
import { ComponentIndex } from './componentIndex';
import { registeredModules } from './ecosystems';
import type { ElsewhereDefinition, EcosystemModule, EcosystemProject, ParsedFile, Pin } from './ecosystems/types';
import { evaluate, type EvaluationContext, type Verdict } from './evaluate';
import type { Range } from './positions';
import type { DeclaredDependency, Ecosystem, Severity } from './types';
import { MAX_LOCKFILE_BYTES, MAX_MANIFEST_BYTES, RepoReader, type ReadResult } from './safeRead';
import { exclusion, isExcluded, walk, walkOrder, type WalkResult } from './walk';

export interface Finding extends Omit<Verdict, 'component' | 'deprecation'> {
  /** POSIX path relative to the scanned folder. */
  readonly file: string;
  /** 0-based; the version text without quotes, or the name when there is none. */
  readonly range: Range;
  readonly ecosystem: Ecosystem;
  readonly package: string;
  readonly constraint: string | null;
  /** The version compared when not the constraint: a lockfile's pin, else the one the text states. */
  readonly resolved: string | null;
  /** Where `resolved` comes from: a lockfile, or the text itself (an action SHA's `# v4.1.1`); null without one. */
  readonly resolvedFrom: ResolvedFrom | null;
  readonly component: string;
  readonly owner: string;
  /** Where the lockfile pinned the version, for editors that link to it. */
  readonly lockfile?: { readonly file: string; readonly range: Range };
  /**
   * When the version is defined in another file than the use (a parent pom's property,
   * gradle.properties): `file` and `range` are the definition's, and these are the uses that name
   * it, 0-based, sorted. Uses of one definition by one package with one verdict are one finding
   * (mergeAtDefinitions). Absent for a use whose version is written in its own file.
   */
  readonly usedBy?: readonly UseSite[];
}

/** Where a use names a version defined in another file. */
export interface UseSite {
  /** POSIX path relative to the scanned folder. */
  readonly file: string;
  /** 0-based: the reference as written (`${platform.version}`, `$acmeVersion`). */
  readonly range: Range;
}

/** A lockfile's pin, or the version the text states beside an exact ref (a SHA's comment). */
export type ResolvedFrom = 'lockfile' | 'text';

/** One use of a platform component, flagged or not: what an overview of the workspace lists. */
export interface PlatformUse {
  readonly file: string;
  /** The file where its version text is written when not `file` (a parent pom, gradle.properties); `constraint` is the text there. */
  readonly definedIn?: string;
  readonly ecosystem: Ecosystem;
  readonly package: string;
  readonly component: string;
  readonly constraint: string | null;
  readonly resolved: string | null;
  readonly resolvedFrom: ResolvedFrom | null;
  /** The finding's severity, or null when this use is fine. */
  readonly severity: Severity | null;
}

/** A file that could not be read; the scan goes on without it. */
export interface ScanProblem {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly errors: ScanProblem[];
  readonly uses: PlatformUse[];
  /** Files read for uses (a file two ecosystems read counts once); files that could not be read are errors instead. */
  readonly manifests: number;
  readonly dependencies: number;
  /** Dependencies that belong to a catalog component. */
  readonly platformDependencies: number;
}

export interface ScanOptions {
  /** Absolute path of the folder to scan. */
  readonly root: string;
  readonly catalog: Catalog;
  readonly config?: RepoConfig;
  /** YYYY-MM-DD */
  readonly today: string;
  /**
   * Also find where each lockfile pinned a version (for an editor's related information). Off by
   * default: it indexes the whole lockfile, which a CLI run that never prints it should not pay for.
   */
  readonly lockfileRanges?: boolean;
  /**
   * The ecosystem modules to read with; default: every registered one. For a module's own tests
   * before it has its registry line, and for tools that want one ecosystem only.
   */
  readonly modules?: readonly EcosystemModule[];
  /**
   * The walk of this root made elsewhere with the same modules and configuration (the editor's scan
   * worker), so a scanner for open documents can be built without walking again.
   */
  readonly walked?: WalkResult;
  /** With `walked`: what that scanner's projects noted while it scanned (WorkspaceScanner.projectNotes). */
  readonly projectNotes?: Readonly<Partial<Record<Ecosystem, unknown>>>;
  /**
   * False: `uses` stays empty and only their number is kept (`platformDependencies`), for a run
   * that prints findings only; a monorepo has hundreds of thousands of uses. Default true.
   */
  readonly keepUses?: boolean;
  /**
   * Where the files come from instead of the folder on disk: a commit's tree read from git's object
   * store (a report's history). `root` then only names the repository; nothing under it is read.
   */
  readonly source?: FileSource;
  /**
   * One finding per use, also where several uses share a definition in another file (each with its
   * one `usedBy`), for an editor that replaces one file's uses as it is edited and merges per file
   * itself. Off by default: `scan` returns them merged (mergeAtDefinitions).
   */
  readonly perUse?: boolean;
}

/** A tree of files other than the folder on disk. */
export interface FileSource {
  /** Every file of the tree as POSIX paths relative to its root; the scan keeps the ones its modules want, as a walk would. */
  readonly files: readonly string[];
  /** The file's bytes, under the same rules and in the same words as the safe reader. */
  read(file: string, maxBytes: number): ReadResult;
}

/** The files a scan with these modules reads: manifests and the project files (lockfiles) beside them. */
export function wantedBy(modules: readonly EcosystemModule[] = registeredModules()): (rel: string) => boolean {
  // One matcher for every module: each `wants` is a few string checks on the relative path.
  return (rel) => modules.some((m) => m.wants(rel) || m.project?.wants(rel) === true);
}

/** The files a walk of the same tree would list, in its order (a workspace root before its members). */
function walkSource(source: FileSource, wanted: (rel: string) => boolean, exclude: readonly string[]): WalkResult {
  const excluded = exclusion(exclude);
  // No file of a source is known to be a plain file on disk: `regular` is for the safe reader's shortcut.
  return { files: walkOrder(source.files.filter((f) => wanted(f) && !excluded(f))), regular: new Set() };
}

/** Files whose reading modules a scanner remembers beyond its walk (an editor's open documents). */
const MAX_REMEMBERED_READERS = 100_000;

/** Scans every manifest of every registered ecosystem under the root and evaluates its platform dependencies. */
export function scanWorkspace(opts: ScanOptions): ScanResult {
  return new WorkspaceScanner(opts).scan();
}

/**
 * One folder tree and one catalog: the CLI scans it once; the editor keeps it to evaluate the
 * manifests being edited against the lockfiles on disk, and makes a new one when files change.
 * The tree is walked once for every ecosystem; each file goes to every module that wants it (a
 * workflow to actions and docker, a package.json to npm and runtime), read from disk once.
 */
export class WorkspaceScanner {
  private readonly files: readonly string[];
  /** The files of the walk this scanner reads: what ScanOptions.walked takes. */
  readonly walked: WalkResult;
  private readonly errors: ScanProblem[] = [];
  private readonly projects = new Map<Ecosystem, EcosystemProject>();
  private readonly evaluator: ManifestEvaluator;
  private readonly modules: readonly EcosystemModule[];
  private readonly reader: Pick<RepoReader, 'read'>;
  /** The modules that read each walked file as a manifest. */
  private readonly readers = new Map<string, EcosystemModule[]>();

  constructor(private readonly opts: ScanOptions) {
    const modules = (this.modules = opts.modules ?? registeredModules());
    // Each file's readers are asked once, during the walk (for a walk made elsewhere, when first
    // needed); the same answer as wantedBy(modules).
    const readers = this.readers;
    const wanted = (rel: string) => {
      const reading = modules.filter((m) => m.wants(rel));
      if (reading.length > 0) readers.set(rel, reading);
      return reading.length > 0 || modules.some((m) => m.project?.wants(rel) === true);
    };
    const exclude = opts.config?.exclude ?? [];
    const walked = (this.walked = opts.walked ?? (opts.source ? walkSource(opts.source, wanted, exclude) : walk(opts.root, wanted, exclude)));
    this.files = walked.files;
    this.reader = opts.source ?? new RepoReader(opts.root, walked);
    // A scanner built on a walk made elsewhere (the editor's, beside its scan worker) evaluates a
    // few open documents: each module's project is opened when first needed, not all at once.
    if (!opts.walked) for (const module of modules) this.project(module);
    this.evaluator = new ManifestEvaluator(opts);
  }

  /** A module's project over the files it reads, with the notes a scan made elsewhere gave it; opened once. */
  private project(module: EcosystemModule): EcosystemProject | undefined {
    const open = this.projects.get(module.id);
    if (open || !module.project) return open;
    const step = module.project;
    // A walk made elsewhere (the editor's worker) left no answers here: those are asked as needed.
    const files = this.files.filter((f) => (this.readers.get(f)?.includes(module) ?? module.wants(f)) || step.wants(f));
    const project = step.open({
      files,
      // Lockfiles of large monorepos run to tens of MB: project files have the lockfile cap.
      read: (file) => readText(this.reader, file, this.errors, MAX_LOCKFILE_BYTES),
      problem: (file, range, message) => this.errors.push({ file, range, message }),
    });
    const notes = this.opts.projectNotes?.[module.id];
    if (notes !== undefined) project.importNotes?.(notes);
    this.projects.set(module.id, project);
    return project;
  }

  /** What each ecosystem's project noted while this scanner scanned, for ScanOptions.projectNotes. */
  projectNotes(): Partial<Record<Ecosystem, unknown>> {
    const notes: Partial<Record<Ecosystem, unknown>> = {};
    for (const [id, project] of this.projects) if (project.exportNotes) notes[id] = project.exportNotes();
    return notes;
  }

  scan(): ScanResult {
    const errors = this.errors;
    const findings: Finding[] = [];
    const uses: PlatformUse[] = [];
    let manifests = 0;
    let dependencies = 0;
    let platformDependencies = 0;
    const keepUses = this.opts.keepUses !== false;
    // The walk lists a folder's files before its subfolders', so a workspace root's package.json is
    // read before its members ask for its globs. Each text is dropped once evaluated.
    for (const file of this.files) {
      const modules = this.modulesFor(file);
      if (modules.length === 0) continue; // a lockfile or another file only a project step reads
      const text = readText(this.reader, file, errors, MAX_MANIFEST_BYTES);
      if (text === undefined) continue;
      let read = false;
      for (const module of modules) {
        const parsed = parseSafely(module, text, file);
        for (const p of parsed.problems) errors.push({ file, range: p.range, message: p.message });
        // A file with problems and no uses could not be read at all (npm: not JSON): not a manifest.
        if (parsed.problems.length > 0 && parsed.uses.length === 0) continue;
        read = true;
        const project = this.project(module);
        project?.noteManifest?.(file, parsed);
        const result = this.evaluator.evaluate(file, text, module, parsed.uses, project);
        dependencies += parsed.uses.length;
        platformDependencies += result.platform;
        for (const f of result.findings) findings.push(f);
        if (keepUses) for (const u of result.uses) uses.push(u);
      }
      if (read) manifests++;
    }
    const merged = this.opts.perUse ? findings : mergeAtDefinitions(findings);
    merged.sort(byPlace);
    errors.sort(byPlace);
    return { findings: merged, errors: [...errors], uses, manifests, dependencies, platformDependencies };
  }

  /**
   * Evaluates a manifest's current text (an editor's unsaved buffer) with every module that wants its
   * path; `file` is relative to the root. `problems` when no module could read it at all. Findings
   * are one per use: those put on a definition in another file (`usedBy` this file) are not merged.
   */
  evaluateText(file: string, text: string): { findings: Finding[]; uses: PlatformUse[] } | { problems: ScanProblem[] } {
    // An open editor can show any file; only those the scan would read are evaluated.
    if (isExcluded(file, this.opts.config?.exclude ?? [])) return { findings: [], uses: [] };
    const findings: Finding[] = [];
    const uses: PlatformUse[] = [];
    const problems: ScanProblem[] = [];
    let read = false;
    for (const module of this.modulesFor(file)) {
      const parsed = parseSafely(module, text, file);
      problems.push(...parsed.problems.map((p) => ({ file, range: p.range, message: p.message })));
      if (parsed.problems.length > 0 && parsed.uses.length === 0) continue;
      read = true;
      const result = this.evaluator.evaluate(file, text, module, parsed.uses, this.project(module));
      findings.push(...result.findings);
      uses.push(...result.uses);
    }
    if (!read && problems.length > 0) return { problems };
    findings.sort(byPlace);
    return { findings, uses };
  }

  /** The modules that read this file as a manifest (several: a workflow is read by actions and docker). */
  private modulesFor(file: string): readonly EcosystemModule[] {
    const known = this.readers.get(file);
    if (known) return known;
    const reading = this.modules.filter((m) => m.wants(file));
    if (reading.length > 0 && this.readers.size < MAX_REMEMBERED_READERS) this.readers.set(file, reading);
    return reading;
  }

  /** The catalog component that owns a package of an ecosystem, if any. */
  componentOf(ecosystem: Ecosystem, name: string): Component | undefined {
    return this.evaluator.componentOf(ecosystem, name);
  }
}

/** Evaluates one manifest's uses (saved text or not) with the pins its ecosystem's project records. */
export class ManifestEvaluator {
  private readonly index: ComponentIndex;
  private readonly ctx: EvaluationContext;
  /** Decided verdicts by component, module and what the use reads. */
  private readonly verdicts = new Map<Component, Map<EcosystemModule, Map<string, { plain: Map<string, Decided>; other: Map<string, Decided> }>>>();
  private cached = 0;
  /** Components with an exception limited to `paths`: their verdicts depend on the manifest's path. */
  private readonly pathExceptions: Set<string>;

  constructor(private readonly opts: ScanOptions) {
    this.index = new ComponentIndex(opts.catalog);
    this.ctx = {
      catalog: opts.catalog,
      today: opts.today,
      exceptions: opts.config?.exceptions ?? [],
      ...(opts.config ? { exceptionsFile: path.basename(opts.config.file) } : {}),
    };
    this.pathExceptions = new Set(this.ctx.exceptions.filter((e) => e.paths.length > 0).map((e) => e.component));
  }

  componentOf(ecosystem: Ecosystem, name: string): Component | undefined {
    return this.index.lookup(ecosystem, name);
  }

  /**
   * `evaluate`, decided once for each use that reads the same: a monorepo writes the same
   * dependency at the same version in thousands of manifests, and each verdict builds a message.
   * The manifest's path matters only to exceptions with `paths`; it joins the key only then.
   */
  private verdict(dep: DeclaredDependency, component: Component, pinned: string | undefined, file: string, module: EcosystemModule): Decided {
    // Keyed by the component and module objects first, so the string key holds only what varies
    // between uses (hashing a long key for each of 200,000 uses was a visible share of a scan).
    let byModule = this.verdicts.get(component);
    if (!byModule) this.verdicts.set(component, (byModule = new Map()));
    let byName = byModule.get(module);
    if (!byName) byModule.set(module, (byName = new Map()));
    let caches = byName.get(dep.name);
    if (!caches) byName.set(dep.name, (caches = { plain: new Map(), other: new Map() }));
    const ecosystem = dep.ecosystem === module.id ? '' : dep.ecosystem;
    const where = this.pathExceptions.has(component.id) ? file : '';
    // Nearly every use states nothing but its constraint: that string is then the key as it is
    // (in a map of its own, so no constraint can spell another use's composed key).
    const plain = dep.resolved === undefined && pinned === undefined && ecosystem === '' && where === '' && dep.constraint !== null;
    const cache = plain ? caches.plain : caches.other;
    const key = plain ? dep.constraint! : `${dep.constraint ?? '\u0001'}\0${dep.resolved ?? '\u0001'}\0${pinned ?? '\u0001'}\0${ecosystem}\0${where}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const decided: Decided = { verdict: evaluate(dep, component, pinned, file, this.ctx, module.versioning), name: dep.name, constraint: dep.constraint };
    // Bounded, for an editor session that re-evaluates as the user types.
    if (++this.cached > 50_000) {
      this.verdicts.clear();
      this.cached = 0;
    }
    cache.set(key, decided);
    return decided;
  }

  evaluate(
    file: string,
    text: string,
    module: EcosystemModule,
    declared: readonly DeclaredDependency[],
    project: EcosystemProject | undefined,
  ): { findings: Finding[]; uses: PlatformUse[]; platform: number } {
    const flagged: Array<{ written: DeclaredDependency; dep: DeclaredDependency; decided: Flagged; pin: Pin | undefined; elsewhere: ElsewhereDefinition | undefined }> = [];
    const uses: PlatformUse[] = [];
    const keepUses = this.opts.keepUses !== false;
    let platform = 0;
    for (const declaredDep of declared) {
      const component = this.index.lookup(declaredDep.ecosystem, declaredDep.name);
      if (!component) continue;
      // A lockfile's pin wins over what the text states; lockfiles are read only for platform uses.
      const pin = project?.pin(file, declaredDep);
      // A version written in another file (a parent pom's property) is that file's text: compared,
      // shown and bumped there, as one written in this file would be.
      const elsewhere = pin ? undefined : project?.definedElsewhere?.(file, declaredDep);
      const dep = elsewhere ? { ...declaredDep, constraint: elsewhere.value } : declaredDep;
      // A text that stands for a range kept elsewhere (pnpm's `catalog:`) is compared as that range,
      // read as a version the text states; the finding still shows the text as written.
      const stands = pin || elsewhere ? undefined : project?.rangeOf?.(file, dep);
      const compared = stands === undefined ? dep : { ...dep, resolved: stands };
      const decided = this.verdict(compared, component, pin?.version, file, module);
      const verdict = decided.verdict;
      // The finding keeps the decision's copies of the name and constraint (see toFinding).
      if (isFlagged(decided)) flagged.push({ written: declaredDep, dep, decided, pin, elsewhere });
      platform++;
      if (!keepUses) continue;
      uses.push({
        file,
        ...(elsewhere ? { definedIn: elsewhere.file } : {}),
        ecosystem: dep.ecosystem,
        package: dep.name,
        component: component.id,
        constraint: dep.constraint,
        resolved: pin?.version ?? dep.resolved ?? null,
        resolvedFrom: resolvedFrom(dep, pin),
        severity: verdict?.severity ?? null,
      });
    }
    if (flagged.length === 0) return { findings: [], uses, platform };
    // Exact positions cost a full tokenisation: paid only by manifests that have findings. The
    // module locates the use as its own text reads it (the reference, for a definition elsewhere).
    const located = module.locate(text, file, flagged.map((f) => f.written));
    const findings = flagged.map((f, i) => {
      const range = located[i]?.range ?? ZERO;
      if (!f.elsewhere) return toFinding(file, f.dep, f.decided, range, f.pin, this.opts.lockfileRanges === true);
      return { ...toFinding(f.elsewhere.file, f.dep, f.decided, f.elsewhere.locate(), undefined, false), usedBy: [{ file, range }] };
    });
    return { findings, uses, platform };
  }
}

/** A verdict decided once for uses that read the same, with the name and constraint it was decided for. */
interface Decided {
  readonly verdict: Verdict | undefined;
  readonly name: string;
  readonly constraint: string | null;
}

/** A decision that flags the use. */
type Flagged = Decided & { readonly verdict: Verdict };

function isFlagged(decided: Decided): decided is Flagged {
  return decided.verdict !== undefined;
}

/**
 * A module's parse, which the contract says never throws; if one still does (a bug), the file gets
 * a problem that says which parser failed and the scan goes on with the other files.
 */
function parseSafely(module: EcosystemModule, text: string, file: string): ParsedFile {
  try {
    return module.parse(text, file);
  } catch (e) {
    return { uses: [], problems: [{ range: ZERO, message: `the ${module.id} parser failed on this file (${(e as Error).message}); please report it` }] };
  }
}

/**
 * `decided` holds the name and constraint the verdict was decided for, equal to the use's: the
 * finding keeps those copies, shared by every finding of that decision, so that a scan that keeps
 * tens of thousands of findings does not keep two strings of each manifest's text for each.
 */
function toFinding(file: string, dep: DeclaredDependency, decided: Flagged, range: Range, pin: Pin | undefined, pinRanges: boolean): Finding {
  const verdict = decided.verdict;
  // Every field written out (a scan makes one of these per finding, and a spread copies key by key).
  const finding: Finding = {
    file,
    range,
    ecosystem: dep.ecosystem,
    package: decided.name,
    constraint: decided.constraint,
    resolved: pin?.version ?? dep.resolved ?? null,
    resolvedFrom: resolvedFrom(dep, pin),
    component: verdict.component.id,
    owner: verdict.component.owner,
    severity: verdict.severity,
    message: verdict.message,
    reason: verdict.reason,
    sunset: verdict.sunset,
    recommended: verdict.recommended,
    migration: verdict.migration,
    exception: verdict.exception,
  };
  return pin && pinRanges ? { ...finding, lockfile: { file: pin.file, range: pin.locate() } } : finding;
}

/**
 * Findings put on one definition in another file (a parent pom's property that many modules use)
 * by uses of one package with one verdict are one finding, listing every use in `usedBy`: the
 * definition is one place to fix, and a parent of fifty modules must not stack fifty identical
 * diagnostics on one line. A finding of the definition's own file at the same place (the parent
 * uses the property too) takes the others' uses. Anything else is returned as it was, in order.
 */
export function mergeAtDefinitions(findings: readonly Finding[]): Finding[] {
  // Only places a finding from another file points at can merge: most scans have none, and the
  // others are spared a key for each of their (possibly hundred thousand) findings.
  const place = (f: Finding) => `${f.file}\0${f.range.start.line}\0${f.range.start.character}`;
  const definitions = new Set<string>();
  for (const f of findings) if (f.usedBy) definitions.add(place(f));
  if (definitions.size === 0) return findings.slice();
  const out: Finding[] = [];
  const at = new Map<string, number>();
  for (const f of findings) {
    const key = definitions.has(place(f)) ? mergeKey(f) : undefined;
    const i = key === undefined ? undefined : at.get(key);
    // Two findings at one place with no use elsewhere are not this function's to join.
    if (key === undefined || i === undefined || (!f.usedBy && !out[i]!.usedBy)) {
      if (key !== undefined && i === undefined) at.set(key, out.length);
      out.push(f);
      continue;
    }
    const into = out[i]!;
    const usedBy = [...(into.usedBy ?? []), ...(f.usedBy ?? [])].sort(byPlace);
    out[i] = usedBy.length > 0 ? { ...into, usedBy } : into;
  }
  return out;
}

/** Everything a user reads in a finding but its uses: equal keys say the same thing at the same place. */
function mergeKey(f: Finding): string {
  const { usedBy: _usedBy, lockfile: _lockfile, ...said } = f;
  return JSON.stringify(said);
}

/** `used by svc/pom.xml:12, web/pom.xml:8`: the uses of a version written elsewhere, 1-based, for messages. */
export function usedByNote(f: Pick<Finding, 'usedBy'>, max = 3): string {
  const sites = f.usedBy ?? [];
  if (sites.length === 0) return '';
  const named = sites.slice(0, max).map((u) => `${u.file}:${u.range.start.line + 1}`);
  const more = sites.length - named.length;
  return `used by ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** A finding's message as every output shows it: with the uses of a version written elsewhere. */
export function findingMessage(f: Pick<Finding, 'message' | 'usedBy'>): string {
  const note = usedByNote(f);
  return note === '' ? f.message : `${f.message} (${note})`;
}

function resolvedFrom(dep: DeclaredDependency, pin: Pin | undefined): ResolvedFrom | null {
  return pin ? 'lockfile' : dep.resolved !== undefined ? 'text' : null;
}

/** Reads a repository file through the safe reader: regular files inside the root, capped. */
function readText(reader: Pick<RepoReader, 'read'>, file: string, errors: ScanProblem[], cap: number): string | undefined {
  const read = reader.read(file, cap);
  if (read.ok) return read.bytes.toString('utf8');
  errors.push({ file, range: ZERO, message: `cannot read the file: ${read.reason}` });
  return undefined;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function byPlace(a: { file: string; range: Range }, b: { file: string; range: Range }): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character
  );
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
