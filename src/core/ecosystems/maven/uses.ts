import type { Field, Pom } from './pom';

/** A plugin written without `groupId` is one of Maven's own. */
export const DEFAULT_PLUGIN_GROUP = 'org.apache.maven.plugins';

/** One use of a pom, with offsets: its version text (or its definition), else its artifactId. */
export interface PomUse {
  readonly name: string;
  /** The artifactId as written: what a use without a version is shown and located by. */
  readonly key: string;
  readonly constraint: string | null;
  readonly section: string;
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
}

const ONE_PROPERTY = /^\$\{([^${}]+)\}$/;
const ANY_PROPERTY = /\$\{([^${}]+)\}/g;
/** How many `${a}` → `${b}` hops a property may take before it counts as unresolved (and no loop hangs). */
const MAX_HOPS = 8;

/**
 * The definition a `${name}` stands for in this pom: a `<properties>` entry, or the project's own
 * coordinates (`project.version` falls back to the parent's, as Maven inherits it). A property
 * whose value is another single property is followed.
 */
export function definitionOf(pom: Pom, name: string): Field | undefined {
  let current = name;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const field = builtIn(pom, current) ?? pom.properties.get(current);
    if (!field) return undefined;
    const next = ONE_PROPERTY.exec(field.value);
    if (!next) return field;
    current = next[1]!;
  }
  return undefined;
}

function builtIn(pom: Pom, name: string): Field | undefined {
  switch (name) {
    case 'project.version':
    case 'pom.version':
    case 'version':
      return pom.project.version ?? pom.parent?.version;
    case 'project.groupId':
    case 'pom.groupId':
      return pom.project.groupId ?? pom.parent?.groupId;
    case 'project.parent.version':
      return pom.parent?.version;
    case 'project.parent.groupId':
      return pom.parent?.groupId;
    default:
      return undefined;
  }
}

/** A groupId or artifactId with its properties substituted where this pom defines them. */
export function resolvedName(pom: Pom, field: Field): string {
  if (!field.value.includes('${')) return field.value;
  return field.value.replace(ANY_PROPERTY, (whole, name: string) => definitionOf(pom, name)?.value ?? whole);
}

/** The property a version text names alone (`${guava.version}` → `guava.version`), if it does. */
export function propertyNamed(constraint: string | null): string | undefined {
  return constraint === null ? undefined : ONE_PROPERTY.exec(constraint)?.[1];
}

/**
 * The uses of a pom (ecosystems spec, "maven"). A version that is one property defined in this
 * pom is that definition's text, and two uses of one definition by one package are one use; a
 * property the pom does not define stays `${name}` as written (a parent pom may define it: the
 * project step). Without a version (managed by a BOM or a parent) the use spans its artifactId.
 */
export function pomUses(pom: Pom): PomUse[] {
  const uses: PomUse[] = [];
  const seen = new Set<string>();
  for (const c of pom.coordinates) {
    if (!c.artifactId || c.artifactId.value === '') continue;
    const group = c.groupId ? resolvedName(pom, c.groupId) : c.plugin ? DEFAULT_PLUGIN_GROUP : undefined;
    if (group === undefined || group === '') continue;
    const name = `${group}:${resolvedName(pom, c.artifactId)}`;
    const nameSpan = { key: c.artifactId.value, nameStart: c.artifactId.start, nameEnd: c.artifactId.end };
    const v = c.version;
    if (!v || v.value === '') {
      uses.push({ name, constraint: null, section: c.section, start: c.artifactId.start, end: c.artifactId.end, ...nameSpan });
      continue;
    }
    const property = propertyNamed(v.value);
    const definition = property === undefined ? undefined : definitionOf(pom, property);
    const at = definition ?? v;
    if (definition) {
      const key = `${name}\0${definition.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    uses.push({ name, constraint: at.value, section: c.section, start: at.start, end: at.end, ...nameSpan });
  }
  return uses;
}
