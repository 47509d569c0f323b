import { LineIndex } from '../../positions';
import type { DeclaredDependency } from '../../types';
import type { ParseProblem } from '../types';
import type { FoundUse, Span, UseScan } from '../yamlUses';
import { attribute, blocks, HclFile, keyOf, literal, type Item } from './hcl';

/**
 * The uses of one `*.tf` file (ecosystems spec, "terraform"): `module` blocks with a registry or a
 * git source, and the entries of `terraform { required_providers { … } }`. The `required_version`
 * of the same `terraform` blocks is a runtime use, read by `scanRequiredVersion` for the runtime
 * module, so that each module's uses carry its own ecosystem.
 */

/** A registry address: `[host/]namespace/name/provider`, as Terraform's registry detector reads it. */
const REGISTRY = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?\/)?[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/[A-Za-z0-9]{1,64}$/;
/** Sources Terraform fetches with git: forced `git::`, scp-like `git@host:`, and GitHub or Bitbucket shorthands. */
const GIT = /^(?:git::|git@|github\.com\/|bitbucket\.org\/)/;
/** The provider source a `required_providers` entry without one stands for (Terraform's default namespace). */
const DEFAULT_NAMESPACE = 'hashicorp';

/** A provider source: `[host/]namespace/type`. */
const PROVIDER = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?\/)?[A-Za-z0-9][A-Za-z0-9_-]{0,63}\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Whether a module source is fetched with git (its version text is then its `ref`). */
export function isGitSource(source: string): boolean {
  return GIT.test(source);
}

/**
 * Whether `to` can stand where the name of `use` is written and still be read as the same kind of
 * source: a registry module's address, a git module's repository (no `//subdir`, no query), a
 * provider's source. A rename to anything else would make the use vanish or change its meaning.
 */
export function fitsAsName(use: DeclaredDependency, to: string): boolean {
  if (use.section === 'required_providers') return PROVIDER.test(to);
  if (packageEnd(to) !== to.length) return false;
  return isGitSource(use.name) ? isGitSource(to) : REGISTRY.test(to);
}

/** Where the package part of a source ends: before a `//subdir` (after any `scheme://`) and before `?`. */
function packageEnd(source: string): number {
  const query = source.indexOf('?');
  const head = query < 0 ? source : source.slice(0, query);
  const scheme = head.indexOf('://');
  const subdir = head.indexOf('//', scheme < 0 ? 0 : scheme + 3);
  return subdir >= 0 ? subdir : head.length;
}

/** The `ref` of a git source's query (`?ref=v1.2.0`, `?depth=1&ref=v1.2.0`): its value's place. */
function refOf(source: string, at: number): { value: string; span: Span } | undefined {
  const query = source.indexOf('?');
  if (query < 0) return undefined;
  let offset = query + 1;
  let found: { value: string; span: Span } | undefined;
  for (const pair of source.slice(query + 1).split('&')) {
    if (pair.startsWith('ref=') && pair.length > 4) {
      const value = pair.slice(4);
      found = { value, span: { start: at + offset + 4, end: at + offset + 4 + value.length } };
    }
    offset += pair.length + 1;
  }
  return found;
}

/** A string's content without the blanks around it, and where that is; undefined when only blanks remain. */
function trimmed(place: { value: string; span: Span } | undefined): { value: string; span: Span } | undefined {
  const value = place?.value.trim();
  if (!place || !value) return undefined;
  const start = place.span.start + place.value.indexOf(value);
  return { value, span: { start, end: start + value.length } };
}

function moduleUse(file: HclFile, block: Extract<Item, { kind: 'block' }>): FoundUse | undefined {
  const items = file.items(block.body);
  const source = literal(file, attribute(file, items, 'source'));
  if (!source || source.value.includes('${')) return undefined;
  const key = block.labels[0] ? keyOf(file, block.labels[0]) : '';
  const end = packageEnd(source.value);
  const name = source.value.slice(0, end);
  const nameSpan = { start: source.span.start, end: source.span.start + end };
  const place = { value: name, span: nameSpan, exact: true, after: source.span.end };
  if (isGitSource(source.value)) {
    const ref = refOf(source.value, source.span.start);
    return { dep: { ecosystem: 'terraform', name, constraint: ref?.value ?? null, section: 'module', key }, name: place, version: ref?.span };
  }
  if (!REGISTRY.test(name) || (end !== source.value.length && source.value[end] !== '/')) return undefined;
  const version = trimmed(literal(file, attribute(file, items, 'version')));
  return { dep: { ecosystem: 'terraform', name, constraint: version?.value ?? null, section: 'module', key }, name: place, version: version?.span };
}

