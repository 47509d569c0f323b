import type { Definition } from './found';

/**
 * The `key=value` lines of a gradle.properties (Java properties: `=`, `:` or a space between,
 * `#` and `!` comments), with the place of each value. A value continued on the next line with
 * `\` or written with escapes is left out: it names no version a bump could edit in place.
 */
export function readGradleProperties(text: string): Map<string, Definition> {
  const out = new Map<string, Definition>();
  let offset = 0;
  let continued = false;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, '');
    const wasContinued = continued;
    continued = /(?:^|[^\\])(?:\\\\)*\\$/.test(body);
    if (wasContinued || continued) continue;
    const m = /^[ \t\f]*([^#!\s=:][^\s=:]*)[ \t\f]*[=:\s][ \t\f]*(.*?)[ \t\f]*$/.exec(body);
    if (!m || m[1]!.includes('\\') || m[2]!.includes('\\')) continue;
    const value = m[2]!;
    const at = start + body.length - (body.length - body.trimEnd().length) - value.length;
    out.set(m[1]!, { value, start: at, end: at + value.length });
  }
  return out;
}
