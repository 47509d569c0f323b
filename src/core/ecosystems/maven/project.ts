import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import { mavenVersioning } from '../../versioning/maven';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { readPom, type Field, type Pom } from './pom';
import { definitionOf, propertyNamed } from './uses';

/** How many parents up a property is looked for: real hierarchies are a few deep; a cycle stops here. */
const MAX_PARENTS = 10;

/**
 * Parent poms in the same repository (ecosystems spec, "maven"): a version `${name}` that its own
 * pom does not define is looked for in the parent the `<relativePath>` leads to (default
 * `../pom.xml`), then in that one's parent. What is found is the use's pin: the version compared,
 * shown as `resolved`, with the definition's place in the parent for an editor's related
 * information. Poms are read at most once, and only for such uses.
 */
export const mavenProjectStep: ProjectStep = {
  files: [],
  wants: () => false,
  open: (files) => new MavenProject(files),
};

class MavenProject implements EcosystemProject {
  private readonly poms = new Map<string, { pom: Pom; text: string } | undefined>();
  private readonly known: ReadonlySet<string>;

  constructor(private readonly io: ProjectFiles) {
    this.known = new Set(io.files);
  }

  pin(file: string, use: DeclaredDependency): Pin | undefined {
    const property = propertyNamed(use.constraint);
    if (property === undefined) return undefined;
    let current = file;
    for (let depth = 0; depth < MAX_PARENTS; depth++) {
      const read = this.pom(current);
      const next = read && parentFile(current, read.pom);
      if (!read || !next) return undefined;
      const parent = this.pom(next);
      if (!parent) return undefined;
      const field = definitionOf(parent.pom, property);
      if (field) return pinOf(next, parent.text, field);
      current = next;
    }
    return undefined;
  }

  private pom(file: string): { pom: Pom; text: string } | undefined {
    if (this.poms.has(file)) return this.poms.get(file);
    const text = this.known.has(file) ? this.io.read(file) : undefined;
    const read = text === undefined ? undefined : { pom: readPom(text), text };
    this.poms.set(file, read);
    return read;
  }
}

/** The version a parent's definition names, as the evaluator compares pins (a plain semver version). */
function pinOf(file: string, text: string, field: Field): Pin | undefined {
  const read = mavenVersioning.normalise(field.value);
  if (read.kind !== 'exact') return undefined;
  return { version: read.version, file, locate: () => new LineIndex(text).range(field.start, field.end) };
}

/** The pom a `<parent>`'s relativePath leads to (a folder means its pom.xml), inside the scanned folder. */
function parentFile(file: string, pom: Pom): string | undefined {
  if (!pom.parent) return undefined;
  const written = pom.parent.relativePath?.value ?? '../pom.xml';
  if (written === '') return undefined; // `<relativePath/>`: look the parent up in repositories only
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const parts = dir === '' ? [] : dir.split('/');
  for (const segment of written.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined; // outside the scanned folder
      parts.pop();
    } else parts.push(segment);
  }
  if (!parts[parts.length - 1]?.endsWith('.xml')) parts.push('pom.xml');
  const target = parts.join('/');
  return target === file ? undefined : target;
}