/** The entries of every `required_providers` block: `aws = { source = "hashicorp/aws", version = "~> 5.0" }`. */
function providerUses(file: HclFile, terraform: readonly Item[]): FoundUse[] {
  const out: FoundUse[] = [];
  for (const rp of blocks(file, terraform, 'required_providers')) {
    for (const entry of file.items(rp.body)) {
      if (entry.kind !== 'attribute') continue;
      const key = keyOf(file, entry.name);
      const object = file.object(entry.value);
      // Terraform 0.12's shorthand `aws = "~> 2.0"` names only a version, of the default namespace.
      const shorthand = literal(file, entry.value);
      const fields = object ? file.items(object) : [];
      const source = object ? literal(file, attribute(file, fields, 'source')) : undefined;
      const version = trimmed(object ? literal(file, attribute(file, fields, 'version')) : shorthand);
      const name = source && source.value.trim() !== '' ? source : undefined;
      // Neither a source nor a version written (`random = {}`): nothing in the text is the use's to point at.
      if (!name && !version) continue;
      out.push({
        dep: { ecosystem: 'terraform', name: name ? name.value : `${DEFAULT_NAMESPACE}/${key}`, constraint: version?.value ?? null, section: 'required_providers', key },
        // Without a source the name is not written: its range is the entry's key, and a rename leaves it alone.
        name: name ? { value: name.value, span: name.span, exact: true, after: name.span.end } : { value: key, span: entry.name.inner ?? entry.name.span, exact: false, after: entry.name.span.end },
        version: version?.span,
      });
    }
  }
  return out;
}

function read(text: string): { file: HclFile; top: Item[]; problems: ParseProblem[]; index: LineIndex } {
  const src = typeof text === 'string' ? text : '';
  const file = new HclFile(src);
  const index = new LineIndex(src);
  const problems = file.problems.map((p) => ({ message: `${p.message} (HCL syntax)`, range: index.range(p.span.start, p.span.end) }));
  return { file, top: file.items(file.root), problems, index };
}

/** A `*.tf` file's module and provider uses, in text order. */
export function scanTerraform(text: string): UseScan {
  const { file, top, problems, index } = read(text);
  const found: FoundUse[] = [];
  for (const it of top) {
    if (it.kind !== 'block') continue;
    const type = file.textOf(it.type);
    if (type === 'module') {
      const use = moduleUse(file, it);
      if (use) found.push(use);
    } else if (type === 'terraform') {
      found.push(...providerUses(file, file.items(it.body)));
    }
  }
  return { found, problems, index };
}

/**
 * The `required_version` of a `*.tf` file's `terraform` blocks: a `runtime: terraform` use, its
 * name range on the attribute's name. The runtime module reads it through this function; syntax
 * problems are the terraform module's to report.
 */
export function scanRequiredVersion(text: string): FoundUse[] {
  if (typeof text !== 'string' || !text.includes('required_version')) return [];
  const { file, top } = read(text);
  const out: FoundUse[] = [];
  for (const tf of blocks(file, top, 'terraform')) {
    for (const it of file.items(tf.body)) {
      if (it.kind !== 'attribute' || keyOf(file, it.name) !== 'required_version') continue;
      const version = trimmed(literal(file, it.value));
      if (!version) continue;
      out.push({
        dep: { ecosystem: 'runtime', name: 'terraform', constraint: version.value, section: 'required_version', key: 'required_version' },
        name: { value: 'required_version', span: it.name.span, exact: true, after: it.name.span.end },
        version: version.span,
      });
    }
  }
  return out;
}
