import { semverVersioning } from '../../versioning/semver';
import type { EcosystemModule, ParsedFile, ParseProblem } from '../types';
import { locatePackageJson, readPackageJson } from './packageJson';
import { npmProjectStep } from './project';
import { renamePackageJson } from './rename';

const MANIFEST = 'package.json';

/** What npm's parse returns beyond the uses: the workspace globs its project step needs. */
export interface NpmParsedFile extends ParsedFile {
  /** `workspaces` as written (`[...]` or `{ packages: [...] }`); [] when the text is not read. */
  readonly workspaces: readonly string[];
  /** `workspaces` globs refused as unsafe: reported by the project step, the manifest still counts. */
  readonly workspaceProblems: readonly ParseProblem[];
  /** yarn `resolutions`, selector → spec: a workspace root's change what its lockfile records. */
  readonly resolutions: ReadonlyMap<string, string>;
}

/**
 * npm (`ecosystems-v1.md`, "npm"): every package.json's four dependency sections, `npm:` aliases
 * under the real name, npm semver; lockfiles and pnpm-workspace.yaml through the project step.
 */
export const npmModule: EcosystemModule<NpmParsedFile> = {
  id: 'npm',
  files: [`**/${MANIFEST}`],
  wants: (relPath) => relPath === MANIFEST || relPath.endsWith(`/${MANIFEST}`),
  versioning: semverVersioning,
  // As written: npm matches names exactly (old packages with capitals are other packages).
  normaliseName: (name) => name,
  parse(text) {
    // JSON.parse and no positions: a tree with offsets costs ~5x more, paid in locate only.
    const read = readPackageJson(text);
    return read.ok
      ? { uses: read.value.dependencies, problems: [], workspaces: read.value.workspaces, workspaceProblems: read.value.workspaceProblems ?? [], resolutions: read.value.resolutions }
      : { uses: [], problems: read.problems, workspaces: [], workspaceProblems: [], resolutions: new Map() };
  },
  locate: (text, _file, uses) => locatePackageJson(text, uses),
  rename: (text, _file, from, to) => renamePackageJson(text, from, to),
  project: npmProjectStep,
};
