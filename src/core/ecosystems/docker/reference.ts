import { faithfulSpan, writtenSpan, type Sourced, type Span } from './sourced';

/**
 * One image reference read out of a file, traced back to the text: `registry.acme.dev:5000/base/node:20-alpine@sha256:…`.
 * The name keeps the registry host as written; the tag is the version text (also when a digest
 * follows); a digest alone is no version text.
 */
export interface ImageOccurrence {
  /** The name after substitution, without tag and digest. */
  readonly name: string;
  /** Where the name is written (with its variables, if any): the use's key, and what a rename replaces. */
  readonly nameSpan: Span;
  /** Whether `nameSpan` holds exactly `name` (no variable in it), so a rename can splice it. */
  readonly nameIsLiteral: boolean;
  /** The version text and where it is written (a tag, an ARG default, a `${VAR:-default}` word); null when there is no tag. */
  readonly version: { readonly text: string; readonly span: Span } | null;
}

/** Why a reference yields no use, for the problems of a file. */
export type ReferenceProblem = { readonly problem: string; readonly span: Span };

/**
 * Splits a reference after substitution. `file` is the whole text, `ref` the reference with the
 * origin of each character. Undefined (no use, no problem) when the name still holds a variable
 * nobody gave a value: no catalog can name it.
 */
export function readReference(file: string, ref: Sourced): ImageOccurrence | ReferenceProblem | undefined {
  const text = ref.text;
  const at = text.indexOf('@');
  const beforeDigest = at < 0 ? text.length : at;
  // The tag's colon comes after the last slash; a colon before it is a registry port.
  const slash = text.lastIndexOf('/', beforeDigest);
  const colon = text.indexOf(':', slash + 1);
  const nameEnd = colon >= 0 && colon < beforeDigest ? colon : beforeDigest;
  const name = text.slice(0, nameEnd);
  if (name === '' || name.includes('$')) return undefined;
  const whole = writtenSpan(ref, 0, text.length)!;
  if (!/^[^\s"'`{}]+$/.test(name)) return { problem: `\`${file.slice(whole.start, whole.end)}\` is not an image reference; write it as name:tag, without quotes (for example node:20-alpine)`, span: whole };
  const faithfulName = faithfulSpan(file, ref, 0, nameEnd);
  const nameSpan = faithfulName ?? writtenSpan(ref, 0, nameEnd)!;
  if (file.slice(nameSpan.start, nameSpan.end).includes('\n')) {
    return { problem: 'this image name is split across lines; write it on one line', span: nameSpan };
  }
  const base = { name, nameSpan, nameIsLiteral: faithfulName !== undefined };
  const tagStart = nameEnd + 1;
  if (nameEnd === beforeDigest || tagStart >= beforeDigest) return { ...base, version: null };
  const version = tagText(file, ref, tagStart, beforeDigest);
  if (file.slice(version.span.start, version.span.end).includes('\n')) {
    return { problem: 'this image tag is split across lines; write it on one line', span: version.span };
  }
  return { ...base, version };
}

/**
 * The version text of the tag [start, end) of `ref` and where it is written:
 * - the tag itself when it lies side by side in the file (a literal tag, or one variable's value);
 * - else, when the tag starts with a word written in one place (`${GO_VERSION}-alpine${ALPINE}`,
 *   `${NODE:-18}-slim`, `20-${DISTRO}`), that word: it holds the version's numbers, is what a bump
 *   edits, and the rest is a variant;
 * - else the tag as written, variables and all (`${MAJOR}.${MINOR}`, `v${VERSION}`).
 */
function tagText(file: string, ref: Sourced, start: number, end: number): { text: string; span: Span } {
  const whole = faithfulSpan(file, ref, start, end);
  if (whole) return { text: ref.text.slice(start, end), span: whole };
  let k = start + 1;
  while (k < end && ref.at[k] === ref.at[k - 1]! + 1) k++;
  // `0-${VARIANT}`: the separator before the variable is part of no version.
  while (k > start + 1 && /[-_.]/.test(ref.text[k - 1]!)) k--;
  const prefix = faithfulSpan(file, ref, start, k);
  const written = writtenSpan(ref, start, end)!;
  // The stretch must end where a word of the tag ends: `${MAJOR}.${MINOR}` or `${A}${B}` is one version.
  if (prefix && !/^[A-Za-z0-9.]/.test(ref.text.slice(k, end))) return { text: ref.text.slice(start, k), span: prefix };
  return { text: file.slice(written.start, written.end), span: written };
}
