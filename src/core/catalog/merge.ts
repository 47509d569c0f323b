import semver from 'semver';
import { ZERO_RANGE, type Range } from '../positions';
import type { SourceProblem } from '../types';
import { claimConflicts } from './claims';
import { DEFAULT_SUNSET_WARNING_DAYS, type Catalog, type CatalogDocument, type Component, type SourceRef, type Team } from './model';
import { didYouMean } from './suggest';

/** `file:line:column`, 1-based, as the CLI prints places. */
export function formatPlace(ref: SourceRef, field?: string): string {
  const r = (field !== undefined ? ref.fields?.[field] : undefined) ?? ref.range;
  return `${ref.file}:${r.start.line + 1}:${r.start.character + 1}`;
}

function at(ref: SourceRef, field: string): Range {
  return ref.fields?.[field] ?? ref.range ?? ZERO_RANGE;
}

/**
 * Merges catalog documents in order (the first definition of an id wins, and the first claim on a
 * package) and checks the references between entries, which only make sense once every document is in.
 */
export function mergeCatalogs(docs: readonly CatalogDocument[]): { catalog: Catalog; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const report = (ref: SourceRef, field: string, message: string, severity: SourceProblem['severity'] = 'error'): void => {
    problems.push({ file: ref.file, range: at(ref, field), message, severity });
  };
  const teams = new Map<string, Team>();
  const byId = new Map<string, Component>();
  let sunsetWarningDays: number | undefined;
  for (const doc of docs) {
    sunsetWarningDays ??= doc.policy.sunsetWarningDays;
    for (const team of doc.teams) {
      const first = teams.get(team.id);
      if (first) report(team.source, 'id', `team \`${team.id}\` is defined twice; the first definition, at ${formatPlace(first.source, 'id')}, is used: remove or rename this one`);
      else teams.set(team.id, team);
    }
    for (const c of doc.components) {
      const first = byId.get(c.id);
      if (first) report(c.source, 'id', `component \`${c.id}\` is defined twice; the first definition, at ${formatPlace(first.source, 'id')}, is used: remove or rename this one`);
      else byId.set(c.id, c);
    }
  }
  for (const c of byId.values()) checkComponent(c, teams, byId, report);
  problems.push(...claimConflicts([...byId.values()]));
  return {
    catalog: {
      files: docs.map((d) => d.file),
      policy: { sunsetWarningDays: sunsetWarningDays ?? DEFAULT_SUNSET_WARNING_DAYS },
      teams,
      components: [...byId.values()],
    },
    problems,
  };
}

type Report = (ref: SourceRef, field: string, message: string, severity?: SourceProblem['severity']) => void;

function checkComponent(c: Component, teams: ReadonlyMap<string, Team>, components: ReadonlyMap<string, Component>, report: Report): void {
  // An empty owner was already reported as missing when the file was parsed.
  if (c.owner !== '' && !teams.has(c.owner)) {
    report(c.source, 'owner', `owner \`${c.owner}\` is not a team in the catalog${didYouMean(c.owner, teams.keys())}; add the team under \`teams\` or fix the id`);
  }
  if (c.replacedBy === c.id) report(c.source, 'replacedBy', `\`replacedBy\` names the component itself; name the component that replaces it`);
  else if (c.replacedBy !== undefined && !components.has(c.replacedBy)) {
    report(c.source, 'replacedBy', `replacedBy \`${c.replacedBy}\` is not a component in the catalog${didYouMean(c.replacedBy, components.keys())}; add it or fix the id`);
  }

  const migrations = new Map<string, SourceRef>();
  for (const m of c.migrations) {
    const first = migrations.get(m.id);
    if (first) report(m.source, 'id', `migration \`${m.id}\` is defined twice in component \`${c.id}\` (first at ${formatPlace(first, 'id')}); give each migration its own id`);
    else migrations.set(m.id, m.source);
  }
  for (const d of c.deprecations) {
    if (d.migration !== undefined && !migrations.has(d.migration)) {
      const known = migrations.size > 0 ? `${didYouMean(d.migration, migrations.keys())}` : '; the component has no `migrations`';
      report(d.source, 'migration', `migration \`${d.migration}\` is not a migration of component \`${c.id}\`${known}`);
    }
  }

  c.deprecations.forEach((d, i) => {
    for (const earlier of c.deprecations.slice(0, i)) {
      if (safeIntersects(earlier.versions, d.versions)) {
        report(d.source, 'versions',
          `this deprecation (\`${d.versions}\`) overlaps the one at ${formatPlace(earlier.source, 'versions')} (\`${earlier.versions}\`); ` +
            'versions in both get the most severe finding. Narrow the ranges if that is not intended', 'warning');
      }
    }
  });

  const deprecatedBy = (version: string): string | undefined => {
    const d = c.deprecations.find((dep) => semver.satisfies(version, dep.versions, { includePrerelease: true }));
    return d && `\`${version}\` is itself deprecated by \`${d.versions}\` (${formatPlace(d.source, 'versions')})`;
  };
  const deprecatedComponent = c.lifecycle === 'deprecated' ? `component \`${c.id}\` is \`lifecycle: deprecated\`` : undefined;
  if (c.recommended !== undefined) {
    const why = deprecatedComponent ?? deprecatedBy(c.recommended);
    if (why) report(c.source, 'recommended', `\`recommended\`: ${why}; a bump would move people onto a deprecated version`);
  }
  for (const m of c.migrations) {
    // A migration that renames packages moves people off this component, which is how a deprecated one is left.
    const leaves = m.steps.some((s) => s.kind === 'rename');
    const why = (leaves ? undefined : deprecatedComponent) ?? deprecatedBy(m.to);
    if (why) report(m.source, 'to', `migration \`${m.id}\` \`to\`: ${why}; the migration would move people onto a deprecated version`);
  }
}

function safeIntersects(a: string, b: string): boolean {
  try {
    return semver.intersects(a, b, { includePrerelease: true });
  } catch {
    return false;
  }
}
