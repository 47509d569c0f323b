import { bumpConstraint } from '../bump';
import { normaliseNpm } from '../versions';
import type { Versioning } from './types';

/**
 * npm's semver ranges, read as npm reads them (`^3.1.0`, `~2.0`, `>=1 <2`, `3.x`, `1.2.3 - 2`), and
 * bumped in the style they were written in. The rules themselves live in versions.ts and bump.ts,
 * which other syntaxes reuse for their own normalised form; this is their face as a Versioning.
 */
export const semverVersioning: Versioning = {
  id: 'semver',
  normalise: (text) => normaliseNpm(text),
  bump: (text, to) => bumpConstraint(text, to),
};
