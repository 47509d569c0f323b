import { ECOSYSTEMS, type Ecosystem } from '../types';
import { asMap, defined, items, pairOf, sourceRef, str, strings, toPlain } from './astRead';
import type { Component, Deprecation, Lifecycle, Migration, MigrationStep, PackagePattern } from './model';
import { checkGlobs } from './globChecks';
import { checkDate, checkHttps, checkRange, checkRegex, checkVersion } from './valueChecks';
import type { Reporter } from './reporter';
import type { AstNode } from './yamlAst';

const LIFECYCLES: readonly string[] = ['production', 'experimental', 'deprecated'];
const DEPRECATION_SEVERITIES: readonly string[] = ['info', 'warning', 'error'];

/**
 * Builds a component from a schema-checked node. Entries keep going with what is usable (a
 * component without `name` still exists, so references to it do not cascade into more errors);
 * values that failed a check are left out, so the engine never meets an invalid range or date.
 */
export function buildComponent(rep: Reporter, node: AstNode): Component | undefined {
  const map = asMap(node);
  const id = str(pairOf(map, 'id')?.value);
  if (!map || id === undefined) return undefined;
  const lifecycleText = str(pairOf(map, 'lifecycle')?.value);
  const lifecycle = (lifecycleText !== undefined && LIFECYCLES.includes(lifecycleText) ? lifecycleText : 'production') as Lifecycle;
  if (lifecycle !== 'deprecated') {
    const hints: Record<string, string> = {
      sunset: 'add `lifecycle: deprecated`, or put the date on a deprecation of the affected versions',
      replacedBy: 'add `lifecycle: deprecated`, or remove it',
    };
    for (const [key, hint] of Object.entries(hints)) {
      const p = pairOf(map, key);
      if (p) rep.error(p.keySpan, `\`${key}\` only applies to a component with \`lifecycle: deprecated\`; ${hint}`);
    }
  }
  return defined({
    id,
    name: str(pairOf(map, 'name')?.value) ?? id,
    owner: str(pairOf(map, 'owner')?.value) ?? '',
    description: str(pairOf(map, 'description')?.value),
    docs: checkHttps(rep, pairOf(map, 'docs')),
    lifecycle,
    sunset: checkDate(rep, pairOf(map, 'sunset')),
    replacedBy: str(pairOf(map, 'replacedBy')?.value),
    packages: items(pairOf(map, 'packages')?.value).flatMap((n) => buildPackage(rep, n) ?? []),
    recommended: checkVersion(rep, pairOf(map, 'recommended')),
    deprecations: items(pairOf(map, 'deprecations')?.value).flatMap((n) => buildDeprecation(rep, n) ?? []),
    migrations: items(pairOf(map, 'migrations')?.value).flatMap((n) => buildMigration(rep, n) ?? []),
    source: sourceRef(rep, map),
  });
}

function buildPackage(rep: Reporter, node: AstNode): PackagePattern | undefined {
  const keys = asMap(node)?.pairs.filter((p) => (ECOSYSTEMS as readonly string[]).includes(p.key)) ?? [];
  const pattern = str(keys[0]?.value);
  if (keys.length !== 1 || pattern === undefined || rep.hasErrorWithin(node.span)) return undefined;
  return { ecosystem: keys[0]!.key as Ecosystem, pattern, source: sourceRef(rep, node) };
}

function buildDeprecation(rep: Reporter, node: AstNode): Deprecation | undefined {
  const map = asMap(node);
  const versions = checkRange(rep, pairOf(map, 'versions'));
  const sunset = checkDate(rep, pairOf(map, 'sunset'));
  if (!map || versions === undefined) return undefined;
  const severity = str(pairOf(map, 'severity')?.value);
  return defined({
    versions,
    message: str(pairOf(map, 'message')?.value) ?? '',
    sunset,
    severity: severity !== undefined && DEPRECATION_SEVERITIES.includes(severity) ? (severity as Deprecation['severity']) : undefined,
    migration: str(pairOf(map, 'migration')?.value),
    source: sourceRef(rep, map),
  });
}

function buildMigration(rep: Reporter, node: AstNode): Migration | undefined {
  const map = asMap(node);
  const id = str(pairOf(map, 'id')?.value);
  const from = checkRange(rep, pairOf(map, 'from'));
  const to = checkVersion(rep, pairOf(map, 'to'));
  const guide = checkHttps(rep, pairOf(map, 'guide'));
  const steps = items(pairOf(map, 'steps')?.value).flatMap((n) => buildStep(rep, n) ?? []);
  if (!map || id === undefined || from === undefined || to === undefined) return undefined;
  return defined({ id, title: str(pairOf(map, 'title')?.value) ?? id, from, to, guide, steps, source: sourceRef(rep, map) });
}

function buildStep(rep: Reporter, node: AstNode): MigrationStep | undefined {
  const rename = asMap(pairOf(node, 'rename')?.value);
  const replace = asMap(pairOf(node, 'replace')?.value);
  const json = asMap(pairOf(node, 'json')?.value);
  const regex = checkRegex(rep, pairOf(replace, 'regex'));
  checkGlobs(rep, pairOf(replace ?? json, 'files'));
  if (rep.hasErrorWithin(node.span)) return undefined;
  const source = sourceRef(rep, node);
  if (rename) {
    const from = str(pairOf(rename, 'from')?.value);
    const to = str(pairOf(rename, 'to')?.value);
    return from !== undefined && to !== undefined ? { kind: 'rename', from, to, source } : undefined;
  }
  if (replace) {
    const find = str(pairOf(replace, 'find')?.value);
    const files = strings(pairOf(replace, 'files')?.value);
    return defined({ kind: 'replace' as const, files, find, regex, with: str(pairOf(replace, 'with')?.value) ?? '', source });
  }
  if (json) {
    const setNode = pairOf(json, 'set')?.value;
    const set = setNode?.kind === 'map' ? (toPlain(setNode) as Record<string, unknown>) : (Object.create(null) as Record<string, unknown>);
    return { kind: 'json', files: strings(pairOf(json, 'files')?.value), set, remove: strings(pairOf(json, 'remove')?.value), source };
  }
  return undefined;
}
