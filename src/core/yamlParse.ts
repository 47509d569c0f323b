import { YamlDepth } from './nesting';
import { Composer, Lexer, Parser, YAMLParseError, isScalar, visit, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * The `yaml` package's parse, bounded for files nobody vetted. Measured on broken files of a line
 * repeated by the thousand, the package spends most of its time on errors, not on the text: it
 * reports up to one error per few characters (300,000 for 470 KB) and builds each as an `Error`,
 * capturing a stack trace every time; 470 KB then took 5 s. Here no stack is captured while
 * parsing (only an error's place and message are ever read), and the reading stops after
 * MAX_YAML_ERRORS errors: past that the file is broken, and the first errors say where. The
 * package's check for keys written twice compares each key with every key before it (7 s for a
 * 256 KB mapping): keys are checked here instead, in one pass with a set.
 *
 * The time left is the text's own, linear in its length: each reader caps the size it accepts.
 */

/** More syntax errors than this and the rest of the file is not read; the list ends with a note. */
export const MAX_YAML_ERRORS = 100;

/**
 * The largest YAML file read: CI files, compose files, Helm charts, pnpm-workspace.yaml,
 * `.platform-guide.yaml` and catalogs written in YAML (a JSON catalog is read by a JSON parser,
 * many times faster, up to the catalog cap). Hand-written files are tens of kilobytes; the example
 * catalog spends 380 bytes on a component, so this holds about 700. The parser's time is linear in
 * the text but slow per character: measured on a two-core machine under a load of 8, 256 KB of a
 * workflow took 0.14 s, of catalog entries 0.2 s, and of the slowest shape found (a token every
 * two characters, `- - - x`) 0.65 s; at 1 MB these took 1 to 3 s. A larger file is skipped with a
 * problem that says so.
 */
export const MAX_YAML_CHARS = 256 * 1024;

/** A syntax error or warning: its place (UTF-16 offsets, end exclusive) and first line of message. */
export interface YamlIssue {
  readonly pos: readonly [number, number];
  readonly code: string;
  readonly message: string;
}

export interface BoundedYaml {
  /** The documents; none when the reading stopped at MAX_YAML_ERRORS or the parser threw. */
  readonly docs: Document.Parsed[];
  /** Every document's errors in order, at most MAX_YAML_ERRORS and then the note that reading stopped. */
  readonly errors: YamlIssue[];
  readonly warnings: YamlIssue[];
  /** Where the text nests past MAX_NESTING (nesting.ts), when it does: nothing else was read. */
  readonly tooDeepAt?: number;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;
type ErrorHandler = (source: unknown, code: string, message: string, warning?: boolean) => void;

/** Thrown out of the composer's error handler to stop it. */
const STOP = Symbol('too many YAML errors');

/**
 * `parseAllDocuments` (`single: false`) or `parseDocument` (`single: true`: the first document, and
 * an error for a second one unless `logLevel` is `silent`), bounded as said above. Never throws:
 * anything the parser throws (a stack overflow) becomes an error at offset 0.
 */
export function parseYaml(text: string, options: Options & { single: boolean }): BoundedYaml {
  const { single, uniqueKeys, ...rest } = options;
  const yamlOptions: Options = { ...rest, uniqueKeys: false };
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const seen: YamlIssue[] = [];
  try {
    const composer = new Composer(yamlOptions);
    // The composer reports through this handler (private in its typings, a plain property at run
    // time); wrapped, it counts. Should a later version of the package rename it, the count stops
    // working and the errors are still reported: the size cap still bounds the time.
    const holder = composer as unknown as { onError?: ErrorHandler };
    const report = holder.onError;
    if (typeof report === 'function') {
      holder.onError = (source, code, message, warning) => {
        // The package catches what a tag's resolver throws and reports it here: once stopped, stay stopped.
        if (seen.length > MAX_YAML_ERRORS) throw STOP;
        report(source, code, message, warning);
        if (warning) return;
        seen.push({ pos: errorPos(source), code, message: firstLine(message) });
        if (seen.length > MAX_YAML_ERRORS) throw STOP;
      };
    }
    const docs: Document.Parsed[] = [];
    const take = (doc: Document.Parsed): boolean => {
      if (single && docs.length > 0) {
        if (yamlOptions.logLevel !== 'silent') docs[0]!.errors.push(new YAMLParseError([doc.range[0], doc.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        return false;
      }
      docs.push(doc);
      return true;
    };
    // Lexer, parser and composer are driven token by token: the depth is counted in the lexer's
    // pass (nesting.ts says why it is counted at all), and the reading stops at once when the
    // errors pass the limit (a broken line may yield a top-level error token per character,
    // which the composer records without the handler, so they are counted here).
    let more = true;
    const depth = new YamlDepth();
    const parser = new Parser();
    const lexemes = new Lexer().lex(text);
    const compose = (tokens: Iterable<CST.Token>): void => {
      for (const token of tokens) {
        if (token.type === 'error') {
          seen.push({ pos: [token.offset, token.offset + Math.max(1, token.source.length)], code: 'UNEXPECTED_TOKEN', message: firstLine(token.message) });
          if (seen.length > MAX_YAML_ERRORS) throw STOP;
        }
        for (const doc of composer.next(token)) if (!(more = take(doc))) return;
        if (!more) return;
      }
    };
    for (const lexeme of lexemes) {
      if (!depth.step(lexeme)) return { docs: [], errors: [], warnings: [], tooDeepAt: depth.offset };
      compose(parser.next(lexeme));
      if (!more) break;
    }
    if (more) compose(parser.end());
    if (more) for (const doc of composer.end(single, single ? text.length : -1)) if (!take(doc)) break;
    if (uniqueKeys !== false) for (const doc of docs) duplicateKeys(doc);
    const errors = docs.flatMap((d) => d.errors.map(issue));
    if (errors.length > MAX_YAML_ERRORS) return { docs: [], errors: stopped(errors), warnings: [] };
    return { docs, errors, warnings: docs.flatMap((d) => d.warnings.map(issue)) };
  } catch (e) {
    if (e === STOP) return { docs: [], errors: stopped(seen), warnings: [] };
    return { docs: [], errors: [{ pos: [0, 0], code: 'THROWN', message: e instanceof Error ? e.message : String(e) }], warnings: [] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** The package's DUPLICATE_KEY error for every scalar key written twice in a mapping (keys compared by value, as the package does). */
function duplicateKeys(doc: Document.Parsed): void {
  try {
    visit(doc, {
      Map(_key, map) {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          if (seen.has(pair.key.value)) {
            const range = pair.key.range ?? [0, 0];
            doc.errors.push(new YAMLParseError([range[0], range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(pair.key.value);
        }
      },
    });
  } catch {
    // Too deep to visit: the callers refuse such files before parsing them.
  }
}

/** The first MAX_YAML_ERRORS errors in order of place, and a note at the place the reading stopped. */
function stopped(errors: YamlIssue[]): YamlIssue[] {
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0]).slice(0, MAX_YAML_ERRORS);
  const at = first[first.length - 1]?.pos ?? [0, 0];
  return [...first, { pos: at, code: 'TOO_MANY_ERRORS', message: `more than ${MAX_YAML_ERRORS} errors; the file was read no further` }];
}

function issue(e: YAMLParseError | { pos: [number, number]; code: string; message: string }): YamlIssue {
  return { pos: e.pos, code: e.code, message: firstLine(e.message) };
}

/** The composer's places: an offset, a pair of offsets, a node's range or a token. */
function errorPos(source: unknown): [number, number] {
  if (typeof source === 'number') return [source, source + 1];
  if (Array.isArray(source)) return [Number(source[0]) || 0, Number(source[1]) || 0];
  const token = source as { offset?: unknown; source?: unknown } | null;
  const offset = typeof token?.offset === 'number' ? token.offset : 0;
  return [offset, offset + (typeof token?.source === 'string' ? token.source.length : 1)];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
