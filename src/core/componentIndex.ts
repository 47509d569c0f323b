import type { Catalog, Component } from './catalog/model';
import { moduleOf } from './ecosystems';
import type { Ecosystem } from './types';
import { matchWildcard } from './wildcard';

/**
 * Finds the component a package belongs to. Built once per catalog: exact names are a map lookup,
 * so the common case (a dependency that is not a platform package) costs one hash probe.
 *
 * The first claim wins, whatever its form: claims are ordered as the merged catalog lists them
 * (catalog order, then component order, then package order), and a later catalog's exact name
 * never takes a package from an earlier catalog's `*` pattern. The merge reports such conflicts.
 */
export class ComponentIndex {
  /** The first exact claim on each name, with its rank in claim order. */
  private readonly exact = new Map<string, { rank: number; component: Component }>();
  /** Wildcard claims in claim order. */
  private readonly wildcards: Array<{ rank: number; ecosystem: Ecosystem; pattern: string; component: Component }> = [];
  /**
   * Answers by ecosystem and name as written (null: no component): a monorepo names the same few
   * hundred packages in every manifest, and each answer costs a normalisation and a composed key.
   */
  private readonly answers = new Map<Ecosystem, Map<string, Component | null>>();
  private answered = 0;

  constructor(readonly catalog: Catalog) {
    let rank = 0;
    for (const component of catalog.components) {
      for (const p of component.packages) {
        const name = normaliseName(p.ecosystem, p.pattern);
        if (name.includes('*')) {
          this.wildcards.push({ rank, ecosystem: p.ecosystem, pattern: name, component });
        } else {
          const key = `${p.ecosystem}\0${name}`;
          if (!this.exact.has(key)) this.exact.set(key, { rank, component });
        }
        rank++;
      }
    }
  }

  /** The component that owns this package, or undefined. */
  lookup(ecosystem: Ecosystem, name: string): Component | undefined {
    let answers = this.answers.get(ecosystem);
    if (!answers) this.answers.set(ecosystem, (answers = new Map()));
    const known = answers.get(name);
    if (known !== undefined) return known ?? undefined;
    const found = this.find(ecosystem, name);
    // Bounded, for an editor session whose buffers can name anything.
    if (++this.answered > 100_000) {
      this.answers.clear();
      this.answered = 0;
      this.answers.set(ecosystem, (answers = new Map()));
    }
    answers.set(name, found ?? null);
    return found;
  }

  private find(ecosystem: Ecosystem, name: string): Component | undefined {
    const n = normaliseName(ecosystem, name);
    const hit = this.exact.get(`${ecosystem}\0${n}`);
    for (const w of this.wildcards) {
      // Only a wildcard listed before the exact claim can take the name from it.
      if (hit && w.rank > hit.rank) break;
      if (w.ecosystem === ecosystem && matchWildcard(w.pattern, n)) return w.component;
    }
    return hit?.component;
  }

  component(id: string): Component | undefined {
    return this.catalog.components.find((c) => c.id === id);
  }
}

/**
 * Names are compared the way each ecosystem compares them: its module's `normaliseName`. An
 * ecosystem with no module yet has no uses, but the catalog's claims on its names are still
 * checked against each other (claims.ts), by the spec's rule for it.
 */
export function normaliseName(ecosystem: Ecosystem, name: string): string {
  const module = moduleOf(ecosystem);
  return module ? module.normaliseName(name) : specNormalised(ecosystem, name);
}

function specNormalised(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'pypi':
      return name.toLowerCase().replace(/[-_.]+/g, '-'); // PEP 503
    case 'docker':
    case 'action':
    case 'gitlab-ci':
    case 'runtime':
      return name.toLowerCase();
    default:
      return name;
  }
}

/** Does `name` belong to `component` in `ecosystem`, by its own package patterns (first claim or not)? */
export function componentHasPackage(component: Component, ecosystem: Ecosystem, name: string): boolean {
  const n = normaliseName(ecosystem, name);
  return component.packages.some((p) => p.ecosystem === ecosystem && matchPattern(normaliseName(ecosystem, p.pattern), n));
}

/** A normalised catalog pattern against a normalised name: `*` matches any run of characters. */
export function matchPattern(pattern: string, name: string): boolean {
  return pattern.includes('*') ? matchWildcard(pattern, name) : pattern === name;
}
