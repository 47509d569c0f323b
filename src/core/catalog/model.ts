import type { Range } from '../positions';
import type { Ecosystem, Severity } from '../types';

/** Where a catalog entry was written: a path or URL and the 0-based range of the entry. */
export interface SourceRef {
  readonly file: string;
  readonly range: Range;
  /** The range of each value of the entry by key (e.g. `owner`), for problems about one field. */
  readonly fields?: Readonly<Record<string, Range>>;
}

export type FeedbackChannel =
  | { readonly kind: 'webhook'; readonly url: string }
  | { readonly kind: 'github'; readonly repo: string; readonly labels: readonly string[]; readonly apiUrl?: string }
  | { readonly kind: 'slack'; readonly url: string }
  | { readonly kind: 'email'; readonly address: string };

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly contact?: string;
  readonly docs?: string;
  readonly feedback: readonly FeedbackChannel[];
  readonly source: SourceRef;
}

export interface PackagePattern {
  readonly ecosystem: Ecosystem;
  /** As written; `*` matches any run of characters. */
  readonly pattern: string;
  readonly source: SourceRef;
}

export interface Deprecation {
  /** npm semver range over the normalised version. */
  readonly versions: string;
  readonly message: string;
  /** YYYY-MM-DD */
  readonly sunset?: string;
  /** Fixes the severity when given (no escalation). */
  readonly severity?: Exclude<Severity, 'hint'>;
  readonly migration?: string;
  readonly source: SourceRef;
}

export type MigrationStep =
  | { readonly kind: 'rename'; readonly from: string; readonly to: string; readonly source: SourceRef }
  | {
      readonly kind: 'replace';
      readonly files: readonly string[];
      /** Exactly one of find (literal) and regex is set. */
      readonly find?: string;
      readonly regex?: string;
      readonly with: string;
      readonly source: SourceRef;
    }
  | {
      readonly kind: 'json';
      readonly files: readonly string[];
      readonly set: Readonly<Record<string, unknown>>;
      readonly remove: readonly string[];
      readonly source: SourceRef;
    };

export interface Migration {
  readonly id: string;
  readonly title: string;
  readonly from: string;
  readonly to: string;
  readonly guide?: string;
  readonly steps: readonly MigrationStep[];
  readonly source: SourceRef;
}

export type Lifecycle = 'production' | 'experimental' | 'deprecated';

export interface Component {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly description?: string;
  readonly docs?: string;
  readonly lifecycle: Lifecycle;
  readonly sunset?: string;
  readonly replacedBy?: string;
  readonly packages: readonly PackagePattern[];
  readonly recommended?: string;
  readonly deprecations: readonly Deprecation[];
  readonly migrations: readonly Migration[];
  readonly source: SourceRef;
}

export interface Policy {
  readonly sunsetWarningDays: number;
}

/** One catalog file, parsed and checked on its own. */
export interface CatalogDocument {
  readonly file: string;
  readonly policy: Partial<Policy>;
  readonly teams: readonly Team[];
  readonly components: readonly Component[];
}

/** Several catalog documents merged: the first definition of an id wins. */
export interface Catalog {
  readonly files: readonly string[];
  readonly policy: Policy;
  readonly teams: ReadonlyMap<string, Team>;
  readonly components: readonly Component[];
}

export const DEFAULT_SUNSET_WARNING_DAYS = 90;

/** The repository's own `.platform-guide.yaml`. */
export interface RepoConfig {
  readonly file: string;
  readonly catalogs: readonly string[];
  /** Globs relative to the repository root, added to the defaults. */
  readonly exclude: readonly string[];
  readonly exceptions: readonly RepoException[];
  /** The team that owns the repository (`team:`), for reports; else CODEOWNERS says. */
  readonly team?: string;
}

export interface RepoException {
  readonly component: string;
  readonly versions?: string;
  /** Globs of manifest paths relative to the repository root; empty means everywhere. */
  readonly paths: readonly string[];
  /** YYYY-MM-DD, inclusive. */
  readonly until: string;
  readonly reason: string;
  /** Optional: who approved it, shown in the finding. */
  readonly by?: string;
  readonly source: SourceRef;
}
