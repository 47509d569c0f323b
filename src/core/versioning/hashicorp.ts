import * as semver from 'semver';
import { bumpConstraint, MAX_CONSTRAINT_LENGTH } from '../bump';
import type { NormalisedVersion } from '../versions';
import type { Versioning } from './types';

/**
 * HashiCorp version constraints (hashicorp/go-version, as Terraform reads `version`,
 * `required_version` and `required_providers`), and the git refs a module source pins:
 * - clauses joined by `,` all hold (and); each is `=`, `!=`, `>`, `>=`, `<`, `<=` or `~>` before a
 *   version of one to three numbers (a `v` allowed), or a version alone (exact: `1.2` is 1.2.0);
 * - `~>` lets only the last number written grow: `~> 1.2` → `>=1.2.0 <2.0.0`, `~> 1.2.3` →
 *   `>=1.2.3 <1.3.0`, and `~> 1` (nothing to keep) → `>=1.0.0`;
 * - `!=` removes single versions: the range compared admits them (never a false alarm), as PEP 440's;
 * - a git ref written `tags/0.5.7` or `refs/tags/v0.5.7` is the tag it names; a branch or a SHA is
 *   no version (unknown), as is an interpolation (`${var.ref}`).
 */

const UNKNOWN: NormalisedVersion = { kind: 'unknown' };
/** A git ref's tag prefix, kept by a bump. */
const TAG_PREFIX = /^(?:refs\/)?tags\//;
const CLAUSE = /^(~>|!=|>=|<=|=|>|<)?\s*v?(\d{1,15})(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** One clause as semver comparators; '' for one that admits every version; undefined when unreadable. */
function clause(text: string): string | undefined {
  const m = CLAUSE.exec(text.trim());
  if (!m) return undefined;
  const op = m[1] ?? '=';
  const written = [m[2], m[3], m[4]].filter((n) => n !== undefined).map(Number);
  const [major = 0, minor = 0, patch = 0] = written;
  const version = `${major}.${minor}.${patch}${m[5] ?? ''}`;
  if (semver.valid(version) === null) return undefined;
  switch (op) {
    case '=':
      return `=${version}`;
    case '!=':
      return '';
    case '~>': {
      if (written.length === 1) return `>=${version}`;
      const upper = written.length === 2 ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
      return `>=${version} <${upper}`;
    }
    default:
      return `${op}${version}`;
  }
}

export function normaliseHashicorp(text: string | null): NormalisedVersion {
  if (typeof text !== 'string') return UNKNOWN;
  const t = text.trim().replace(TAG_PREFIX, '');
  if (t === '' || t.length > MAX_CONSTRAINT_LENGTH) return UNKNOWN;
  const comparators: string[] = [];
  for (const part of t.split(',')) {
    const c = clause(part);
    if (c === undefined) return UNKNOWN;
    if (c !== '') comparators.push(c);
  }
  if (comparators.length === 1 && comparators[0]!.startsWith('=')) return { kind: 'exact', version: comparators[0]!.slice(1) };
  const range = comparators.length === 0 ? '*' : comparators.join(' ');
  return semver.validRange(range) === null ? UNKNOWN : { kind: 'range', range };
}

/**
 * The text that moves `text` to `to` with its operators and precision kept (`~> 1.2` → `~> 4.2`,
 * `>= 1.2, < 2.0` → `>= 4.2, < 5.0`, `1.2.3` → `4.2.0`, `v1.2.0` → `v4.2.0`, `tags/0.5.7` →
 * `tags/4.2.0`), through the engine's shared rules (bump.ts). Undefined for what names no version.
 */
export function bumpHashicorp(text: string, to: string): string | undefined {
  if (typeof text !== 'string' || typeof to !== 'string' || normaliseHashicorp(text).kind === 'unknown') return undefined;
  const prefix = TAG_PREFIX.exec(text)?.[0] ?? '';
  const bumped = bumpConstraint(text.slice(prefix.length), to);
  return bumped === undefined ? undefined : prefix + bumped;
}

export const hashicorpVersioning: Versioning = { id: 'hashicorp', normalise: normaliseHashicorp, bump: bumpHashicorp };
