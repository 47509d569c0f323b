import type { Range } from './positions';

/** The package keys of the catalog; each is one ecosystem of manifests. */
export const ECOSYSTEMS = [
  'npm', 'docker', 'action', 'go', 'pypi', 'maven', 'gradle', 'terraform', 'helm', 'gitlab-ci', 'runtime',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** Ordered from most to least severe. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** A problem in a file the engine read (catalog, repo file, manifest, lockfile). 0-based range. */
export interface SourceProblem {
  /** Path or URL as it should be shown to the user. */
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  /** `error` makes a catalog invalid; `warning` is reported and changes nothing. */
  readonly severity: 'error' | 'warning';
}

/** A dependency as a parser finds it, before positions are worked out. */
export interface DeclaredDependency {
  readonly ecosystem: Ecosystem;
  /** The real package name (for an npm alias `"ui": "npm:@acme/ui@^3"` this is `@acme/ui`). */
  readonly name: string;
  /** The version text as written, without quotes or alias prefix (`^3`); null when there is none. */
  readonly constraint: string | null;
  /** Where it is declared, e.g. `dependencies`, `devDependencies`. */
  readonly section: string;
  /** The key as written in the manifest (the alias name for an npm alias). */
  readonly key: string;
  /**
   * The version the text itself says is the real one when the constraint does not (an action
   * pinned by SHA with a `# v4.1.1` comment): compared instead of the constraint, shown as
   * `resolved`. A lockfile's pin, found later, wins over it.
   */
  readonly resolved?: string;
}

/** A dependency with the exact place of its version text (or of its name when it has none). */
export interface LocatedDependency extends DeclaredDependency {
  /** The version text without quotes; the name when there is no version text. */
  readonly range: Range;
  /** The name (or key) as written, without quotes; `range` again in a file that writes no name (`.nvmrc`). */
  readonly nameRange: Range;
}
