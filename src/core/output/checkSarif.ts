import type { Catalog } from '../catalog/model';
import { findingMessage, type Finding, type ScanResult } from '../scan';
import { saysTheSame } from './checkJson';
import type { Range } from '../positions';
import type { Severity } from '../types';
import { Mapped, type Template } from './jsonStream';
import type { ToolInfo } from './tool';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one rule per component, locations relative to
 * the scanned folder (`%SRCROOT%`), 1-based lines and UTF-16 columns with an exclusive end column.
 * Its results are made one at a time as writeJson writes them.
 */
export function checkSarif(result: ScanResult, catalog: Catalog, tool: ToolInfo): object {
  const ruleIds = [...new Set(result.findings.map((f) => f.component))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const c = catalog.components.find((x) => x.id === id);
    const team = c ? catalog.teams.get(c.owner) : undefined;
    const text = c ? `${c.name} (owned by ${team?.name ?? c.owner})` : id;
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: `Deprecated use of ${text}` },
      fullDescription: { text: c?.description ?? `Uses of ${text} that the platform catalog deprecates.` },
      ...(c?.docs ? { helpUri: c.docs } : {}),
      help: { text: c?.docs ? `See ${c.docs}` : `Ask ${team?.name ?? c?.owner ?? 'the owning team'}${team?.contact ? ` (${team.contact})` : ''}.` },
      properties: { tags: ['platform', 'deprecation'], owner: c?.owner ?? null },
    };
  });

  /** A finding's result; with `hole`, its file, region and fingerprint are holes (template). */
  function resultOf(f: Finding, hole?: (i: number) => string): object {
    return {
      ruleId: f.component,
      ruleIndex: ruleIndex.get(f.component),
      level: LEVEL[f.severity],
      message: { text: findingMessage(f) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: hole ? hole(0) : fileUri(f.file), uriBaseId: '%SRCROOT%' },
            region: hole ? { startLine: hole(1), startColumn: hole(2), endLine: hole(3), endColumn: hole(4) } : region(f.range),
          },
        },
      ],
      // The uses of a version written in another file: the result is on the definition.
      ...(f.usedBy
        ? {
            relatedLocations: f.usedBy.map((u, id) => ({
              id,
              physicalLocation: { artifactLocation: { uri: fileUri(u.file), uriBaseId: '%SRCROOT%' }, region: region(u.range) },
              message: { text: `${f.package} is used here, with the version the result points at` },
            })),
          }
        : {}),
      partialFingerprints: { platformGuide: hole ? hole(5) : `${f.file}|${f.component}|${f.package}` },
      properties: {
        severity: f.severity,
        ecosystem: f.ecosystem,
        package: f.package,
        constraint: f.constraint,
        resolved: f.resolved,
        owner: f.owner,
        sunset: f.sunset,
        recommended: f.recommended,
        migration: f.migration,
        exception: f.exception,
      },
    };
  }
  // Results that say the same thing in another file or place are written from one text.
  const template: Template<Finding> = {
    group: (f) => (f.usedBy ? undefined : f.message),
    alike: saysTheSame,
    shape: (f, hole) => resultOf(f, hole),
    holes: (f) => [uriOf(f.file), f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1, fingerprintJson(f)],
    raw: new Set([5]),
  };
  // A file's results follow one another: its URI is encoded once for them.
  let lastFile: string | undefined;
  let lastUri = '';
  let lastFileJson = '';
  const uriOf = (file: string): string => (file === lastFile ? lastUri : ((lastFile = file), (lastFileJson = JSON.stringify(file).slice(0, -1)), (lastUri = fileUri(file))));
  /**
   * The fingerprint `file|component|package` as JSON, from the file's text (kept for its results)
   * and the rest's (kept by package and component): JSON escapes each character on its own, and the
   * `|` between them joins no surrogate pair, so the two texts joined are the whole one's.
   */
  const tails = new Map<string, Map<string, string>>();
  const fingerprintJson = (f: Finding): string => {
    uriOf(f.file);
    let byComponent = tails.get(f.package);
    if (!byComponent) tails.set(f.package, (byComponent = new Map()));
    let tail = byComponent.get(f.component);
    if (tail === undefined) byComponent.set(f.component, (tail = JSON.stringify(`|${f.component}|${f.package}`).slice(1)));
    return lastFileJson + tail;
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Platform Guide',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned folder.' } } },
        columnKind: 'utf16CodeUnits',
        results: new Mapped(result.findings, (f) => resultOf(f), template),
      },
    ],
  };
}

/**
 * A relative path as a URI reference. A path can hold half of a surrogate pair (a Windows file
 * name), which encodeURI refuses: that half is written as U+FFFD, as a UTF-8 decoder would.
 */
export function fileUri(file: string): string {
  try {
    return encodeURI(file);
  } catch {
    return encodeURI(file.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  }
}

/** A SARIF region: 1-based lines and columns, the end column exclusive. */
function region(r: Range): object {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * SARIF wants a rule's `name` to be a readable identifier, distinct from its opaque `id`
 * (GitHub shows it in the alert list): `acme-ui` becomes `DeprecatedAcmeUi`.
 */
export function ruleName(componentId: string): string {
  const words = componentId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return 'Deprecated' + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
