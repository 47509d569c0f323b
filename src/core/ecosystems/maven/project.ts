import type { DeclaredDependency } from '../../types';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { readPom, type Pom } from './pom';
import { definitionOf, propertyNamed } from './uses';

/** How many parents up a property is looked for: real hierarchies are a few deep; a cycle stops here. */
const MAX_PARENTS = 10;

/**
 * Parent poms in the same repository (ecosystems spec, "maven"): a version `${name}` that its own
 * pom does not define is looked for in the parent the `<relativePath>` leads to (default
 * `../pom.xml`), then in that one's parent. What is found is the text the use stands for
 * (`rangeOf`): read with Maven's rules and compared, named in the message, while the finding stays
 * on `${name}` as written. It is no pin: nothing was locked. Poms are read at most once, and only
 * for such uses.
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

  pin(): Pin | undefined {
    return undefined;
  }

  rangeOf(file: string, use: DeclaredDependency): string | undefined {
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
      if (field) return field.literal && !field.value.includes('${') ? field.value : undefined;
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
