import type { Catalog, Component } from '../core/catalog';
import type { Range } from '../core/positions';
import { findingMessage, type Finding } from '../core/scan';

/** Each catalog's components by id: a link is looked up for every diagnostic a scan publishes. */
const byId = new WeakMap<Catalog, Map<string, Component>>();

/** The page a finding's code links to: the migration guide, else the component's docs. */
export function docsLink(finding: Finding, catalog: Catalog | undefined): string | undefined {
  if (!catalog) return undefined;
  let components = byId.get(catalog);
  if (!components) {
    components = new Map();
    // The first of an id, as a search would find it.
    for (const c of catalog.components) if (!components.has(c.id)) components.set(c.id, c);
    byId.set(catalog, components);
  }
  const component = components.get(finding.component);
  const migration = component?.migrations.find((m) => m.id === finding.migration);
  return migration?.guide ?? component?.docs;
}

/**
 * A number that stands for the diagnostics toDiagnostic (convert.ts) makes of a file's findings:
 * everything it reads of them, and the link the catalog gives each. A scan that finds for a file
 * what the workbench already shows need not send it again (a catalog refreshed without change, a
 * rescan after a save elsewhere). Two independent 32-bit FNV-1a hashes of the same text, 53 bits
 * in all: files whose diagnostics differ are taken for the same once in about 2^53 comparisons.
 */
export function diagnosticsFingerprint(findings: readonly Finding[], catalog: Catalog | undefined): number {
  const h = new Hasher();
  h.number(findings.length);
  for (const f of findings) {
    h.range(f.range);
    h.text(f.severity);
    h.text(findingMessage(f));
    h.text(f.component);
    h.text(docsLink(f, catalog) ?? '');
    h.text(f.package);
    h.text(f.resolved ?? '');
    h.text(f.lockfile?.file ?? '');
    if (f.lockfile) h.range(f.lockfile.range);
    h.number(f.usedBy?.length ?? 0);
    for (const u of f.usedBy ?? []) {
      h.text(u.file);
      h.range(u.range);
    }
  }
  return h.value();
}

class Hasher {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;

  text(s: string): void {
    // Its length first, so that no two lists of texts run together into the same characters.
    this.number(s.length);
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
  }

  number(n: number): void {
    this.unit(n & 0xffff);
    this.unit(n >>> 16);
  }

  range(r: Range): void {
    this.number(r.start.line);
    this.number(r.start.character);
    this.number(r.end.line);
    this.number(r.end.character);
  }

  private unit(c: number): void {
    this.a = Math.imul(this.a ^ c, 0x01000193);
    this.b = Math.imul(this.b ^ c, 0x01000193) ^ (this.b >>> 15);
  }

  value(): number {
    return (this.a >>> 0) * 0x200000 + ((this.b >>> 0) & 0x1fffff);
  }
}
