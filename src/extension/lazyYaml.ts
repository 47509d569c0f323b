import type * as Yaml from 'yaml';
import { lazyBundle } from './lazy';

/**
 * The `yaml` package as the extension's own bundle sees it (esbuild.mjs points its imports here):
 * the library is a third of the bundle and activation reads no YAML, so it is bundled on its own
 * (dist/yaml.js) and loaded the first time a catalog or a YAML manifest is read. Only what the
 * engine uses is forwarded; the types still come from the package itself.
 */
const yaml = lazyBundle<typeof Yaml>('yaml.js');

type Fn = (...args: never[]) => unknown;
const forward = <K extends keyof typeof Yaml>(key: K) =>
  ((...args: unknown[]) => (yaml()[key] as unknown as (...a: unknown[]) => unknown)(...args)) as unknown as (typeof Yaml)[K] & Fn;
/** A class, constructed from the loaded library (`new Document(...)` returns the library's instance). */
const construct = <K extends 'Composer' | 'Document' | 'Lexer' | 'Parser' | 'YAMLParseError'>(key: K) =>
  function (...args: unknown[]) {
    return new (yaml()[key] as unknown as new (...a: unknown[]) => object)(...args);
  } as unknown as (typeof Yaml)[K];

export const parseDocument = forward('parseDocument');
export const parseAllDocuments = forward('parseAllDocuments');
export const visit = forward('visit');
export const isAlias = forward('isAlias');
export const isMap = forward('isMap');
export const isNode = forward('isNode');
export const isScalar = forward('isScalar');
export const isSeq = forward('isSeq');
export const Composer = construct('Composer');
export const Document = construct('Document');
export const Lexer = construct('Lexer');
export const Parser = construct('Parser');
export const YAMLParseError = construct('YAMLParseError');
