import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import type { ElsewhereDefinition, EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { referenceIn, type Definition } from './found';
import { readGradleProperties } from './properties';

const PROPERTIES = 'gradle.properties';

/**
 * gradle.properties (ecosystems spec, "gradle"): a version `$v` that its script does not define
 * is looked for in the gradle.properties beside the script, then in each folder above it up to
 * the scanned folder, as a subproject sees its own and the root project's properties. What is
 * found is where the version is written (`definedElsewhere`): its value is compared with Gradle's
 * rules, the finding is put on it and a bump edits it.
 */
export const gradleProjectStep: ProjectStep = {
  files: [`**/${PROPERTIES}`],
  wants: (relPath) => relPath === PROPERTIES || relPath.endsWith(`/${PROPERTIES}`),
  definesElsewhere: true,
  open: (files) => new GradleProject(files),
};

/** A gradle.properties as read, and its line index once a finding needs a position in it. */
interface ReadProperties {
  readonly text: string;
  readonly values: Map<string, Definition>;
  lines?: LineIndex;
}

class GradleProject implements EcosystemProject {
  private readonly read = new Map<string, ReadProperties | undefined>();
  /** The files of the walk, taken when first needed: a migration's list may be walked only then. */
  private known: ReadonlySet<string> | undefined;

  constructor(private readonly io: ProjectFiles) {}

  pin(): Pin | undefined {
    return undefined;
  }

  definedElsewhere(file: string, use: DeclaredDependency): ElsewhereDefinition | undefined {
    const name = referenceIn(use.constraint);
    if (name === undefined) return undefined;
    let dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    for (;;) {
      const at = dir === '' ? PROPERTIES : `${dir}/${PROPERTIES}`;
      const read = this.properties(at);
      const hit = read?.values.get(name);
      if (read && hit && hit.value !== '') return { file: at, value: hit.value, start: hit.start, end: hit.end, locate: () => (read.lines ??= new LineIndex(read.text)).range(hit.start, hit.end) };
      if (dir === '') return undefined;
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    }
  }

  private properties(file: string): ReadProperties | undefined {
    if (this.read.has(file)) return this.read.get(file);
    const text = (this.known ??= new Set(this.io.files)).has(file) ? this.io.read(file) : undefined;
    const result = text === undefined ? undefined : { text, values: readGradleProperties(text) };
    this.read.set(file, result);
    return result;
  }
}
