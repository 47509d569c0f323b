import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import { gradleVersioning } from '../../versioning/maven';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { referenceIn, type Definition } from './found';
import { readGradleProperties } from './properties';

const PROPERTIES = 'gradle.properties';

/**
 * gradle.properties (ecosystems spec, "gradle"): a version `$v` that its script does not define
 * is looked for in the gradle.properties beside the script, then in each folder above it up to
 * the scanned folder, as a subproject sees its own and the root project's properties. What is
 * found is the use's pin (compared, shown as `resolved`, its place for related information).
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

  pin(file: string, use: DeclaredDependency): Pin | undefined {
    const name = referenceIn(use.constraint);
    if (name === undefined) return undefined;
    let dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    // A catalog lives in `gradle/`; its project is the folder above.
    for (;;) {
      const candidate = dir === '' ? PROPERTIES : `${dir}/${PROPERTIES}`;
      const props = this.properties(candidate);
      const hit = props?.values.get(name);
      if (props && hit) {
        const v = gradleVersioning.normalise(hit.value);
        if (v.kind !== 'exact') return undefined;
        return { version: v.version, file: candidate, locate: () => new LineIndex(props.text).range(hit.start, hit.end) };
      }
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
