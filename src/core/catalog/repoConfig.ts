import * as path from 'node:path';
import configSchemaJson from '../../../schemas/platform-guide-config-v1.schema.json';
import { ZERO_RANGE } from '../positions';
import { readRepoFile } from '../safeRead';
import type { SourceProblem } from '../types';
import { asMap, defined, items, pairOf, sourceRef, str } from './astRead';
import type { RepoConfig, RepoException } from './model';
import { MAX_CATALOG_BYTES, parseWithSchema } from './parse';
import type { JsonSchema } from './schemaCheck';
import { checkGlobs } from './globChecks';
import { checkDate, checkRange } from './valueChecks';
import type { Reporter } from './reporter';
import type { AstMap, AstNode } from './yamlAst';

export const REPO_CONFIG_FILE = '.platform-guide.yaml';

const CONFIG_SCHEMA = configSchemaJson as unknown as JsonSchema;

/**
 * Parses a repository's `.platform-guide.yaml`. Whether exception components exist is not checked
 * here: that needs the catalog, and the evaluator has it.
 */
export function parseRepoConfig(file: string, text: string): { config?: RepoConfig; problems: SourceProblem[] } {
  const { document, problems } = parseWithSchema(file, text, MAX_CATALOG_BYTES, CONFIG_SCHEMA, 'repository file', buildConfig);
  return document === undefined ? { problems } : { config: document, problems };
}

/**
 * Reads `<dir>/.platform-guide.yaml` through the safe reader (a regular file inside the repository,
 * within the catalog cap); a repository without one has no config and no problems.
 */
export async function readRepoConfig(dir: string): Promise<{ config?: RepoConfig; problems: SourceProblem[] }> {
  const file = path.join(dir, REPO_CONFIG_FILE);
  const read = readRepoFile(dir, REPO_CONFIG_FILE, MAX_CATALOG_BYTES);
  if (!read.ok) {
    if (read.missing) return { problems: [] };
    return { problems: [{ file, range: ZERO_RANGE, message: `cannot read ${file}: ${read.reason}`, severity: 'error' }] };
  }
  return parseRepoConfig(file, new TextDecoder().decode(read.bytes));
}

const REPO_PATH = configSchemaJson.definitions.repoPath;
const REPO_PATH_RE = new RegExp(REPO_PATH.pattern);

/**
 * Why a `catalogs:` entry is not a path inside the repository, or undefined: the schema's own rule,
 * checked again where an entry becomes something to load, so that no spelling of a URL
 * (`http:/host/x`, `HTTPS://…`, `file:…`, `//host/x`) is ever fetched because of a repository.
 */
export function repoCatalogPathProblem(entry: string): string | undefined {
  return entry !== '' && REPO_PATH_RE.test(entry) ? undefined : REPO_PATH.patternErrorMessage;
}

function buildConfig(rep: Reporter, root: AstMap): RepoConfig {
  checkGlobs(rep, pairOf(root, 'exclude'));
  const team = str(pairOf(root, 'team')?.value)?.trim();
  return {
    file: rep.file,
    catalogs: validStrings(rep, pairOf(root, 'catalogs')?.value),
    exclude: validStrings(rep, pairOf(root, 'exclude')?.value),
    exceptions: items(pairOf(root, 'exceptions')?.value).flatMap((n) => buildException(rep, n) ?? []),
    ...(team ? { team } : {}),
  };
}

/** The strings of a list that passed their checks (a `../x` catalog path must never be read). */
function validStrings(rep: Reporter, node: AstNode | undefined): string[] {
  return items(node).flatMap((n) => {
    const s = str(n);
    return s === undefined || rep.hasErrorWithin(n.span) ? [] : [s];
  });
}

function buildException(rep: Reporter, node: AstNode): RepoException | undefined {
  const map = asMap(node);
  const versionsPair = pairOf(map, 'versions');
  const versions = checkRange(rep, versionsPair);
  const until = checkDate(rep, pairOf(map, 'until'));
  const component = str(pairOf(map, 'component')?.value);
  const reason = str(pairOf(map, 'reason')?.value)?.trim();
  checkGlobs(rep, pairOf(map, 'paths'));
  const pathsNode = pairOf(map, 'paths')?.value;
  // A broken range or path list must not widen the waiver to everything.
  if (!map || component === undefined || until === undefined || !reason || (versionsPair && versions === undefined)) return undefined;
  if (pathsNode && rep.hasErrorWithin(pathsNode.span)) return undefined;
  return defined({
    component,
    versions,
    paths: validStrings(rep, pathsNode),
    until,
    reason,
    by: str(pairOf(map, 'by')?.value),
    source: sourceRef(rep, map),
  });
}
