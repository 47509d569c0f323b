import { findingMessage, severityCounts, type ScanResult } from '../scan';

/**
 * Compiler-style lines, one a finding, already sorted by file, line and column; handed over in
 * chunks of about 64 KB, never held whole.
 */
export function writeCheckText(result: ScanResult, out: { stdout(chunk: string): void; stderr(chunk: string): void }): void {
  let buffer = '';
  for (const f of result.findings) {
    buffer += `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${findingMessage(f)} [${f.component}, owner ${f.owner}]\n`;
    if (buffer.length >= 64 * 1024) {
      out.stdout(buffer);
      buffer = '';
    }
  }
  const c = severityCounts(result.findings);
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  out.stdout(
    buffer +
    `${count(result.findings.length, 'finding')} (${count(c.error, 'error')}, ${count(c.warning, 'warning')}, ` +
      `${c.info} info, ${count(c.hint, 'hint')}) in ${count(result.manifests, 'manifest')}: ` +
      `${count(result.platformDependencies, 'platform dependency', 'platform dependencies')} ` +
      `of ${count(result.dependencies, 'dependency', 'dependencies')}\n`,
  );
  // A manifest that cannot be read is a warning, not an error: it does not change the exit code.
  const problems = result.errors.map(
    (p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: warning: ${p.message}`,
  );
  if (problems.length) out.stderr(problems.join('\n') + '\n');
}
