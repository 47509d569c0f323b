import { ECOSYSTEMS, type Ecosystem, type LocatedDependency } from '../types';
import type { Versioning } from '../versioning/types';
import { actionModule } from './action';
import { dockerModule } from './docker';
import { gitlabCiModule } from './gitlab-ci';
import { goModule } from './go';
import { gradleModule } from './gradle';
import { mavenModule } from './maven';
import { helmModule } from './helm';
import { npmModule } from './npm/module';
import { pypiModule } from './pypi/module';
import { runtimeModule } from './runtime';
import { terraformModule } from './terraform';
import type { EcosystemModule } from './types';

/**
 * The registry: one line per ecosystem of the catalog, `null` while it has no module. Typed by the
 * catalog's keys, so an ecosystem added to ECOSYSTEMS fails the type check until it has a line here.
 * To add an ecosystem: its folder under src/core/ecosystems/, then its module on its line.
 */
export const ECOSYSTEM_MODULES: Readonly<Record<Ecosystem, EcosystemModule | null>> = {
  npm: npmModule,
  docker: dockerModule,
  action: actionModule,
  'gitlab-ci': gitlabCiModule,
  go: goModule,
  pypi: pypiModule,
  maven: mavenModule,
  gradle: gradleModule,
  terraform: terraformModule,
  helm: helmModule,
  runtime: runtimeModule,
};

const REGISTERED: readonly EcosystemModule[] = ECOSYSTEMS.flatMap((e) => ECOSYSTEM_MODULES[e] ?? []);

/** The modules that exist, in the catalog's order of ecosystems. */
export function registeredModules(): readonly EcosystemModule[] {
  return REGISTERED;
}

/** The module of an ecosystem, or undefined while it has none. */
export function moduleOf(ecosystem: Ecosystem): EcosystemModule | undefined {
  return ECOSYSTEM_MODULES[ecosystem] ?? undefined;
}

/**
 * How an ecosystem's version texts are read and bumped. An ecosystem with no module yet has no uses
 * to read; a caller that still asks (a catalog's package of that ecosystem) gets a syntax that
 * knows no version, so nothing is ever flagged or rewritten by mistake.
 */
export function versioningOf(ecosystem: Ecosystem): Versioning {
  return moduleOf(ecosystem)?.versioning ?? NO_VERSIONS;
}

const NO_VERSIONS: Versioning = { id: 'none', normalise: () => ({ kind: 'unknown' }), bump: () => undefined };

/** The modules whose manifests include this file (POSIX, relative to the scanned folder): its parsers. */
export function modulesFor(relPath: string): EcosystemModule[] {
  return REGISTERED.filter((m) => m.wants(relPath));
}

/** Every use in a file's text with its exact place, by every module that reads it; [] for a file none reads. */
export function locateUses(relPath: string, text: string): LocatedDependency[] {
  return modulesFor(relPath).flatMap((m) => m.locate(text, relPath, m.parse(text, relPath).uses));
}

/** Globs of every registered module's manifests: document selectors and activation events. */
export function manifestGlobs(): string[] {
  return unique(REGISTERED.flatMap((m) => m.files));
}

/**
 * Globs of the files that are no manifest but can show a finding: a project file holding versions
 * that manifests use (gradle.properties). Code actions there upgrade the definition.
 */
export function definitionGlobs(): string[] {
  return unique(REGISTERED.flatMap((m) => (m.project?.definesElsewhere ? m.project.files : [])));
}

/** Whether a finding can be shown in this file (POSIX, relative): a manifest, or a file of definitions. */
export function showsFindings(relPath: string): boolean {
  return REGISTERED.some((m) => m.wants(relPath) || (m.project?.definesElsewhere === true && m.project.wants(relPath)));
}

/** Globs of every file a registered module reads, manifests and project files: what to watch on disk. */
export function watchedGlobs(): string[] {
  return unique(REGISTERED.flatMap((m) => [...m.files, ...(m.project?.files ?? [])]));
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
