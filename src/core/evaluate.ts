import type { Catalog, Component, Deprecation, RepoException } from './catalog/model';
import { daysBetween } from './dates';
import { versioningOf } from './ecosystems';
import { anyGlob } from './globs';
import type { DeclaredDependency, Severity } from './types';
import { severityRank } from './types';
import type { Versioning } from './versioning/types';
import { isInside, normalisePinned, type NormalisedVersion } from './versions';

export interface ExceptionState {
  readonly until: string;
  readonly reason: string;
  readonly expired: boolean;
  readonly by?: string;
}

/** What the catalog says about one dependency; the caller adds where it is written. */
export interface Verdict {
  readonly component: Component;
  readonly severity: Severity;
  readonly message: string;
  /**
   * The deprecation's own reason, as the catalog words it (its `message`, or why a deprecated
   * lifecycle flags every use), without the sunset, way out and exception the `message` adds: what
   * an editor's hover shows beside those facts, each once.
   */
  readonly reason: string;
  /** The sunset that set the severity, if any. */
  readonly sunset: string | null;
  readonly recommended: string | null;
  readonly migration: string | null;
  readonly exception: ExceptionState | null;
  /** The deprecation that won, or undefined when the component's lifecycle flagged it. */
  readonly deprecation?: Deprecation;
}

export interface EvaluationContext {
  readonly catalog: Catalog;
  /** YYYY-MM-DD: the date sunsets are measured against. */
  readonly today: string;
  readonly exceptions: readonly RepoException[];
  /** Name of the file the exceptions come from, for messages. */
  readonly exceptionsFile?: string;
}

/** One reason a dependency is flagged, before the most severe one is chosen. */
interface Match {
  readonly severity: Severity;
  readonly sunset: string | null;
  readonly why: string;
  readonly deprecation?: Deprecation;
}

/**
 * The spec's rules, in order: the pinned version when a lockfile pins one, otherwise the whole
 * range (subset test); a deprecated lifecycle flags every use; the most severe match wins; an
 * active exception turns it into a hint. Returns undefined when nothing applies.
 */
export function evaluate(
  dep: DeclaredDependency,
  component: Component,
  pinned: string | undefined,
  manifestPath: string,
  ctx: EvaluationContext,
  versioning: Versioning = versioningOf(dep.ecosystem),
): Verdict | undefined {
  const version = versionOf(dep, pinned, versioning);
  const warnDays = ctx.catalog.policy.sunsetWarningDays;
  const matches: Match[] = [];
  if (component.lifecycle === 'deprecated') {
    matches.push({
      ...bySunset(component.sunset, undefined, ctx.today, warnDays),
      why: lifecycleReason(component, ctx.catalog),
    });
  }
  for (const d of component.deprecations) {
    if (isInside(version, d.versions)) {
      matches.push({ ...bySunset(d.sunset, d.severity, ctx.today, warnDays), why: d.message, deprecation: d });
    }
  }
  if (matches.length === 0) return undefined;
  // Most severe first; among equals, the one whose sunset comes first, then catalog order.
  const winner = matches.reduce((best, m) =>
    severityRank(m.severity) < severityRank(best.severity) ||
    (m.severity === best.severity && m.sunset !== null && (best.sunset === null || m.sunset < best.sunset))
      ? m
      : best,
  );

  const exception = findException(component, version, manifestPath, ctx);
  const active = exception !== undefined && !exception.expired;
  const recommended = component.recommended ?? null;
  const migration = winner.deprecation?.migration ?? null;
  const parts = [
    `${describeUse(dep, pinned)} is deprecated: ${sentence(winner.why)}`,
    sunsetPhrase(winner.sunset, ctx.today),
    wayOut(component, ctx.catalog, recommended, migration),
    exception ? exceptionPhrase(exception, ctx.exceptionsFile ?? '.platform-guide.yaml') : '',
  ];
  return {
    component,
    severity: active ? 'hint' : winner.severity,
    message: parts.filter((p) => p !== '').join(' '),
    reason: sentence(winner.why),
    sunset: winner.sunset,
    recommended,
    migration,
    exception: exception ?? null,
    ...(winner.deprecation ? { deprecation: winner.deprecation } : {}),
  };
}

/**
 * The version compared: a lockfile's pin, else the version the text itself states (`resolved`, an
 * action SHA's `# v4.1.1`), else the version text, each read with the ecosystem's own syntax.
 */
export function versionOf(
  dep: Pick<DeclaredDependency, 'ecosystem' | 'constraint' | 'resolved'>,
  pinned: string | undefined,
  versioning: Versioning = versioningOf(dep.ecosystem),
): NormalisedVersion {
  const stated = pinned ?? dep.resolved;
  if (stated !== undefined) {
    const exact = normalisePinned(stated);
    if (exact !== null) return { kind: 'exact', version: exact };
    // A comment may name a version by its precision (`# v4`): read it as the syntax reads a range.
    // A pin semver cannot read (PEP 440's `0.16`, `2.0rc1`, `1.0.post1`) is read by its own syntax.
    const read = versioning.normalise(stated);
    if (read.kind === 'exact' || (pinned === undefined && read.kind !== 'unknown')) return read;
  }
  return normaliseOnce(versioning, dep.constraint);
}

