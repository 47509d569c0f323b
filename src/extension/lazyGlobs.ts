import type Picomatch from 'picomatch';
import { lazyBundle } from './lazy';

/**
 * `picomatch` as the extension's own bundle sees it (esbuild.mjs points its imports here): globs
 * are compiled when a scan or a migration first needs them, so the library is bundled on its own
 * (dist/globs.js) and loaded then. The default export and `makeRe` are what the engine uses.
 */
const picomatch = lazyBundle<typeof Picomatch>('globs.js');

const lazy = ((...args: Parameters<typeof Picomatch>) => picomatch()(...args)) as typeof Picomatch;
lazy.makeRe = ((...args: Parameters<typeof Picomatch.makeRe>) => picomatch().makeRe(...args)) as typeof Picomatch.makeRe;
export default lazy;
