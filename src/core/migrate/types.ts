import type { Component, Migration } from '../catalog/model';
import type { Range } from '../positions';

/**
 * One replacement in a file. The range is 0-based (lines and UTF-16 characters) in the file's text
 * as an editor shows it: a leading byte-order mark is not counted, as VS Code's documents and LSP
 * never count it. Edits of one file are sorted and never overlap.
 */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface FileEdits {
  /** POSIX path relative to the repository root. */
  readonly file: string;
  readonly edits: TextEdit[];
  /**
   * For each of `edits` (same index), the step that first changed that text: 0 the bump, k the k-th
   * step of the migration (1-based, as "step k" in `skipped`). A later step may have changed it again.
   */
  readonly stepOf: readonly number[];
  /** The text planned against, exactly as read (a byte-order mark kept as U+FEFF). */
  readonly before: string;
  /** The text once the edits are applied (the same byte-order mark, line ends and final newline). */
  readonly after: string;
}

/** A file (or a use in a manifest) the migration left alone, and why. */
export interface Skipped {
  /** POSIX path relative to the repository root. */
  readonly file: string;
  readonly reason: string;
}

export interface MigrationPlan {
  readonly migration: Migration;
  readonly component: Component;
  /** The manifest the migration ran for, POSIX relative to the repository root. */
  readonly manifest: string;
  /** Only files that change, sorted by path. */
  readonly files: FileEdits[];
  readonly skipped: Skipped[];
}

export interface PlanOptions {
  /** Absolute path of the repository root: nothing outside it is read or edited. */
  readonly root: string;
  /** POSIX path relative to the root of the manifest the use is in (a package.json, a Dockerfile, a workflow…). */
  readonly manifest: string;
  readonly component: Component;
  readonly migration: Migration;
  /**
   * The current text of a file when it differs from the disk (an editor's unsaved buffer), or
   * undefined to read the disk. Paths are POSIX, relative to the root.
   */
  readonly readText?: (relPath: string) => string | undefined;
  /** How long one regex replacement may run on one file; default 1000 ms. */
  readonly regexTimeoutMs?: number;
  /** Globs relative to the root that are never edited (a repository's `exclude:`). */
  readonly exclude?: readonly string[];
  /**
   * The repository's files as the scan walked them (WorkspaceScanner.walked.files), where a use's
   * version may be defined in another file (a parent pom, gradle.properties); walked when needed
   * and absent.
   */
  readonly files?: readonly string[];
}

/** Files over this size are skipped and reported (1 MB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** A NUL byte in this many leading bytes marks a file as binary (the heuristic of git and diff). */
export const BINARY_SNIFF_BYTES = 8 * 1024;
export const DEFAULT_REGEX_TIMEOUT_MS = 1000;
