import * as semver from 'semver';
import { Document, type YAMLMap } from 'yaml';
import { normaliseName } from '../componentIndex';
import { versioningOf } from '../ecosystems';
import type { Range } from '../positions';
import { ECOSYSTEMS, type Ecosystem } from '../types';
import { DEFAULT_SUNSET_WARNING_DAYS, type Catalog, type Component } from './model';

/**
 * `catalog init`: a starter catalog from what a folder uses. Pure: the scan's uses in, YAML text
 * out. The scan itself is the core's (scan.ts), run with `claimingCatalog`, which claims every
 * package the patterns match, so each ecosystem's parsers, lockfiles and name rules apply as in
 * `check`.
 */

/** One use as the scan reports it (scan.ts PlatformUse): only what a starter catalog needs. */
export interface InitUse {
  readonly file: string;
  readonly ecosystem: Ecosystem;
  readonly package: string;
  /** The version text as written, or null. */
  readonly constraint: string | null;
  /** A lockfile's pin (or the version the text states), or null. */
  readonly resolved: string | null;
}

/** One internal package of one ecosystem, with every use of it: one component of the starter. */
export interface Family {
  readonly id: string;
  readonly ecosystem: Ecosystem;
  /** As first written in the folder. */
  readonly name: string;
  /** Version texts as written (`(no version)` when none), most used first. */
  readonly versions: ReadonlyArray<{ readonly text: string; readonly count: number }>;
  /** Manifests that use it, in scan order, each once. */
  readonly files: readonly string[];
  /** The exact version (pinned or written) most uses are on, or undefined when none names one. */
  readonly recommended: string | undefined;
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const SCAN_TEAM = 'catalog-init';
/** The files a comment names before it stops with `…`: enough to find them, short enough to read. */
const FILES_SHOWN = 3;

/**
 * An in-memory catalog with one component per pattern per ecosystem, so the scan reports every use
 * whose name a pattern matches (by each ecosystem's own name comparison) and nothing else.
 */
export function claimingCatalog(patterns: readonly string[], ecosystems: readonly Ecosystem[]): Catalog {
  const source = { file: '', range: NOWHERE };
  const components: Component[] = [];
  patterns.forEach((pattern, i) => {
    for (const ecosystem of ecosystems) {
      components.push({
        id: `match-${i}-${ecosystem}`,
        name: pattern,
        owner: SCAN_TEAM,
        lifecycle: 'production',
        packages: [{ ecosystem, pattern, source }],
        deprecations: [],
        migrations: [],
        source,
      });
    }
  });
  return {
    files: [],
    policy: { sunsetWarningDays: DEFAULT_SUNSET_WARNING_DAYS },
    teams: new Map([[SCAN_TEAM, { id: SCAN_TEAM, name: SCAN_TEAM, feedback: [], source }]]),
    components,
  };
}

/** A catalog id (`[a-z0-9][a-z0-9-]*`) from a free text: `@acme/ui` → `acme-ui`; '' when nothing is left. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Groups uses into families: one per ecosystem and package (names compared the ecosystem's way),
 * ordered by ecosystem (the catalog's order of ecosystems), then by name. Ids are unique: a
 * clash (`@acme/ui` on npm and `acme/ui` as an action) takes the ecosystem, then a number.
 */
export function familiesOf(uses: readonly InitUse[]): Family[] {
  const groups = new Map<string, { ecosystem: Ecosystem; name: string; uses: InitUse[] }>();
  for (const use of uses) {
    const key = `${use.ecosystem}\0${normaliseName(use.ecosystem, use.package)}`;
    const group = groups.get(key) ?? { ecosystem: use.ecosystem, name: use.package, uses: [] };
    group.uses.push(use);
    groups.set(key, group);
  }
  const rank = (e: Ecosystem) => ECOSYSTEMS.indexOf(e);
  const sorted = [...groups.values()].sort(
    (a, b) => rank(a.ecosystem) - rank(b.ecosystem) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const taken = new Set<string>();
  return sorted.map((g) => {
    const id = uniqueId(slugOf(g.name) || 'component', g.ecosystem, taken);
    return {
      id,
      ecosystem: g.ecosystem,
      name: g.name,
      versions: versionCounts(g.uses),
      files: [...new Set(g.uses.map((u) => u.file))],
      recommended: mostUsedExact(g.ecosystem, g.uses),
    };
  });
}

function uniqueId(base: string, ecosystem: Ecosystem, taken: Set<string>): string {
  let id = taken.has(base) ? `${base}-${slugOf(ecosystem)}` : base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${slugOf(ecosystem)}-${n}`;
  taken.add(id);
  return id;
}

function versionCounts(uses: readonly InitUse[]): Family['versions'] {
  const counts = new Map<string, number>();
  for (const u of uses) {
    const text = u.constraint ?? '(no version)';
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/**
 * The exact version most uses are on: a lockfile's pin, else the text when it names one exact
 * version (`4.2.0`, a docker tag `20.11`, an action's `v4.1.1`) in the ecosystem's syntax. Ranges,
 * branches and digests name none. A tie goes to the newer version. Only versions the catalog
 * accepts as `recommended` (semver) count.
 */
function mostUsedExact(ecosystem: Ecosystem, uses: readonly InitUse[]): string | undefined {
  const versioning = versioningOf(ecosystem);
  const counts = new Map<string, number>();
  for (const u of uses) {
    const read = versioning.normalise(u.resolved ?? u.constraint);
    if (read.kind !== 'exact') continue;
    const version = semver.valid(read.version, { loose: true });
    if (version !== null) counts.set(version, (counts.get(version) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [version, count] of counts) {
    const bestCount = best === undefined ? -1 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && semver.gt(version, best!, { loose: true }))) best = version;
  }
  return best;
}

/** The comment above a component: `in use: 4.2.0 ×3, ^3.1.0 ×2 (apps/web/package.json, …)`. */
export function inUseComment(family: Family): string {
  const versions = family.versions.map((v) => `${v.text} ×${v.count}`).join(', ');
  const shown = family.files.slice(0, FILES_SHOWN);
  const more = family.files.length > FILES_SHOWN ? ', …' : '';
  return ` in use: ${versions} (${shown.join(', ')}${more})`;
}

export interface StarterOptions {
  /** The team as the user named it: its `name`, and (as a slug) its id and every component's owner. */
  readonly owner: string;
  /** The patterns, recalled in the header. */
  readonly patterns: readonly string[];
}

/**
 * The starter catalog's YAML, written with the `yaml` Document API so every name is quoted as YAML
 * needs (`@acme/ui` cannot start a plain scalar). Throws nothing; an owner with no letter or digit
 * gets the id `team` (the CLI refuses such an owner before it gets here).
 */
export function starterCatalog(uses: readonly InitUse[], options: StarterOptions): string {
  const families = familiesOf(uses);
  const teamId = slugOf(options.owner) || 'team';
  const doc = new Document({
    schema: 'platform-guide/v1',
    teams: [{ id: teamId, name: options.owner }],
    components: families.map((f) => ({
      id: f.id,
      name: f.name,
      owner: teamId,
      packages: [{ [f.ecosystem]: f.name }],
      ...(f.recommended !== undefined ? { recommended: f.recommended } : {}),
    })),
  });
  doc.commentBefore =
    ` A starter catalog written by \`platform-guide catalog init\` from the packages matching ${options.patterns.join(', ')}.\n` +
    ' Review the names, add descriptions, docs and deprecations, then check it with `platform-guide catalog validate`.';
  const components = doc.get('components', true) as { items: YAMLMap[] } | undefined;
  families.forEach((f, i) => {
    const item = components?.items[i];
    if (item) item.commentBefore = inUseComment(f);
  });
  return doc.toString({ lineWidth: 0 });
}
