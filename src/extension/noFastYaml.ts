import type * as Fast from '../core/yamlFast';

/**
 * src/core/yamlFast.ts as the extension's activation bundle sees it (esbuild.mjs points its imports
 * here). The editor reads one open document at a time, where the `yaml` package's cold start does
 * not add up to anything, so the reader stays out of the bundle and leaves every file to the
 * package, which reads it to the same result. The scan worker's bundle keeps the reader.
 */
export const fastYaml: typeof Fast.fastYaml = () => undefined;
export const withoutAnchors: typeof Fast.withoutAnchors = () => false;
