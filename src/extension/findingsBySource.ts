import { mergeAtDefinitions, type Finding } from '../core/scan';

/**
 * The manifest whose evaluation gave a finding: its own file, or for a version defined in another
 * file (a parent pom's property, gradle.properties) the use that named it. A scan made with
 * `perUse` gives such findings exactly one use.
 */
export function sourceOf(f: Finding): string {
  return f.usedBy?.[0]?.file ?? f.file;
}

/**
 * The findings of one workspace folder by the file they are shown in, and within it by the manifest
 * whose evaluation put them there. Most findings are shown in their own manifest; one whose version
 * is defined in another file is shown in that file, whose diagnostics gather what each manifest using
 * the definition contributes. Evaluating a manifest again as it is typed replaces its contributions
 * wherever they are shown, so none is dropped or shown twice. No `vscode` here: unit-tested alone.
 */
export class FindingsBySource {
  /** Shown file → source manifest → its findings there. */
  private readonly shown = new Map<string, Map<string, Finding[]>>();
  /** Source manifest → the files it shows findings in. */
  private readonly targets = new Map<string, Set<string>>();

  /** Replaces every finding `source` gave; returns the files whose findings may have changed. */
  set(source: string, findings: readonly Finding[]): Set<string> {
    const touched = new Set<string>();
    for (const file of this.targets.get(source) ?? []) {
      touched.add(file);
      const bySource = this.shown.get(file);
      bySource?.delete(source);
      if (bySource?.size === 0) this.shown.delete(file);
    }
    this.targets.delete(source);
    for (const f of findings) {
      touched.add(f.file);
      let bySource = this.shown.get(f.file);
      if (!bySource) this.shown.set(f.file, (bySource = new Map()));
      const list = bySource.get(source);
      if (list) list.push(f);
      else bySource.set(source, [f]);
      let files = this.targets.get(source);
      if (!files) this.targets.set(source, (files = new Set()));
      files.add(f.file);
    }
    return touched;
  }

  /**
   * The findings shown in `file`: its own and those other manifests put on its definitions, one per
   * definition, package and verdict (mergeAtDefinitions), by place. `keep` may drop some another
   * manifest gave (stale ones, where the file's unsaved text no longer says what they read).
   */
  shownIn(file: string, keep: (f: Finding, source: string) => boolean = () => true): Finding[] {
    const all: Finding[] = [];
    for (const [source, findings] of this.shown.get(file) ?? []) for (const f of findings) if (source === file || keep(f, source)) all.push(f);
    return mergeAtDefinitions(all).sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  }

  /** Every file that shows findings. */
  files(): string[] {
    return [...this.shown.keys()];
  }
}
