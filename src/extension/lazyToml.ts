import type * as Toml from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import { lazyBundle } from './lazy';

/**
 * `toml-eslint-parser` as the extension's own bundle sees it (esbuild.mjs points its imports here):
 * only pyproject.toml and Gradle version catalogs need it, so it is bundled on its own
 * (dist/toml.js) and loaded the first time one is read. Only what the engine uses is forwarded.
 */
const toml = lazyBundle<typeof Toml>('toml.js');

export const parseTOML: typeof Toml.parseTOML = (...args) => toml().parseTOML(...args);
