import * as path from 'node:path';

/**
 * A part of the extension bundled on its own (see esbuild.mjs) and loaded the first time it is
 * needed, so that activation reads only what every session uses.
 */
export function lazyBundle<T>(file: string): () => T {
  let loaded: T | undefined;
  // A computed path: esbuild leaves the require alone, Node resolves it next to this bundle.
  return () => (loaded ??= require(path.join(__dirname, file)) as T);
}
