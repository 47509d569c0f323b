import type { Span } from '../yamlUses';

/**
 * One PEP 508 requirement (`requests[socks] >= 2, < 3 ; python_version < "3.12"`), its parts as
 * offsets into the string it was read from: the name as written (extras dropped), and the version
 * text (the specifier, trimmed, without extras and markers; or the URL of `name @ url`).
 */
export interface Requirement {
  readonly name: string;
  readonly nameSpan: Span;
  /** The specifier or URL as written, trimmed; null when there is none. */
  readonly version: string | null;
  readonly versionSpan: Span | undefined;
}

/** PEP 508 names: letters and digits, with `.`, `-`, `_` inside. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const ARCHIVE = /\.(?:whl|zip|tar|tgz|tbz|txz|tar\.gz|tar\.bz2|tar\.xz|egg)$/i;

/**
 * Reads a requirement from `text` (one logical line, already without its comment and options).
 * Undefined when it does not start with a name (a path, a URL, an option): nothing to match.
 */
export function readRequirement(text: string): Requirement | undefined {
  const lead = text.length - text.trimStart().length;
  const m = NAME.exec(text.slice(lead));
  if (!m) return undefined;
  const nameSpan = { start: lead, end: lead + m[0].length };
  let at = nameSpan.end;
  const skipBlanks = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  skipBlanks();
  if (text[at] === '[') {
    const close = text.indexOf(']', at);
    if (close < 0) return undefined;
    at = close + 1;
    skipBlanks();
  }
  // A name glued to something that is no specifier (`./pkg`, `pkg.whl`, `https:`) is not a requirement.
  const rest = text.slice(at);
  if (rest !== '' && !/^[<>=!~^(@;]/.test(rest)) return undefined;
  const name = m[0];
  // pip reads a line that ends like an archive as a file to install, not as a name.
  if (ARCHIVE.test(name)) return undefined;
  if (rest.startsWith('@')) {
    // `name @ url ; marker`: a marker after a URL must follow a blank (PEP 508).
    const urlStart = at + 1 + (rest.slice(1).length - rest.slice(1).trimStart().length);
    const marker = /\s;/.exec(text.slice(urlStart));
    const urlEnd = marker ? urlStart + marker.index : text.length;
    return span(text, name, nameSpan, urlStart, urlEnd);
  }
  if (rest.startsWith('(')) {
    const close = text.indexOf(')', at);
    if (close < 0) return undefined;
    return span(text, name, nameSpan, at + 1, close);
  }
  const semi = text.indexOf(';', at);
  return span(text, name, nameSpan, at, semi < 0 ? text.length : semi);
}

/** The version text between `start` and `end`, trimmed; none when only blanks are there. */
function span(text: string, name: string, nameSpan: Span, start: number, end: number): Requirement {
  const raw = text.slice(start, end);
  const value = raw.trim();
  if (value === '') return { name, nameSpan, version: null, versionSpan: undefined };
  const s = start + (raw.length - raw.trimStart().length);
  return { name, nameSpan, version: value, versionSpan: { start: s, end: s + value.length } };
}
