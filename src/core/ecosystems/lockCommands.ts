import { helmLockfileOf } from './helm/project';
import { LOCKFILE_NAMES } from './npm/lockfile';
import { LOCKFILE as TERRAFORM_LOCKFILE } from './terraform/lockfile';

/** The command that brings a lockfile in line with its edited manifest, and where to run it. */
export interface LockCommand {
  /** The folder to run it in, POSIX relative to the workspace folder ('' = the folder itself). */
  readonly dir: string;
  readonly lockfile: string;
  readonly command: string;
}

const NPM_TOOLS: Readonly<Record<string, string>> = { 'yarn.lock': 'yarn install', 'pnpm-lock.yaml': 'pnpm install' };

/**
 * After a bump in `manifest` (POSIX, relative to the workspace folder): the package manager that
 * rewrites its lockfile, or undefined when none applies (a requirements file, a Dockerfile, a
 * manifest with no lockfile). npm's lockfile is the nearest one up the tree (a workspace root's);
 * uv's may be a workspace root's too; Poetry's is only ever beside its pyproject.toml, Helm's
 * beside its Chart.yaml (`helm dependency update` also downloads the charts into `charts/`), and
 * Terraform's beside the root module's `*.tf` files (`-backend=false`: refreshing the provider
 * pins needs no state, so no backend credentials). The
 * editor runs it in trusted workspaces only; this only says which.
 */
export function lockCommandFor(manifest: string, exists: (relPath: string) => boolean): LockCommand | undefined {
  const slash = manifest.lastIndexOf('/');
  const base = manifest.slice(slash + 1);
  const start = slash < 0 ? '' : manifest.slice(0, slash);
  const at = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);
  const upwards = (names: readonly string[], command: (name: string) => string): LockCommand | undefined => {
    for (let dir = start; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '') {
      const lockfile = names.find((n) => exists(at(dir, n)));
      if (lockfile) return { dir, lockfile, command: command(lockfile) };
      if (dir === '') return undefined;
    }
  };
  if (base === 'package.json') return upwards(LOCKFILE_NAMES, (name) => NPM_TOOLS[name] ?? 'npm install');
  if (base === 'pyproject.toml') {
    if (exists(at(start, 'poetry.lock')) && !exists(at(start, 'uv.lock'))) return { dir: start, lockfile: 'poetry.lock', command: 'poetry lock' };
    return upwards(['uv.lock'], () => 'uv lock');
  }
  if (base.endsWith('.tf') && exists(at(start, TERRAFORM_LOCKFILE))) {
    return { dir: start, lockfile: TERRAFORM_LOCKFILE, command: 'terraform init -upgrade -backend=false' };
  }
  const helmLock = helmLockfileOf(base);
  if (helmLock !== undefined && exists(at(start, helmLock))) return { dir: start, lockfile: helmLock, command: 'helm dependency update' };
  return undefined;
}
