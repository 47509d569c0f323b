import type { Range } from '../../../../src/core/positions';
import type { DeclaredDependency } from '../../../../src/core/types';

/** A 0-based range from start line/character to end line/character. */
export function range(line: number, character: number, endLine: number, endCharacter: number): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

/** A registry dependency as a manifest declares it (alias when `name` differs from `key`). */
export function dep(key: string, constraint: string | null, section = 'dependencies', name = key): DeclaredDependency {
  return { ecosystem: 'npm', name, constraint, section, key };
}

/** The text of a range in `text`, for assertions that read better than line/character pairs. */
export function slice(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
  throw new Error('multi-line range');
}
