import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { jsonTooDeepAt } from '../../nesting';
import { lastRootKeys } from '../npm/packageJson';
import { readGoMod } from '../go/modFile';
import type { FoundUse, Span } from '../yamlUses';

/**
 * The runtimes pinned inside other ecosystems' manifests. The scan hands these files to both
 * modules; the other module (npm, go) reports their syntax errors, so these readers report none
 * and read nothing from a file they cannot read.
 */

/**
 * package.json: `engines.node` (an npm range: the node versions the package supports) and
 * `volta.node` (the exact node Volta switches to). A value written with escapes is skipped: it is
 * no version anyone writes, and its range could not be the text.
 */
export function scanPackageJson(text: string): FoundUse[] {
  // Most package.json files pin no runtime: the root's keys that npm's one-pass reader just read,
  // or else a text search, spare them a tree with offsets.
  if (typeof text !== 'string') return [];
  const keys = lastRootKeys(text);
  if (keys ? !keys.includes('engines') && !keys.includes('volta') : !text.includes('"engines"') && !text.includes('"volta"')) return [];
  if (jsonTooDeepAt(text) !== undefined) return [];
  // jsonc-parser refuses a byte-order mark; a space keeps every offset where it was.
  const json = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: true });
  if (!root || root.type !== 'object' || errors.length > 0) return [];
  const out: FoundUse[] = [];
  for (const section of ['engines', 'volta'] as const) {
    const value = findNodeAtLocation(root, [section, 'node']);
    const key = value?.parent?.children?.[0];
    if (!value || !key || value.type !== 'string' || typeof value.value !== 'string') continue;
    const version = inside(value);
    const name = inside(key);
    if (text.slice(version.start, version.end) !== value.value || text.slice(name.start, name.end) !== 'node') continue;
    out.push({
      dep: { ecosystem: 'runtime', name: 'node', constraint: value.value, section: `${section}.node`, key: 'node' },
      name: { value: 'node', span: name, exact: true, after: name.end },
      version,
    });
  }
  return out;
}

/** A JSON string's text without its quotes. */
function inside(node: Node): Span {
  return { start: node.offset + 1, end: node.offset + node.length - 1 };
}

/**
 * go.mod: the `go` directive (the Go version the module needs; from Go 1.21 on, the least
 * toolchain that builds it) and the `toolchain` directive (the toolchain the go command switches
 * to, written `go1.22.1`): both pin the go runtime. `toolchain default` names none (unknown).
 */
export function scanGoMod(text: string): FoundUse[] {
  const out: FoundUse[] = [];
  for (const d of readGoMod(text).directives) {
    const verb = d.verb.value;
    if ((verb !== 'go' && verb !== 'toolchain') || d.args.length !== 1 || !d.args[0]!.exact || d.args[0]!.value === '') continue;
    const version = d.args[0]!;
    out.push({
      dep: { ecosystem: 'runtime', name: 'go', constraint: version.value, section: verb, key: verb },
      name: { value: verb, span: d.verb.span, exact: true, after: d.verb.span.end },
      version: version.span,
    });
  }
  return out;
}
