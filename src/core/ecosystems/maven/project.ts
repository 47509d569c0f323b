import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import type { ElsewhereDefinition, EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { readPom, type Pom } from './pom';
import { definitionOf, propertyNamed } from './uses';

/** How many parents up a property is looked for: real hierarchies are a few deep; a cycle stops here. */
const MAX_PARENTS = 10;

/**
 * Parent poms in the same repository (ecosystems spec, "maven"): a version `${name}` that its own
 * pom does not define is looked for in the parent the `<relativePath>` leads to (default
 * `../pom.xml`), then in that one's parent. What is found is where the version is written
 * (`definedElsewhere`): its value is compared with Maven's rules, the finding is put on it and a
 * bump edits it. It is no pin: nothing was locked. Poms are read at most once, and only for such
 * uses; a pom the walk did not list (outside the scanned folder, excluded) is never read.
 */
export const mavenProjectStep: ProjectStep = {
  files: [],
  wants: () => false,
  definesElsewhere: true,
  open: (files) => new MavenProject(files),
};

/** A pom as read, and its line index once a finding needs a position in it. */
interface ReadPom {
  readonly pom: Pom;
  readonly text: string;
  lines?: LineIndex;
}

class MavenProject implements EcosystemProject {
  private readonly poms = new Map<string, ReadPom | undefined>();
  /** The files of the walk, taken when first needed: a migration's list may be walked only then. */
  private known: ReadonlySet<string> | undefined;

  constructor(private readonly io: ProjectFiles) {}

  pin(): Pin | undefined {
    return undefined;
  }

  definedElsewhere(file: string, use: DeclaredDependency): ElsewhereDefinition | undefined {
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
      if (field) {
        // A value built from other properties or written with entities is no version a bump can edit.
        if (!field.literal || field.value.includes('${')) return undefined;
        return { file: next, value: field.value, start: field.start, end: field.end, locate: () => (parent.lines ??= new LineIndex(parent.text)).range(field.start, field.end) };
      }
      current = next;
    }
    return undefined;
  }

  private pom(file: string): ReadPom | undefined {
    if (this.poms.has(file)) return this.poms.get(file);
    const text = (this.known ??= new Set(this.io.files)).has(file) ? this.io.read(file) : undefined;
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
  // An absolute path (`/opt/parent/pom.xml`, `C:\parent`) names a place outside the scanned folder.
  if (/^(?:[\\/]|[A-Za-z]:)/.test(written)) return undefined;
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
