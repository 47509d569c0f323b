import type { Range } from '../positions';
import type { SourceRef } from './model';
import type { Reporter } from './reporter';
import type { AstMap, AstNode, AstPair } from './yamlAst';

/**
 * Tolerant readers over the tree. The schema check has already reported every shape problem, so
 * these only answer "is there a usable value here", never report anything themselves.
 */
export function asMap(node: AstNode | undefined): AstMap | undefined {
  return node?.kind === 'map' ? node : undefined;
}

export function pairOf(node: AstNode | undefined, key: string): AstPair | undefined {
  return asMap(node)?.pairs.find((p) => p.key === key);
}

export function str(node: AstNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** A string, or a plain number's text as written (`4.10` stays `4.10`): versions and ranges. */
export function textOrNumber(node: AstNode | undefined): string | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'string') return node.value.trim();
  return typeof node.value === 'number' ? node.source : undefined;
}

export function items(node: AstNode | undefined): readonly AstNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

export function strings(node: AstNode | undefined): string[] {
  return items(node).flatMap((n) => (str(n) === undefined ? [] : [str(n)!]));
}

/** Plain data for free-form values (a json step's `set`); maps have no prototype to pollute. */
export function toPlain(node: AstNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const p of node.pairs) out[p.key] = toPlain(p.value);
  return out;
}

/** Where an entry was written, with the range of each of its values for problems about one field. */
export function sourceRef(rep: Reporter, node: AstNode): SourceRef {
  const fields: Record<string, Range> = Object.create(null) as Record<string, Range>;
  for (const p of asMap(node)?.pairs ?? []) {
    const v = p.value.span;
    fields[p.key] = rep.range(v.end > v.start ? v : p.keySpan);
  }
  return { file: rep.file, range: rep.range(node.span), fields };
}

/** Drops undefined properties, so optional model fields are absent rather than present-but-undefined. */
export function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
