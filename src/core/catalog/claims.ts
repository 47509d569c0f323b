import { matchWildcard, wildcardsIntersect } from '../wildcard';
import { normaliseName } from '../componentIndex';
import type { SourceProblem } from '../types';
import type { Component, PackagePattern } from './model';
import { formatPlace } from './merge';

interface Claim {
  readonly component: Component;
  readonly pkg: PackagePattern;
  /** The pattern as names are compared. */
  readonly name: string;
  readonly wildcard: boolean;
}

/**
 * Two components claiming the same package: the first claim wins (catalog order, then component
 * order), whatever its form, so an organisation's `@acme/*` is never taken over by a later catalog's
 * exact `@acme/ui`. Each later claim that loses a package it names is a warning naming both places.
 * Claims of one component never conflict with each other.
 */
export function claimConflicts(components: readonly Component[]): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const exact = new Map<string, Claim>();
  const earlier: Claim[] = [];
  for (const component of components) {
    for (const pkg of component.packages) {
      const name = normaliseName(pkg.ecosystem, pkg.pattern);
      const claim: Claim = { component, pkg, name, wildcard: name.includes('*') };
      const first = firstConflict(claim, exact, earlier);
      if (first) problems.push(conflict(claim, first));
      const key = `${pkg.ecosystem}\0${name}`;
      if (!claim.wildcard && !exact.has(key)) exact.set(key, claim);
      earlier.push(claim);
    }
  }
  return problems;
}

function firstConflict(claim: Claim, exact: ReadonlyMap<string, Claim>, earlier: readonly Claim[]): Claim | undefined {
  const same = claim.wildcard ? undefined : exact.get(`${claim.pkg.ecosystem}\0${claim.name}`);
  for (const e of earlier) {
    if (e.component === claim.component || e.pkg.ecosystem !== claim.pkg.ecosystem) continue;
    if (e === same) return e;
    // Two exact names conflict only when equal, which the map above finds in one probe.
    if (!e.wildcard && !claim.wildcard) continue;
    if (e.wildcard && claim.wildcard ? wildcardsIntersect(e.name, claim.name) : e.wildcard ? matchWildcard(e.name, claim.name) : matchWildcard(claim.name, e.name)) return e;
  }
  return undefined;
}

function conflict(claim: Claim, first: Claim): SourceProblem {
  const { pkg, component } = claim;
  const owner = `component \`${first.component.id}\` (\`${first.pkg.pattern}\` at ${formatPlace(first.pkg.source)})`;
  const message = claim.wildcard
    ? `\`${pkg.pattern}\` (${pkg.ecosystem}) also matches packages already claimed by ${owner}; the first claim wins, ` +
      `so \`${component.id}\` does not get those: narrow the pattern or remove this entry`
    : `package \`${pkg.pattern}\` (${pkg.ecosystem}) is already claimed by ${owner}; the first claim wins, ` +
      `so \`${component.id}\` does not get it: remove this entry, or the earlier one if \`${component.id}\` should own the package`;
  return { file: pkg.source.file, range: pkg.source.range, severity: 'warning', message };
}
