import type { SourceProblem } from './types';

/** `FILE:LINE:COLUMN: message`, 1-based, as compilers print it; warnings say so. */
export function formatProblem(p: SourceProblem): string {
  const where = `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

export function hasErrors(problems: readonly SourceProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
