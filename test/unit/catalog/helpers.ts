import type { SourceProblem } from '../../../src/core/types';

/** Inline YAML: drops the first newline and the common indentation, so tests read like the file. */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ ]*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** `LINE:COL severity message`, 1-based as the CLI prints it, so expectations match what people see. */
export function show(p: SourceProblem): string {
  return `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.message}`;
}

/** Expected problems as [1-based `line:col severity`, pattern the message must match]. */
export type Expected = readonly (readonly [string, RegExp])[];

export function assertProblems(actual: readonly SourceProblem[], expected: Expected, assert: typeof import('node:assert/strict')): void {
  const shown = actual.map(show);
  // Places first, as a whole, so a failure shows every problem that was reported.
  assert.deepEqual(shown.map((s) => s.split(' ').slice(0, 2).join(' ')), expected.map(([where]) => where), shown.join('\n'));
  expected.forEach(([, re], i) => assert.match(shown[i]!, re));
}
