import { matchWildcard, wildcardsIntersect } from '../wildcard';
import { normaliseName } from '../componentIndex';
import type { SourceProblem } from '../types';
import type { Component, PackagePattern } from './model';
import { formatPlace } from './merge';

interface Claim {
  readonly rank: number;
  readonly component: Component;
  readonly pkg: PackagePattern;
  /** The pattern as names are compared. */
  readonly name: string;
  readonly wildcard: boolean;
  /** The literal text before the first `*` and after the last (the whole name when there is none). */
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Two components claiming the same package: the first claim wins (catalog order, then component
 * order), whatever its form, so an organisation's `@acme/*` is never taken over by a later catalog's
 * exact `@acme/ui`. Each later claim that loses a package it names is a warning naming both places.
 * Claims of one component never conflict with each other.
 */
export function claimConflicts(components: readonly Component[]): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const index = new PrefixIndex();
  let rank = 0;
  for (const component of components) {
    for (const pkg of component.packages) {
      const name = normaliseName(pkg.ecosystem, pkg.pattern);
      const star = name.indexOf('*');
      const claim: Claim = {
        rank: rank++,
        component,
        pkg,
        name,
        wildcard: star >= 0,
        prefix: star >= 0 ? name.slice(0, star) : name,
        suffix: star >= 0 ? name.slice(name.lastIndexOf('*') + 1) : name,
      };
      const first = index.first(claim, conflicts);
      if (first) problems.push(conflict(claim, first));
      index.add(claim);
    }
  }
  return problems;
}

function conflicts(e: Claim, claim: Claim): boolean {
  if (e.component === claim.component) return false;
  // Cheap necessary conditions first: every name either matches starts with both prefixes and ends with both suffixes.
  const [short, long] = e.prefix.length <= claim.prefix.length ? [e.prefix, claim.prefix] : [claim.prefix, e.prefix];
  if (!long.startsWith(short)) return false;
  if (!(e.suffix.length <= claim.suffix.length ? claim.suffix.endsWith(e.suffix) : e.suffix.endsWith(claim.suffix))) return false;
  if (!e.wildcard && !claim.wildcard) return e.name === claim.name;
  if (e.wildcard && claim.wildcard) return wildcardsIntersect(e.name, claim.name);
  return e.wildcard ? matchWildcard(e.name, claim.name) : matchWildcard(claim.name, e.name);
}

/** Keys are cut to this length, so a hostile name costs a bounded number of map entries. */
const KEY = 64;

/**
 * Earlier claims by their literal prefix, so a claim is compared only with those whose prefix
 * agrees with its own (one is a prefix of the other): a catalog of thousands of packages under
 * distinct names is checked in about linear time rather than every pair.
 */
class PrefixIndex {
  /** Each claim under its prefix (cut to KEY). */
  private readonly at = new Map<string, Claim[]>();
  /** Each claim under every beginning of its prefix, up to KEY characters. */
  private readonly under = new Map<string, Claim[]>();

  add(c: Claim): void {
    const eco = `${c.pkg.ecosystem}\0`;
    push(this.at, eco + c.prefix.slice(0, KEY), c);
    for (let k = 0; k <= Math.min(c.prefix.length, KEY); k++) push(this.under, eco + c.prefix.slice(0, k), c);
  }

  /**
   * The first earlier claim (in claim order) for which `test` holds, among those whose prefix
   * agrees with the claim's. Each list is in claim order, so each is read only up to the best so far.
   */
  first(c: Claim, test: (earlier: Claim, claim: Claim) => boolean): Claim | undefined {
    const eco = `${c.pkg.ecosystem}\0`;
    const lists = [this.under.get(eco + c.prefix.slice(0, KEY))];
    for (let k = 0; k <= Math.min(c.prefix.length, KEY); k++) lists.push(this.at.get(eco + c.prefix.slice(0, k)));
    let best: Claim | undefined;
    for (const list of lists) {
      for (const e of list ?? []) {
        if (best && e.rank >= best.rank) break;
        if (test(e, c)) best = e;
      }
    }
    return best;
  }
}

function push(map: Map<string, Claim[]>, key: string, c: Claim): void {
  const list = map.get(key);
  if (list) list.push(c);
  else map.set(key, [c]);
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
