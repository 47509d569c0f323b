import { hashicorpVersioning } from '../../versioning/hashicorp';
import type { EcosystemModule, RenameResult, Splice } from '../types';
import { lastScanKept, locateInOrder } from '../yamlUses';
import { DEFAULT_HOST } from './lockfile';
import { terraformProjectStep } from './project';
import { fitsAsName, isGitSource, scanTerraform } from './uses';


/**
 * Module and provider addresses are compared without regard to case and without the public
 * registry's host, as Terraform compares them: `registry.terraform.io/hashicorp/aws` is `hashicorp/aws`.
 */
function normaliseName(name: string): string {
  if (typeof name !== 'string') return '';
  const n = name.trim().toLowerCase();
  return n.startsWith(`${DEFAULT_HOST}/`) ? n.slice(DEFAULT_HOST.length + 1) : n;
}

/** parse, locate and rename of one text share its scan. */
const scan = lastScanKept((text: string) => scanTerraform(text));

/** Characters a source may not hold once written between quotes: they would change the string or its query. */
const UNSAFE = /[\s"\\?]|\$\{|%\{/;

/**
 * A module's source or a provider's source `from` becomes `to`; the `version`, a git source's
 * `//subdir` and `?ref=` stay as written. A provider entry that writes no source (it stands for
 * `hashicorp/<name>`) is left alone, and said so: its new source is for a person to add.
 */
function rename(text: string, file: string, from: string, to: string): RenameResult {
  if (typeof to !== 'string' || to.trim() === '' || UNSAFE.test(to)) {
    return { splices: [], notes: [`\`${String(to)}\` is not a source that can be written here (spaces, quotes, \`?\` or templates); nothing was renamed`] };
  }
  const { found, index, problems } = scan(text, file);
  if (problems.length > 0) return { splices: [], notes: [`${file} not renamed: ${problems[0]!.message}`] };
  const wanted = normaliseName(from);
  const splices: Splice[] = [];
  const notes: string[] = [];
  for (const f of found) {
    if (normaliseName(f.dep.name) !== wanted || f.name.value === to) continue;
    const line = index.positionAt(f.name.span.start).line + 1;
    if (!f.name.exact) {
      notes.push(`${file} line ${line}: the provider \`${f.dep.key}\` writes no source (it stands for ${f.dep.name}); add \`source = "${to}"\` by hand`);
      continue;
    }
    if (!fitsAsName(f.dep, to)) {
      const kind = f.dep.section === 'required_providers' ? 'a provider source (`namespace/type`)' : isGitSource(f.dep.name) ? 'a git repository' : 'a registry address (`namespace/name/provider`)';
      notes.push(`${file} line ${line}: \`${to}\` is not ${kind}, as ${f.dep.name} is; ${f.dep.key} was left as written`);
      continue;
    }
    splices.push({ start: f.name.span.start, end: f.name.span.end, text: to });
  }
  return { splices, notes };
}

/**
 * terraform (`ecosystems-v1.md`, "terraform"): every `*.tf` outside `.terraform/` folders (where
 * `terraform init` copies downloaded modules), its `module` blocks with a registry or git source
 * and its `required_providers`, HashiCorp constraints; `.terraform.lock.hcl` pins the providers.
 */
export const terraformModule: EcosystemModule = {
  id: 'terraform',
  files: ['**/*.tf'],
  wants: (relPath) => typeof relPath === 'string' && relPath.endsWith('.tf') && !relPath.startsWith('.terraform/') && !relPath.includes('/.terraform/'),
  versioning: hashicorpVersioning,
  normaliseName,
  parse(text, file) {
    const { found, problems } = scan(text, file);
    return { uses: found.map((f) => f.dep), problems: [...problems] };
  },
  locate(text, file, uses) {
    if (uses.length === 0) return [];
    const { found, index } = scan(text, file);
    return locateInOrder(found, uses, index);
  },
  rename,
  project: terraformProjectStep,
};
