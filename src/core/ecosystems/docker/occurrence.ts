import type { DeclaredDependency } from '../../types';
import type { Span } from './sourced';

/** One image reference of a file with its offsets: what parse, locate and rename are all built on. */
export interface Occurrence {
  readonly use: DeclaredDependency;
  /** The name as written (the use's `key`). */
  readonly nameSpan: Span;
  /** Whether the name is written out in full there, so a rename may replace it. */
  readonly nameIsLiteral: boolean;
  /** The version text (or its definition, which other references may share), else the name. */
  readonly span: Span;
}

/** Everything a file says, with offsets; problems carry offsets too until they are located. */
export interface Scan {
  readonly occurrences: Occurrence[];
  readonly problems: { readonly message: string; readonly span: Span }[];
}

/**
 * The uses of a scan: two references of one package whose version text is one definition (an
 * `ARG` default used by two stages) are one use, as the ecosystem rules say.
 */
export function distinctUses(occurrences: readonly Occurrence[]): Occurrence[] {
  const seen = new Set<string>();
  return occurrences.filter((o) => {
    const key = `${o.use.name.toLowerCase()}\0${o.span.start}\0${o.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
