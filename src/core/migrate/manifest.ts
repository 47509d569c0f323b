import * as semver from 'semver';
import { MAX_CONSTRAINT_LENGTH } from '../bump';
import type { Component } from '../catalog/model';
import { componentHasPackage } from '../componentIndex';
import { modulesFor } from '../ecosystems';
import { COMMIT_SHA } from '../ecosystems/action/workflow';
import type { EcosystemModule, ElsewhereDefinition, Splice } from '../ecosystems/types';
import type { DeclaredDependency } from '../types';
import { LineIndex } from '../positions';
import type { NormalisedVersion } from '../versions';

/**
 * The bump of a manifest of any ecosystem (the modules that read `file`): every use that belongs
 * to the component (by its package patterns, `*` included) moves to `to` in the style it was
 * written in, edited at the place its parser located, after checking that the text there is still
 * the version text it read. What cannot be bumped is left as written and explained: a use with no
 * version (`workspace:`, `file:`, git, an image without a tag), a text that names none (`latest`, a
 * branch), a ref pinned by commit SHA (said so: its pin and version comment are updated by hand), or
 * a version already past `to` (a migration never downgrades). A version written in another file (a
 * parent pom's property, gradle.properties: `elsewhere`, the project's lookup) is bumped there: those
 * edits come back as `elsewhere`, offsets into the text `elsewhere` read for their file.
 */
export function bumpManifest(
  text: string,
  file: string,
  component: Component,
  to: string,
  elsewhere?: (module: EcosystemModule, dep: DeclaredDependency) => ElsewhereDefinition | undefined,
): { text: string; notes: string[]; elsewhere: FileSplice[] } {
  const modules = modulesFor(file);
  if (modules.length === 0) return { text, notes: [`not bumped: no ecosystem reads ${file}`], elsewhere: [] };
  const notes: string[] = [];
  const splices: Splice[] = [];
  const outside: FileSplice[] = [];
  let index: LineIndex | undefined;
  for (const module of modules) {
    const parsed = module.parse(text, file);
    if (parsed.uses.length === 0 && parsed.problems.length > 0) {
      notes.push(`not bumped: the manifest cannot be read (${parsed.problems[0]?.message ?? 'unreadable'})`);
      continue;
    }
    const deps = parsed.uses.filter((d) => componentHasPackage(component, d.ecosystem, d.name));
    if (deps.length === 0) continue;
    index ??= new LineIndex(text);
    for (const located of module.locate(text, file, deps)) {
      const defined = elsewhere?.(module, located);
      // Checked and bumped as the definition's text, edited in its file.
      const dep = defined ? { ...located, constraint: defined.value } : located;
      const where = `${dep.section} "${dep.key}"${defined ? ` (its version is defined in ${defined.file})` : ''}`;
      if (dep.constraint === null) {
        notes.push(`${where} names no registry version; left as written`);
        continue;
      }
      const start = defined ? defined.start : index.offsetAt(dep.range.start);
      const end = defined ? defined.end : index.offsetAt(dep.range.end);
      if (!defined && text.slice(start, end) !== dep.constraint) {
        notes.push(`${where} is not written as it reads (escape sequences?); bump it by hand`);
        continue;
      }
      if (dep.constraint.length > MAX_CONSTRAINT_LENGTH) {
        notes.push(`${where}: the version text is ${dep.constraint.length} characters long, more than the ${MAX_CONSTRAINT_LENGTH} a bump reads; left as written`);
        continue;
      }
      if (COMMIT_SHA.test(dep.constraint)) {
        // The catalog names versions, not commits: the commit of `to` is the team's to look up, and
        // a version comment beside the pin (`# v4.1.1`) must move with it or it lies.
        const pin = `${where} at ${dep.constraint.slice(0, 12)}…`;
        notes.push(
          dep.resolved === undefined
            ? `${pin}: pinned by commit; left as written, update the pin by hand`
            : `${pin} (${dep.resolved} by its comment): pinned by commit; left as written, update the pin and its comment together`,
        );
        continue;
      }
      const bumped = module.versioning.bump(dep.constraint, to);
      if (bumped === undefined) {
        const why = module.versioning.whyNotBumped?.(dep.constraint, to) ?? `"${dep.constraint}" names no version to bump`;
        notes.push(`${where}: ${why}; left as written`);
        continue;
      }
      if (isBeyond(module.versioning.normalise(dep.constraint), to)) {
        notes.push(`${where}: "${dep.constraint}" is already past ${to}; a migration never downgrades`);
        continue;
      }
      if (bumped === dep.constraint) continue;
      // Two uses of one definition (a child's dependency and its managed entry) edit it once.
      if (!defined) splices.push({ start, end, text: bumped });
      else if (!outside.some((o) => o.file === defined.file && o.start === start)) outside.push({ file: defined.file, start, end, text: bumped });
    }
  }
  return { text: applySplices(text, splices), notes, elsewhere: outside };
}

/** A splice in another file than the manifest. */
export interface FileSplice extends Splice {
  /** POSIX path relative to the repository root. */
  readonly file: string;
}

/** Every version the normalised constraint admits is newer than `to`. */
function isBeyond(v: NormalisedVersion, to: string): boolean {
  try {
    if (v.kind === 'exact') return semver.gt(v.version, to);
    if (v.kind === 'range') {
      const min = semver.minVersion(v.range);
      return min !== null && semver.gt(min, to);
    }
  } catch {
    // an odd range: bump it like any other
  }
  return false;
}

/**
 * `rename`: each module that reads `file` renames the package `from` to `to` in it, keeping every
 * version; what it left alone comes back as notes.
 */
export function renameInManifest(text: string, file: string, from: string, to: string): { text: string; notes: string[] } {
  const modules = modulesFor(file);
  if (modules.length === 0) return { text, notes: [`the rename step left it alone: no ecosystem reads ${file}`] };
  const splices: Splice[] = [];
  const notes: string[] = [];
  for (const module of modules) {
    const r = module.rename(text, file, from, to);
    splices.push(...r.splices);
    notes.push(...r.notes);
  }
  return { text: applySplices(text, splices), notes };
}

/**
 * Applies offset edits made on `text`. Two modules reading one file may both edit one place: the
 * first edit of an overlapping pair wins, so no edit ever lands inside another's text.
 */
export function applySplices(text: string, splices: readonly Splice[]): string {
  if (splices.length === 0) return text;
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const s of sorted) {
    if (s.start < last || s.start > s.end || s.end > text.length) continue;
    out += text.slice(last, s.start) + s.text;
    last = s.end;
  }
  return out + text.slice(last);
}
