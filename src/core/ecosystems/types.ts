import type { Range } from '../positions';
import type { DeclaredDependency, Ecosystem, LocatedDependency } from '../types';
import type { Versioning } from '../versioning/types';

/** A problem that makes a file, or part of it, unreadable. 0-based range. */
export interface ParseProblem {
  readonly message: string;
  readonly range: Range;
}

/** What an ecosystem's parser finds in one file: the uses it could read and what it could not. */
export interface ParsedFile {
  readonly uses: DeclaredDependency[];
  readonly problems: ParseProblem[];
}

/** A text edit as offsets into the text it was computed on. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The result of a rename in one file: edits (possibly none) and what was left alone, and why. */
export interface RenameResult {
  readonly splices: Splice[];
  readonly notes: string[];
}

/*
 * Changes to this contract since its first version (additive; no member renamed or removed):
 * - `project` (optional, `ProjectStep` below): facts across files, such as lockfile pins. A
 *   module's `files` name its manifests only; the files read for facts (lockfiles,
 *   `pnpm-workspace.yaml`) are its project step's `files`.
 * - `EcosystemModule<P>`: a module may return a richer `ParsedFile` (npm's adds `workspaces`) that
 *   its project step gets back in `noteManifest`; `EcosystemModule` alone is `EcosystemModule<ParsedFile>`.
 * - `wants` is called for every file of the tree: string checks only (written down below).
 * - `EcosystemProject.rangeOf` (optional): the range a use's text stands for when it names it
 *   indirectly (a pnpm `catalog:` spec), compared when no lockfile pins the use.
 * - `Versioning.whyNotBumped` (optional, versioning/types.ts): why a version the syntax reads does
 *   not move to a target (a Go module crossing a major changes its path), for notes and quick fixes.
 * - `EcosystemProject.definedElsewhere` (optional): the definition in another file of the project
 *   that a use's version text names (a parent pom's property, gradle.properties), where the finding
 *   is put and what a bump edits.
 * The contract test over the registry (test/unit/ecosystems/contract.test.ts) takes each module's
 * sample files from test/unit/ecosystems/samples.ts: one line per registered module.
 */

/**
 * What the core hands a project step: the files of the walk it wants (manifests and its own
 * `project.files`, POSIX paths relative to the scanned folder, in walk order: a folder's files before
 * its subfolders') and a way to read them. The core does the I/O; a step never touches the disk.
 */
export interface ProjectFiles {
  readonly files: readonly string[];
  /** The text of one of `files` (capped as lockfiles are), or undefined when it cannot be read (the core reports why). */
  read(file: string): string | undefined;
  /** Reports a problem in a file the step read (a lockfile that is not one). 0-based range. */
  problem(file: string, range: Range, message: string): void;
}

/** What a lockfile (or another file of the project) records for one use of a manifest. */
export interface Pin {
  /** The exact version recorded: compared instead of the version text, shown as `resolved`. */
  readonly version: string;
  /** The file that records it, POSIX relative to the scanned folder. */
  readonly file: string;
  /** Where it records it (0-based), worked out only when asked for: an editor's related information. */
  locate(): Range;
}

/**
 * The facts of one folder tree that no single file holds (which lockfile applies to which manifest,
 * workspaces, parent poms, version catalogs), for one scan. Files are read lazily and at most once.
 */
export interface EcosystemProject<P extends ParsedFile = ParsedFile> {
  /**
   * Called by the scan with every manifest it parsed, in walk order, before any pin of that file is
   * asked for: a workspace root's own facts (npm `workspaces`) arrive before its members need them.
   * Not called for an editor's unsaved text.
   */
  noteManifest?(file: string, parsed: P): void;
  /**
   * What noteManifest learnt, as plain data (structured-cloneable), and taking it back: a scanner
   * built on the same walk in another thread (the editor's host, after its worker scanned) then pins
   * as the scanning one does without parsing every manifest again. Both or neither.
   */
  exportNotes?(): unknown;
  importNotes?(notes: unknown): void;
  /** The version a lockfile records for `use` of the manifest `file`, or undefined when none does. */
  pin(file: string, use: DeclaredDependency): Pin | undefined;
  /**
   * The range that `use`'s version text stands for when the text names it indirectly (pnpm's
   * `catalog:` names an entry of pnpm-workspace.yaml), or undefined. Asked only when `pin` found
   * nothing; the range is compared (a subset test) and the message names it, while the finding
   * keeps the text as written.
   */
  rangeOf?(file: string, use: DeclaredDependency): string | undefined;
  /**
   * The definition in another file that `use`'s version text names (`${platform.version}` of a
   * parent pom, `$acmeVersion` of gradle.properties), or undefined. Asked only when `pin` found
   * nothing. The use is compared as that text, and its finding is put on the definition (ecosystems
   * spec, "Versions defined elsewhere"), naming the use that led there.
   */
  definedElsewhere?(file: string, use: DeclaredDependency): ElsewhereDefinition | undefined;
}

