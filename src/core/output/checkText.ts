import { severityCounts, type ScanResult } from '../scan';

/** Compiler-style lines, one a finding, already sorted by file, line and column. */
export function checkText(result: ScanResult): { stdout: string; stderr: string } {
  const lines = result.findings.map(
    (f) =>
      `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.component}, owner ${f.owner}]`,
  );
  const c = severityCounts(result.findings);
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  lines.push(
    `${count(result.findings.length, 'finding')} (${count(c.error, 'error')}, ${count(c.warning, 'warning')}, ` +
      `${c.info} info, ${count(c.hint, 'hint')}) in ${count(result.manifests, 'manifest')}: ` +
      `${count(result.platformDependencies, 'platform dependency', 'platform dependencies')} ` +
      `of ${count(result.dependencies, 'dependency', 'dependencies')}`,
  );
  // A manifest that cannot be read is a warning, not an error: it does not change the exit code.
  const problems = result.errors.map(
    (p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: warning: ${p.message}`,
  );
  return { stdout: lines.join('\n') + '\n', stderr: problems.length ? problems.join('\n') + '\n' : '' };
}
