import type { FoundUse, Span } from '../yamlUses';

/**
 * The version files of version managers: one runtime each (nvm's `.nvmrc`, `.node-version`,
 * pyenv's `.python-version`, tfenv's `.terraform-version`, goenv's `.go-version`, jenv's
 * `.java-version`) or one line per tool (asdf and mise's `.tool-versions`). Line ends `\n`, `\r\n`
 * or `\r`; a byte-order mark is skipped; `#` starts a comment to the end of the line. Never throws.
 */

/** The runtime of each single-runtime file, by base name. */
export const VERSION_FILES: Readonly<Record<string, string>> = {
  '.nvmrc': 'node',
  '.node-version': 'node',
  '.python-version': 'python',
  '.terraform-version': 'terraform',
  '.go-version': 'go',
  '.java-version': 'java',
};

export const TOOL_VERSIONS = '.tool-versions';

/** The tools of `.tool-versions` that are runtimes, by the names asdf plugins use; other tools are not. */
const TOOLS: Readonly<Record<string, string>> = {
  nodejs: 'node',
  node: 'node',
  golang: 'go',
  go: 'go',
  python: 'python',
  java: 'java',
  terraform: 'terraform',
};

/** A version file holds a line or two; past this it is not one. */
const MAX_CHARS = 64 * 1024;

/** The words of each line (without its comment), with their places. */
function words(text: string): Span[][] {
  const lines: Span[][] = [];
  if (typeof text !== 'string' || text.length > MAX_CHARS) return lines;
  let current: Span[] = [];
  let comment = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i <= text.length) {
    const c = text[i];
    if (c === undefined || c === '\n' || c === '\r') {
      lines.push(current);
      current = [];
      comment = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (comment || c === ' ' || c === '\t' || c === '\v' || c === '\f') {
      i++;
    } else if (c === '#') {
      comment = true;
      i++;
    } else {
      let j = i;
      // The same characters end a word as the branches above: the word holds at least one.
      while (j < text.length && !/[ \t\v\f\r\n#]/.test(text[j]!)) j++;
      current.push({ start: i, end: j });
      i = j;
    }
  }
  return lines;
}

function found(text: string, runtime: string, section: string, key: string, name: Span, version: Span): FoundUse {
  return {
    dep: { ecosystem: 'runtime', name: runtime, constraint: text.slice(version.start, version.end), section, key },
    name: { value: text.slice(name.start, name.end), span: name, exact: true, after: name.end },
    version,
  };
}

/**
 * A single-runtime file: its first word is the version the manager switches to (nvm, tfenv, goenv
 * and jenv read one). pyenv activates every version listed, one per line or several on a line:
 * each is a use. The name is not written in these files, so a use's name range is its version.
 */
export function scanVersionFile(text: string, base: string): FoundUse[] {
  const runtime = VERSION_FILES[base];
  if (runtime === undefined) return [];
  const spans = words(text).flat();
  const versions = runtime === 'python' ? spans : spans.slice(0, 1);
  return versions.map((v) => found(text, runtime, base, runtime, v, v));
}

/**
 * `.tool-versions`: `<tool> <version> [<fallback>…]`. The first version is the one asdf and mise
 * use; the others are fallbacks tried only when it is not installed, so they are not uses. A
 * tool that is no runtime (`kubectl`, `helm`) is skipped.
 */
export function scanToolVersions(text: string): FoundUse[] {
  const out: FoundUse[] = [];
  for (const line of words(text)) {
    const [tool, version] = line;
    if (!tool || !version) continue;
    const key = text.slice(tool.start, tool.end);
    const runtime = Object.hasOwn(TOOLS, key) ? TOOLS[key] : undefined;
    if (runtime !== undefined) out.push(found(text, runtime, TOOL_VERSIONS, key, tool, version));
  }
  return out;
}
