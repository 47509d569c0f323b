import type { DeclaredDependency } from '../../types';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { referenceIn, type Definition } from './found';
import { readGradleProperties } from './properties';

const PROPERTIES = 'gradle.properties';

/**
 * gradle.properties (ecosystems spec, "gradle"): a version `$v` that its script does not define
 * is looked for in the gradle.properties beside the script, then in each folder above it up to
 * the scanned folder, as a subproject sees its own and the root project's properties. What is
 * found is the text the use stands for (`rangeOf`: read with Gradle's rules, compared, named in
 * the message); the finding stays on `$name` as written.
 */
export const gradleProjectStep: ProjectStep = {
  files: [`**/${PROPERTIES}`],
  wants: (relPath) => relPath === PROPERTIES || relPath.endsWith(`/${PROPERTIES}`),
  open: (files) => new GradleProject(files),
};

class GradleProject implements EcosystemProject {
  private readonly read = new Map<string, { text: string; values: Map<string, Definition> } | undefined>();
  private readonly known: ReadonlySet<string>;

  constructor(private readonly io: ProjectFiles) {
    this.known = new Set(io.files);
  }

  pin(): Pin | undefined {
    return undefined;
  }

  rangeOf(file: string, use: DeclaredDependency): string | undefined {
    const name = referenceIn(use.constraint);
    if (name === undefined) return undefined;
    let dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    for (;;) {
      const hit = this.properties(dir === '' ? PROPERTIES : `${dir}/${PROPERTIES}`)?.values.get(name);
      if (hit) return hit.value;
      if (dir === '') return undefined;
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    }
  }

  private properties(file: string): { text: string; values: Map<string, Definition> } | undefined {
    if (this.read.has(file)) return this.read.get(file);
    const text = this.known.has(file) ? this.io.read(file) : undefined;
    const result = text === undefined ? undefined : { text, values: readGradleProperties(text) };
    this.read.set(file, result);
    return result;
  }
}
