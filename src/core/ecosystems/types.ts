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

/**
 * One ecosystem of the catalog (`ecosystems-v1.md`): which files it reads, how it reads a use out
 * of them, its version syntax and how it compares names. Everything is pure (text in, data out)
 * and total: no member throws on any text, no returned position lies outside the text. The core
 * walks the tree once for every ecosystem; a module never touches the file system.
 */
export interface EcosystemModule {
  readonly id: Ecosystem;
  /**
   * Globs of the files it reads, matched against the POSIX path relative to the scanned folder
   * (`**\/Dockerfile`, `**\/.github/workflows/*.yml`). The same list feeds the walk, the editor's
   * watchers and document selectors, and the activation events (a test holds them together).
   */
  readonly files: readonly string[];
  /** Whether the walk wants this file, from its relative path alone (no I/O): the fast form of `files`. */
  wants(relPath: string): boolean;
  readonly versioning: Versioning;
  /** The form in which names are compared (PEP 503 for pypi, lower case for image names…). */
  normaliseName(name: string): string;
  /** The uses in one file, fast: no positions needed yet. `file` is the relative path (some formats depend on it). */
  parse(text: string, file: string): ParsedFile;
  /**
   * Exact places of `uses` (as `parse` returned them for the same text), in the same order: the
   * version text as written (or its definition: an `ARG` default, a Maven property), else the name.
   * Paid only for files with findings.
   */
  locate(text: string, file: string, uses: readonly DeclaredDependency[]): LocatedDependency[];
  /** Renames the package `from` to `to` in this file (a migration's `rename` step), keeping every version. */
  rename(text: string, file: string, from: string, to: string): RenameResult;
}
