import catalogSchemaJson from '../../../schemas/catalog-v1.schema.json';
import type { SourceProblem } from '../types';
import { asMap, defined, items, pairOf, sourceRef, str, strings } from './astRead';
import { buildComponent } from './buildComponent';
import type { CatalogDocument, FeedbackChannel, Policy, Team } from './model';
import { checkSchema, type JsonSchema } from './schemaCheck';
import { checkHttps, checkWebhookUrl } from './valueChecks';
import { Reporter } from './reporter';
import { type AstMap, type AstNode, parseSourceTree } from './yamlAst';

export const MAX_CATALOG_BYTES = 5 * 1024 * 1024;
export const SCHEMA_ID = 'platform-guide/v1';

const CATALOG_SCHEMA = catalogSchemaJson as unknown as JsonSchema;

/** A catalog file parsed and checked: its document when usable, and every problem found. */
export type ParsedCatalog = { document?: CatalogDocument; problems: SourceProblem[] };

/**
 * Parses and checks one catalog file. Never throws. `document` is absent when the text is not a
 * usable YAML/JSON mapping with `schema: platform-guide/v1`; otherwise it holds every entry that
 * could be built, even when problems with severity `error` make the catalog invalid.
 */
export function parseCatalogText(
  file: string,
  text: string,
  options: { maxBytes?: number | undefined } = {},
): ParsedCatalog {
  return parseWithSchema(file, text, options.maxBytes ?? MAX_CATALOG_BYTES, CATALOG_SCHEMA, 'catalog', buildCatalog);
}

/** The shared front half of catalog and repository-file parsing. */
export function parseWithSchema<T>(
  file: string,
  text: string,
  maxBytes: number,
  schema: JsonSchema,
  what: string,
  build: (rep: Reporter, root: AstMap) => T,
): { document?: T; problems: SourceProblem[] } {
  const rep = new Reporter(file, typeof text === 'string' ? text : '');
  let document: T | undefined;
  try {
    const root = parseSourceTree(rep, rep.index.text, maxBytes);
    if (root === undefined) {
      if (!rep.hasErrors) rep.error({ start: 0, end: 0 }, `the ${what} is empty; start it with \`schema: ${SCHEMA_ID}\``);
    } else {
      checkSchema(rep, root, schema, `the ${what}`);
      if (root.kind === 'map' && str(pairOf(root, 'schema')?.value) === SCHEMA_ID) document = build(rep, root);
    }
  } catch (e) {
    // A bug here must not take down the editor or the CLI: report it where the user sees it.
    rep.error({ start: 0, end: 0 }, `internal error while reading this ${what}: ${e instanceof Error ? e.message : String(e)}`);
    document = undefined;
  }
  const problems = rep.sortedProblems();
  return document === undefined ? { problems } : { document, problems };
}

function buildCatalog(rep: Reporter, root: AstMap): CatalogDocument {
  const days = pairOf(pairOf(root, 'policy')?.value, 'sunsetWarningDays')?.value;
  const policy: Partial<Policy> =
    days?.kind === 'scalar' && typeof days.value === 'number' && Number.isInteger(days.value) && days.value >= 0 ? { sunsetWarningDays: days.value } : {};
  return {
    file: rep.file,
    policy,
    teams: items(pairOf(root, 'teams')?.value).flatMap((n) => buildTeam(rep, n) ?? []),
    components: items(pairOf(root, 'components')?.value).flatMap((n) => buildComponent(rep, n) ?? []),
  };
}

function buildTeam(rep: Reporter, node: AstNode): Team | undefined {
  const map = asMap(node);
  const id = str(pairOf(map, 'id')?.value);
  if (!map || id === undefined) return undefined;
  return defined({
    id,
    name: str(pairOf(map, 'name')?.value) ?? id,
    contact: str(pairOf(map, 'contact')?.value),
    docs: checkHttps(rep, pairOf(map, 'docs')),
    feedback: items(pairOf(map, 'feedback')?.value).flatMap((n) => buildChannel(rep, n) ?? []),
    source: sourceRef(rep, map),
  });
}

function buildChannel(rep: Reporter, node: AstNode): FeedbackChannel | undefined {
  const map = asMap(node);
  const webhook = checkWebhookUrl(rep, pairOf(map, 'webhook'));
  const slack = checkHttps(rep, pairOf(map, 'slack'));
  const apiUrl = checkHttps(rep, pairOf(map, 'apiUrl'));
  if (!map || rep.hasErrorWithin(map.span)) return undefined;
  const github = str(pairOf(map, 'github')?.value);
  const email = str(pairOf(map, 'email')?.value);
  if (webhook !== undefined) return { kind: 'webhook', url: webhook };
  if (slack !== undefined) return { kind: 'slack', url: slack };
  if (email !== undefined) return { kind: 'email', address: email };
  if (github !== undefined) return defined({ kind: 'github' as const, repo: github, labels: strings(pairOf(map, 'labels')?.value), apiUrl });
  return undefined;
}
