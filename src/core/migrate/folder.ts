import { modulesFor } from '../ecosystems';
import type { Ecosystem } from '../types';

/**
 * Folders whose files configure the folder that holds them, not themselves: GitHub reads
 * `.github/workflows/` (and a repository's own actions under `.github/actions/`) for the repository,
 * GitLab reads `.gitlab/ci/` for the project, a dev container is the repository's.
 */
const CONFIG_FOLDERS = new Set(['.github', '.gitlab', '.devcontainer']);

/**
 * The ecosystems whose files there configure the repository (CI, containers). A package manifest
 * is the root of its package wherever it is: a JavaScript action's package.json under
 * `.github/actions/<name>/` runs in its own folder like any other.
 */
const CONFIG_ECOSYSTEMS: ReadonlySet<Ecosystem> = new Set<Ecosystem>(['action', 'gitlab-ci', 'docker']);

/**
 * The folder a migration of `manifest` runs in (POSIX, relative to the root; '' for the root): what
 * its steps' `files` globs are relative to and whose files they may reach.
 *
 * A package.json, a Dockerfile, a compose file, an action repository's `action.yml` or a
 * `.gitlab-ci.yml` is the root of what it describes: its own folder (for a Dockerfile, usually the
 * build context). A CI or container file inside `.github/`, `.gitlab/` or `.devcontainer/` is not:
 * a platform team migrating an action writes `files: [".github/workflows/*.yml",
 * "scripts/deploy.sh"]` meaning the repository, as every path in a workflow is written, never
 * `*.yml` relative to `.github/workflows/`. For those the folder that holds the nearest such
 * folder is the base.
 */
export function migrationFolder(manifest: string): string {
  const dirs = manifest.split('/').slice(0, -1);
  if (!modulesFor(manifest).some((m) => CONFIG_ECOSYSTEMS.has(m.id))) return dirs.join('/');
  for (let i = dirs.length - 1; i >= 0; i--) {
    if (CONFIG_FOLDERS.has(dirs[i]!)) return dirs.slice(0, i).join('/');
  }
  return dirs.join('/');
}

/**
 * A test for the folders inside a migration's folder that are the folder of another manifest of the
 * same ecosystem (a nested package.json, a service's own Dockerfile, an action of its own): each gets
 * its own migration run, so the steps of this one never enter them. `files` are the names directly
 * in `folder`.
 */
export function otherManifestFolder(manifest: string): (folder: string, files: readonly string[]) => boolean {
  const ecosystems = new Set(modulesFor(manifest).map((m) => m.id));
  return (folder, files) =>
    files.some((name) => {
      const file = folder === '' ? name : `${folder}/${name}`;
      return migrationFolder(file) === folder && modulesFor(file).some((m) => ecosystems.has(m.id));
    });
}