/**
 * A version text read by its syntax, once: a monorepo writes the same few ranges for many
 * components, and each reading parses the range. Bounded, for an editor session's typing.
 */
const readings = new WeakMap<Versioning, Map<string, NormalisedVersion>>();
function normaliseOnce(versioning: Versioning, text: string | null): NormalisedVersion {
  if (text === null) return versioning.normalise(text);
  let byText = readings.get(versioning);
  if (!byText) readings.set(versioning, (byText = new Map()));
  let read = byText.get(text);
  if (read === undefined) {
    read = versioning.normalise(text);
    if (byText.size >= 10_000) byText.clear();
    byText.set(text, read);
  }
  return read;
}

/** Severity of the spec: a fixed severity always; else by sunset date; else warning. */
export function bySunset(
  sunset: string | undefined,
  fixed: Exclude<Severity, 'hint'> | undefined,
  today: string,
  warnDays: number,
): { severity: Severity; sunset: string | null } {
  const s = sunset ?? null;
  if (fixed) return { severity: fixed, sunset: s };
  if (s === null) return { severity: 'warning', sunset: null };
  const days = daysBetween(today, s);
  return { severity: days <= 0 ? 'error' : days <= warnDays ? 'warning' : 'info', sunset: s };
}

export function sunsetPhrase(sunset: string | null, today: string): string {
  if (sunset === null) return '';
  const days = daysBetween(today, sunset);
  if (days > 0) return `Sunset in ${days} day${days === 1 ? '' : 's'}, on ${sunset}.`;
  if (days === 0) return `Sunset is today, ${sunset}.`;
  return `Past its sunset on ${sunset}.`;
}

function describeUse(dep: DeclaredDependency, pinned: string | undefined): string {
  const written = dep.constraint ?? '';
  if (pinned === undefined && dep.resolved !== undefined && dep.resolved !== written) {
    // The text's own statement of its version (a SHA's comment), not a lockfile: no "locked".
    return written === '' ? `${dep.name} ${dep.resolved}` : `${dep.name} ${written} (${dep.resolved})`;
  }
  if (pinned !== undefined && pinned !== written) {
    return written === '' ? `${dep.name} ${pinned} (locked)` : `${dep.name} ${written} (locked at ${pinned})`;
  }
  return written === '' ? dep.name : `${dep.name} ${written}`;
}

function lifecycleReason(component: Component, catalog: Catalog): string {
  const replacement = component.replacedBy ? catalog.components.find((c) => c.id === component.replacedBy) : undefined;
  return replacement
    ? `${component.name} is deprecated and replaced by ${replacement.name} (${replacement.id})`
    : `${component.name} is deprecated`;
}

function wayOut(component: Component, catalog: Catalog, recommended: string | null, migrationId: string | null): string {
  const migration = migrationId ? component.migrations.find((m) => m.id === migrationId) : undefined;
  if (recommended && component.lifecycle !== 'deprecated') {
    return migration ? `Upgrade to ${recommended} with the migration "${migration.title}".` : `Upgrade to ${recommended}.`;
  }
  if (component.replacedBy) {
    const r = catalog.components.find((c) => c.id === component.replacedBy);
    if (r) return `Move to ${r.name}.`;
  }
  return migration ? `Migration: "${migration.title}".` : '';
}

function exceptionPhrase(e: ExceptionState, file: string): string {
  const who = e.by ? `${e.by} in ${file}` : file;
  return e.expired
    ? `The exception in ${file} expired on ${e.until} (${sentence(e.reason, '')}).`
    : `Excepted by ${who} until ${e.until}: ${sentence(e.reason)}`;
}

/** Catalog text ends with one full stop, whatever the author wrote. */
function sentence(text: string, stop = '.'): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? (stop === '' ? t.slice(0, -1) : t) : t + stop;
}

const globCache = new Map<string, (path: string) => boolean>();
function globMatch(glob: string, path: string): boolean {
  let m = globCache.get(glob);
  if (!m) {
    m = anyGlob([glob], { dot: true });
    globCache.set(glob, m);
  }
  return m(path);
}

/** An active exception wins over an expired one; among expired ones, the latest. */
function findException(
  component: Component,
  version: NormalisedVersion,
  manifestPath: string,
  ctx: EvaluationContext,
): ExceptionState | undefined {
  let found: ExceptionState | undefined;
  for (const e of ctx.exceptions) {
    if (e.component !== component.id) continue;
    if (e.versions !== undefined && !isInside(version, e.versions)) continue;
    if (e.paths.length > 0 && !e.paths.some((g) => globMatch(g, manifestPath))) continue;
    const state: ExceptionState = {
      until: e.until,
      reason: e.reason,
      expired: daysBetween(ctx.today, e.until) < 0,
      ...(e.by ? { by: e.by } : {}),
    };
    if (!found || (found.expired && (!state.expired || state.until > found.until))) found = state;
  }
  return found;
}
