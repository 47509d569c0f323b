import type { Catalog, Component } from './catalog/model';
import type { Ecosystem } from './types';

/**
 * Finds the component a package belongs to. Built once per catalog: exact names are a map lookup,
 * so the common case (a dependency that is not a platform package) costs one hash probe.
 */
export class ComponentIndex {
  private readonly exact = new Map<string, Component>();
  private readonly wildcards: Array<{ ecosystem: Ecosystem; regex: RegExp; component: Component }> = [];

  constructor(readonly catalog: Catalog) {
    for (const component of catalog.components) {
      for (const p of component.packages) {
        const name = normaliseName(p.ecosystem, p.pattern);
        if (name.includes('*')) {
          this.wildcards.push({ ecosystem: p.ecosystem, regex: wildcardRegex(name), component });
        } else {
          const key = `${p.ecosystem}\0${name}`;
          // The first component to claim a package keeps it, like the first definition of an id.
          if (!this.exact.has(key)) this.exact.set(key, component);
        }
      }
    }
  }

  /** The component that owns this package, or undefined. */
  lookup(ecosystem: Ecosystem, name: string): Component | undefined {
    const n = normaliseName(ecosystem, name);
    const hit = this.exact.get(`${ecosystem}\0${n}`);
    if (hit) return hit;
    for (const w of this.wildcards) if (w.ecosystem === ecosystem && w.regex.test(n)) return w.component;
    return undefined;
  }

  component(id: string): Component | undefined {
    return this.catalog.components.find((c) => c.id === id);
  }
}

/** Names are compared the way each ecosystem compares them. */
export function normaliseName(ecosystem: Ecosystem, name: string): string {
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
  return component.packages.some((p) => {
    if (p.ecosystem !== ecosystem) return false;
    const pattern = normaliseName(ecosystem, p.pattern);
    return pattern.includes('*') ? wildcardRegex(pattern).test(n) : pattern === n;
  });
}

/** `*` matches any run of characters inside a name; everything else is literal. */
function wildcardRegex(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}