/** A version text defined in another file of the project than the use that names it. */
export interface ElsewhereDefinition {
  /** The file that defines it, POSIX relative to the scanned folder. */
  readonly file: string;
  /** The definition's text as written (a property's value): compared, shown and bumped. */
  readonly value: string;
  /** Offsets of `value` in the text the project read for `file`. */
  readonly start: number;
  readonly end: number;
  /** Where `value` stands in `file` (0-based), worked out only when asked for: a finding's range. */
  locate(): Range;
}

/** An ecosystem's facts across files: the files it reads for them and how a scan opens them. */
export interface ProjectStep<P extends ParsedFile = ParsedFile> {
  /**
   * Globs of the files read only for facts (lockfiles, `pnpm-workspace.yaml`): walked and watched
   * like `files`, never parsed for uses, never given diagnostics or activation events.
   */
  readonly files: readonly string[];
  /** The fast form of `files`, from the relative path alone. */
  wants(relPath: string): boolean;
  /** Its projects answer `definedElsewhere`: a migration's bump opens one to edit such definitions. */
  readonly definesElsewhere?: boolean;
  open(files: ProjectFiles): EcosystemProject<P>;
}

/**
 * One ecosystem of the catalog (`ecosystems-v1.md`): which files it reads, how it reads a use out
 * of them, its version syntax and how it compares names. Everything is pure (text in, data out)
 * and total: no member throws on any text, no returned position lies outside the text. The core
 * walks the tree once for every ecosystem; a module never touches the file system.
 */
export interface EcosystemModule<P extends ParsedFile = ParsedFile> {
  readonly id: Ecosystem;
  /**
   * Globs of the files whose uses it reads (its manifests), matched against the POSIX path relative
   * to the scanned folder (`**\/Dockerfile`, `**\/.github/workflows/*.yml`). The same list feeds the
   * walk, the editor's watchers and document selectors, and the activation events (a test holds them
   * together). Files read only for cross-file facts are the project step's `files`.
   */
  readonly files: readonly string[];
  /**
   * Whether the walk wants this file, from its relative path alone (no I/O): the fast form of `files`.
   * Called for every file of the tree, so cheap string checks only (a base name, a suffix, a folder),
   * never a glob compiled or matched per call.
   */
  wants(relPath: string): boolean;
  readonly versioning: Versioning;
  /** The form in which names are compared (PEP 503 for pypi, lower case for image names…). */
  normaliseName(name: string): string;
  /** The uses in one file, fast: no positions needed yet. `file` is the relative path (some formats depend on it). */
  parse(text: string, file: string): P;
  /**
   * Exact places of `uses` (as `parse` returned them for the same text), in the same order: the
   * version text as written (or its definition: an `ARG` default, a Maven property), else the name.
   * Paid only for files with findings.
   */
  locate(text: string, file: string, uses: readonly DeclaredDependency[]): LocatedDependency[];
  /** Renames the package `from` to `to` in this file (a migration's `rename` step), keeping every version. */
  rename(text: string, file: string, from: string, to: string): RenameResult;
  /**
   * Facts across files (a lockfile's pins, workspaces), for ecosystems that have them: poetry.lock,
   * Chart.lock and .terraform.lock.hcl plug in here as npm's lockfiles do. Without it a use's
   * version is its own text (or `resolved`).
   */
  readonly project?: ProjectStep<P>;
}
