import type { DeclaredDependency } from '../../types';
import type { EcosystemProject, Pin, ProjectFiles, ProjectStep } from '../types';
import { LOCKFILE, parseLockfile, providerAddress, type LockedProvider } from './lockfile';

/**
 * `.terraform.lock.hcl` pins the providers of the configuration in its folder: `terraform init`
 * writes it beside the root module's `*.tf` files. A `required_providers` entry is pinned by the
 * lockfile of its own folder only; a child module in another folder may be called by several root
 * modules with different lockfiles, so none of them is its pin. Modules are not locked by Terraform.
 */
export const terraformProjectStep: ProjectStep = {
  files: [`**/${LOCKFILE}`],
  wants: (relPath) => typeof relPath === 'string' && (relPath === LOCKFILE || relPath.endsWith(`/${LOCKFILE}`)),
  open: (files) => new TerraformProject(files),
};

class TerraformProject implements EcosystemProject {
  private readonly present: Set<string>;
  private readonly lockfiles = new Map<string, Map<string, LockedProvider> | undefined>();

  constructor(private readonly io: ProjectFiles) {
    this.present = new Set(io.files.filter((f) => terraformProjectStep.wants(f)));
  }

  pin(file: string, use: DeclaredDependency): Pin | undefined {
    if (use.section !== 'required_providers') return undefined;
    const slash = file.lastIndexOf('/');
    const lockFile = slash < 0 ? LOCKFILE : `${file.slice(0, slash)}/${LOCKFILE}`;
    if (!this.present.has(lockFile)) return undefined;
    const locked = this.providers(lockFile)?.get(providerAddress(use.name));
    return locked && { version: locked.version, file: lockFile, locate: () => locked.locate() };
  }

  private providers(file: string): Map<string, LockedProvider> | undefined {
    if (this.lockfiles.has(file)) return this.lockfiles.get(file);
    const text = this.io.read(file);
    let result: Map<string, LockedProvider> | undefined;
    if (text !== undefined) {
      const read = parseLockfile(text);
      result = read.providers;
      for (const p of read.problems) this.io.problem(file, p.range, p.message);
    }
    this.lockfiles.set(file, result);
    return result;
  }
}
