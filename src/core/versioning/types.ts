import type { NormalisedVersion } from '../versions';

/**
 * One version syntax (npm semver, docker tag, action ref, PEP 440, Maven, HashiCorp…): how its text
 * becomes the one normalised form the evaluator compares (catalog spec, "Versions and
 * normalisation"), and how a bump rewrites it in its own style. Several ecosystems share one.
 * Every member is total: any text in, never a throw.
 */
export interface Versioning {
  /** A name for messages and tests (`semver`, `docker-tag`, `action-ref`). */
  readonly id: string;
  /** The version text as written (null when the use has none) → exact, range or unknown. */
  normalise(text: string | null): NormalisedVersion;
  /**
   * The text that moves `text` to the version `to` in the style it was written in (`^3.1.0` →
   * `^4.2.0`, `16-alpine` → `20-alpine`, `v3` → `v4`), or undefined when `text` names no version
   * that can be moved (a tag, a SHA, a branch) or `to` is not a version.
   */
  bump(text: string, to: string): string | undefined;
  /**
   * Why `bump` gives no text for this pair when the text does name a version but the move is not
   * a bump in this syntax (a Go module crossing a major changes its path: a rename), said to the
   * user by a migration's notes and the editor's quick fix. Undefined otherwise. Optional: a syntax
   * whose only reason is "no version" needs none.
   */
  whyNotBumped?(text: string, to: string): string | undefined;
}
