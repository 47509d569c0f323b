import type * as Saxes from 'saxes';
import { lazyBundle } from './lazy';

/**
 * `saxes` as the extension's own bundle sees it (esbuild.mjs points its imports here): only a
 * pom.xml needs it, so it is bundled on its own (dist/xml.js) and loaded the first time one is
 * read. `new SaxesParser(...)` returns the loaded library's parser.
 */
const saxes = lazyBundle<typeof Saxes>('xml.js');

export const SaxesParser = function (...args: ConstructorParameters<typeof Saxes.SaxesParser>) {
  return new (saxes().SaxesParser)(...args);
} as unknown as typeof Saxes.SaxesParser;
