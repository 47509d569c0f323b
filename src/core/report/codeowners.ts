import { readRepoFile } from '../safeRead';

/** Where GitHub looks for CODEOWNERS, in its order: the first that exists is the one used. */
export const CODEOWNERS_FILES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

/**
 * The default owner of a CODEOWNERS text: the first owner of the last `*` rule (later rules win,
 * as in GitHub). A last `*` rule without owners unsets it: null.
 */
export function defaultOwner(text: string): string | null {
  let owner: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const [pattern, first] = line.split(/\s+/);
    if (pattern === '*') owner = first ?? null;
  }
  return owner;
}

/** The default owner of the repository at `root`, or null. */
export function repositoryOwner(root: string): string | null {
  for (const file of CODEOWNERS_FILES) {
    const read = readRepoFile(root, file, MAX_CODEOWNERS_BYTES);
    if (read.ok) return defaultOwner(read.bytes.toString('utf8'));
  }
  return null;
}
