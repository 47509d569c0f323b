import { LineIndex, type Range } from '../../positions';
import type { ParseProblem } from '../types';
import { attribute, blocks, HclFile, keyOf, literal } from './hcl';

export const LOCKFILE = '.terraform.lock.hcl';

/** The public registry's host: a module or provider source without a host is on it. */
export const DEFAULT_HOST = 'registry.terraform.io';

/**
 * A provider address in the form a lockfile writes it: `hashicorp/aws` is
 * `registry.terraform.io/hashicorp/aws`, and addresses are compared without regard to case, as
 * Terraform compares them.
 */
export function providerAddress(source: string): string {
  const s = source.trim().toLowerCase();
  return s.split('/').length === 2 ? `${DEFAULT_HOST}/${s}` : s;
}

export interface LockedProvider {
  readonly version: string;
  locate(): Range;
}

/**
 * `.terraform.lock.hcl`, as `terraform init` writes it: one `provider "<address>" { version = "…" }`
 * block per provider. A block without a literal version is skipped; HCL syntax problems are reported.
 */
export function parseLockfile(text: string): { providers: Map<string, LockedProvider>; problems: ParseProblem[] } {
  const file = new HclFile(typeof text === 'string' ? text : '');
  const index = new LineIndex(file.text);
  const providers = new Map<string, LockedProvider>();
  for (const block of blocks(file, file.items(file.root), 'provider')) {
    const label = block.labels[0];
    const version = literal(file, attribute(file, file.items(block.body), 'version'));
    if (!label || !version || version.value.trim() === '') continue;
    const span = version.span;
    providers.set(providerAddress(keyOf(file, label)), { version: version.value.trim(), locate: () => index.range(span.start, span.end) });
  }
  const problems = file.problems.map((p) => ({ message: `${p.message} (HCL syntax); fix it or run \`terraform init\` again`, range: index.range(p.span.start, p.span.end) }));
  return { providers, problems };
}
