import { parseTree, type Node } from 'jsonc-parser';
import * as semver from 'semver';
import { bumpConstraint, MAX_CONSTRAINT_LENGTH } from '../bump';
import type { Component } from '../catalog/model';
import { componentHasPackage } from '../componentIndex';
import { DEPENDENCY_SECTIONS, locatePackageJson, readPackageJson } from '../ecosystems/npm';
import { LineIndex } from '../positions';
import { normaliseNpm } from '../versions';
import { tooDeep, type StepResult } from './steps';

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The bump of a package.json: every dependency that belongs to the component (by its npm package
 * patterns, `*` included) moves to `to` in the style it was written in. What cannot be bumped is
 * left as written and explained: a spec with no registry version (`workspace:`, `file:`, git), a
 * tag (`latest`), or a range already past `to` (a migration never downgrades).
 */
export function bumpManifest(text: string, component: Component, to: string): { text: string; notes: string[] } {
  const read = readPackageJson(text);
  if (!read.ok) return { text, notes: [`not bumped: the manifest cannot be read (${read.problems[0]?.message ?? 'unreadable'})`] };
  const deps = read.value.dependencies.filter((d) => componentHasPackage(component, 'npm', d.name));
  const located = locatePackageJson(text, deps);
  const index = new LineIndex(text);
  const notes: string[] = [];
  const splices: Splice[] = [];
  for (const dep of located) {
    const where = `${dep.section} "${dep.key}"`;
    if (dep.constraint === null) {
      notes.push(`${where} names no registry version; left as written`);
      continue;
    }
    const start = index.offsetAt(dep.range.start);
    const end = index.offsetAt(dep.range.end);
    if (text.slice(start, end) !== dep.constraint) {
      notes.push(`${where} is written with escape sequences; bump it by hand`);
      continue;
    }
    if (dep.constraint.length > MAX_CONSTRAINT_LENGTH) {
      notes.push(`${where}: the version text is ${dep.constraint.length} characters long, more than the ${MAX_CONSTRAINT_LENGTH} a bump reads; left as written`);
      continue;
    }
    const bumped = bumpConstraint(dep.constraint, to);
    if (bumped === undefined) {
      notes.push(`${where}: "${dep.constraint}" names no version to bump; left as written`);
      continue;
    }
    if (isBeyond(dep.constraint, to)) {
      notes.push(`${where}: "${dep.constraint}" is already past ${to}; a migration never downgrades`);
      continue;
    }
    if (bumped !== dep.constraint) splices.push({ start, end, text: bumped });
  }
  return { text: splice(text, splices), notes };
}

/** Every version the constraint admits is newer than `to`. */
function isBeyond(constraint: string, to: string): boolean {
  const v = normaliseNpm(constraint);
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
 * `rename`: the key `from` becomes `to` in every dependency section, at the same place and with the
 * same version; an `npm:` alias of `from` points at `to`. A section that already has `to` keeps both
 * keys as they are (merging two declarations is a decision for a person), and says so.
 */
export function renameInManifest(text: string, from: string, to: string): StepResult & { notes?: string[] } {
  const refused = tooDeep(text);
  if (refused) return { ok: false, reason: `the rename step left it alone: ${refused}` };
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return { ok: false, reason: 'the rename step left it alone: the manifest is not a JSON object' };
  const notes: string[] = [];
  const splices: Splice[] = [];
  for (const section of properties(root)) {
    const name = section.children?.[0]?.value;
    const deps = section.children?.[1];
    if (!(DEPENDENCY_SECTIONS as readonly unknown[]).includes(name) || deps?.type !== 'object') continue;
    const entries = properties(deps);
    const keys = new Set(entries.map((p) => p.children?.[0]?.value));
    for (const entry of entries) {
      const [keyNode, valueNode] = [entry.children?.[0], entry.children?.[1]];
      if (!keyNode) continue;
      if (keyNode.value === from) {
        if (keys.has(to)) {
          notes.push(`${String(name)} has both "${from}" and "${to}"; "${from}" was not renamed`);
          continue;
        }
        splices.push({ start: keyNode.offset, end: keyNode.offset + keyNode.length, text: JSON.stringify(to) });
      } else if (valueNode?.type === 'string' && typeof valueNode.value === 'string') {
        const v = valueNode.value;
        if (v === `npm:${from}` || v.startsWith(`npm:${from}@`)) {
          const renamed = `npm:${to}${v.slice(4 + from.length)}`;
          splices.push({ start: valueNode.offset, end: valueNode.offset + valueNode.length, text: JSON.stringify(renamed) });
        }
      }
    }
  }
  return { ok: true, text: splice(text, splices), notes };
}

function properties(node: Node): Node[] {
  return (node.children ?? []).filter((c) => c.type === 'property');
}

function splice(text: string, splices: readonly Splice[]): string {
  if (splices.length === 0) return text;
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const s of sorted) {
    out += text.slice(last, s.start) + s.text;
    last = s.end;
  }
  return out + text.slice(last);
}
