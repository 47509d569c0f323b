import { Document, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { REPO_CONFIG_FILE } from './catalog/repoConfig';
import { MAX_NESTING, yamlTooDeepAt } from './nesting';
import { LineIndex } from './positions';

/** An exception as the editor collects it; written in the order of the catalog spec's example. */
export interface NewException {
  component: string;
  versions?: string;
  paths?: string[];
  /** YYYY-MM-DD */
  until: string;
  reason: string;
  by?: string;
}

// The same reading of YAML as parseRepoConfig, so what is written here reads back the same there.
const YAML_OPTIONS = { version: '1.2', schema: 'core', merge: false, prettyErrors: false } as const;

/**
 * The new text of `.platform-guide.yaml` with `e` added to its `exceptions` list (a new file when
 * `text` is undefined or blank).
 *
 * The item is spliced into the text rather than re-printing the whole document: the Document API
 * finds where the list ends and prints the new item (quoting only what YAML needs), and every
 * other byte of the user's file (comments, blank lines, quoting, key order) stays as it was.
 * Throws an Error whose message asks to fix the file first when it is not valid YAML.
 */
export function addException(text: string | undefined, e: NewException): string {
  if (text === undefined || text.trim() === '') return `schema: platform-guide/v1\nexceptions:\n${renderItem(e, 2, '\n')}`;
  const eol = /\r?\n/.exec(text)?.[0] ?? '\n';
  const deep = yamlTooDeepAt(text);
  if (deep !== undefined) {
    const { line, character } = new LineIndex(text).positionAt(deep);
    throw new Error(`${REPO_CONFIG_FILE} nests more than ${MAX_NESTING} levels deep (line ${line + 1}, column ${character + 1}); fix it first, then add the exception again`);
  }
  const doc = parseDocument(text, YAML_OPTIONS);
  const error = doc.errors[0];
  if (error) {
    const { line, character } = new LineIndex(text).positionAt(error.pos[0]);
    const why = error.message.split('\n')[0]!;
    throw new Error(`${REPO_CONFIG_FILE} is not valid YAML (line ${line + 1}, column ${character + 1}: ${why}); fix it first, then add the exception again`);
  }
  const root = doc.contents;
  // Only comments (and maybe `---`): the file gets its content after them. An explicit `~` is no map.
  if (root === null || (isScalar(root) && root.value === null && root.range?.[0] === root.range?.[1])) {
    return withFinalNewline(appendLines(text, text.length, `schema: platform-guide/v1${eol}exceptions:${eol}${renderItem(e, 2, eol)}`, eol), eol);
  }
  if (!isMap(root)) throw new Error(`${REPO_CONFIG_FILE} must be a mapping of keys (schema, exceptions, …); fix it first, then add the exception again`);
  if (root.flow) return reprint(doc, root, e, eol);
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'exceptions');
  if (!pair) {
    const indent = columnOf(text, root.range![0]);
    const added = `${' '.repeat(indent)}exceptions:${eol}${renderItem(e, indent + 2, eol)}`;
    return withFinalNewline(appendLines(text, root.range![1], added, eol), eol);
  }
  const value = pair.value as YamlNode | null;
  if (isSeq(value) && !value.flow) {
    const last = value.items[value.items.length - 1] as YamlNode | undefined;
    const end = last?.range?.[1] ?? value.range![1];
    return withFinalNewline(appendLines(text, end, renderItem(e, columnOf(text, value.range![0]), eol), eol), eol);
  }
  const keyStart = (pair.key as YamlNode).range![0];
  if (value === null || (isScalar(value) && value.value === null) || (isSeq(value) && value.items.length === 0)) {
    // `exceptions:`, `exceptions: ~` or `exceptions: []`: the empty value gives way to a block list.
    const [from, to] = value?.range ?? [keyStart, keyStart];
    const colon = text.lastIndexOf(':', from);
    const start = colon >= keyStart ? colon + 1 : from;
    const cleared = text.slice(0, start) + text.slice(to).replace(/^[ \t]+(?=\r?\n|$)/, '');
    return withFinalNewline(appendLines(cleared, start, renderItem(e, columnOf(text, keyStart) + 2, eol), eol), eol);
  }
  if (isSeq(value)) return reprint(doc, root, e, eol);
  throw new Error(`\`exceptions\` in ${REPO_CONFIG_FILE} must be a list; fix it first, then add the exception again`);
}

/**
 * A flow-style root (`{schema: …}`) or a non-empty flow list cannot take a block item without
 * rewriting it, so the document is printed again: still valid, comments kept, layout may change.
 */
function reprint(doc: Document.Parsed, root: YAMLMap, e: NewException, eol: string): string {
  const list = root.get('exceptions', true);
  if (isSeq(list)) list.add(exceptionNode(doc, e));
  else root.set('exceptions', doc.createNode([exceptionNode(doc, e)]));
  return withFinalNewline(doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\r?\n/g, eol), eol);
}

/** Inserts `lines` (each already ending with `eol`) on the line after the one holding `offset`. */
function appendLines(text: string, offset: number, lines: string, eol: string): string {
  let at = offset;
  if (at === 0 || text[at - 1] !== '\n') {
    const next = text.indexOf('\n', at);
    at = next < 0 ? text.length : next + 1;
  }
  const before = text.slice(0, at);
  const join = before === '' || before.endsWith('\n') ? '' : eol;
  return before + join + lines + text.slice(at);
}

function withFinalNewline(text: string, eol: string): string {
  return text.endsWith('\n') ? text : text + eol;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** A block list item at `indent`, each line ending with `eol`. */
function renderItem(e: NewException, indent: number, eol: string): string {
  const doc = new Document([], YAML_OPTIONS);
  doc.add(exceptionNode(doc, e));
  // lineWidth 0: a long reason stays on one line instead of being folded.
  const printed = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const pad = ' '.repeat(indent);
  return printed
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line) + eol)
    .join('');
}

function exceptionNode(doc: Document, e: NewException): YamlNode {
  const fields: Record<string, unknown> = { component: e.component };
  if (e.versions !== undefined) fields['versions'] = e.versions;
  if (e.paths !== undefined && e.paths.length > 0) fields['paths'] = [...e.paths];
  fields['until'] = e.until;
  fields['reason'] = e.reason;
  if (e.by !== undefined) fields['by'] = e.by;
  const node = doc.createNode(fields);
  // Globs on one line, as the spec's example writes them: `paths: ["packages/legacy/**"]`.
  const paths = isMap(node) ? node.get('paths', true) : undefined;
  if (isSeq(paths)) paths.flow = true;
  return node;
}
