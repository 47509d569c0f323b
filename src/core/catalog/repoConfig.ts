import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import configSchemaJson from '../../../schemas/platform-guide-config-v1.schema.json';
import { ZERO_RANGE } from '../positions';
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

/** Reads `<dir>/.platform-guide.yaml`; a repository without one has no config and no problems. */
export async function readRepoConfig(dir: string): Promise<{ config?: RepoConfig; problems: SourceProblem[] }> {
  const file = path.join(dir, REPO_CONFIG_FILE);
  let text: string;
  try {
    text = new TextDecoder().decode(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problems: [] };
    const why = code === 'EISDIR' ? 'it is a directory' : e instanceof Error ? e.message : String(e);
    return { problems: [{ file, range: ZERO_RANGE, message: `cannot read ${file}: ${why}`, severity: 'error' }] };
  }
  return parseRepoConfig(file, text);
}

function buildConfig(rep: Reporter, root: AstMap): RepoConfig {
  checkGlobs(rep, pairOf(root, 'exclude'));
  return {
    file: rep.file,
    catalogs: validStrings(rep, pairOf(root, 'catalogs')?.value),
    exclude: validStrings(rep, pairOf(root, 'exclude')?.value),
    exceptions: items(pairOf(root, 'exceptions')?.value).flatMap((n) => buildException(rep, n) ?? []),
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
