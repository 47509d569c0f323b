import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog';
import { isDate, localToday } from '../core/dates';
import { WorkspaceScanner, type Finding, type PlatformUse } from '../core/scan';
import type { CatalogService } from './catalogService';
import { toDiagnostic, toRange } from './convert';
import { diagnosticsFingerprint } from './diagnosticsFingerprint';
import { FindingsBySource, sourceOf } from './findingsBySource';
import { ScanClient } from './scanClient';
import { canShowFindings } from './selectors';
const TYPING_DELAY_MS = 150;
/**
 * The longest stretch the host spends publishing a scan's results before it lets other work run
 * (what the workbench is sent is encoded after it, in the host's own next task).
 */
const SLICE_MS = 5;
/** Files whose diagnostics go to the workbench in one message while a scan's results are published. */
const PUBLISH_BATCH = 25;

interface FolderState {
  readonly folder: vscode.WorkspaceFolder;
  readonly scanner: WorkspaceScanner | undefined;
  /** Uses found by the last full scan, by manifest path relative to the folder. */
  readonly uses: Map<string, PlatformUse[]>;
  /** Findings by the file they are shown in and the manifest that gave them (a parent pom shows its modules'). */
  readonly findings: FindingsBySource;
}

/**
 * Diagnostics for every manifest of every workspace folder: a full scan when catalogs or files on
 * disk change, and the open manifests again as the user types (debounced, stale results dropped).
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('platformGuide');
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly states = new Map<string, FolderState>();
  /** The latest findings shown in each file, by URI: what hovers and quick fixes read. */
  private readonly findings = new Map<string, Finding[]>();
  /** What each file's diagnostics were made of when last sent (diagnosticsFingerprint). */
  private readonly sent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private scanning: Promise<void> = Promise.resolve();

  constructor(
    private readonly catalogs: CatalogService,
    private readonly log: vscode.LogOutputChannel,
    private readonly worker: ScanClient = new ScanClient(),
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
    );
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  scannerFor(folder: vscode.WorkspaceFolder): WorkspaceScanner | undefined {
    return this.states.get(folder.uri.toString())?.scanner;
  }

  /** How many platform uses the folders have, and how many of them are deprecated (a hint is not): counted without copying them. */
  useCounts(): { total: number; flagged: number } {
    let total = 0;
    let flagged = 0;
    for (const state of this.states.values()) {
      for (const list of state.uses.values()) {
        total += list.length;
        for (const u of list) if (u.severity !== null && u.severity !== 'hint') flagged++;
      }
    }
    return { total, flagged };
  }

  /** Every platform use of every folder, for the Platform view. */
  allUses(): Array<{ folder: vscode.WorkspaceFolder; use: PlatformUse }> {
    return [...this.states.values()].flatMap((s) => [...s.uses.values()].flat().map((use) => ({ folder: s.folder, use })));
  }

  /** Resolves when every scan asked for so far is done. */
  idle(): Promise<void> {
    return this.scanning;
  }

  /** Scans every folder again; resolves when done. Calls queue up, so the last one wins. */
  rescanAll(): Promise<void> {
    this.scanning = this.scanning.then(() =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Platform Guide: checking dependencies' }, () => this.scanAll()),
    ).then(undefined, (e: unknown) => this.log.error(`scan failed: ${e instanceof Error ? e.stack : String(e)}`));
    return this.scanning;
  }

  /**
   * The scan runs in a worker (scanClient.ts); the host only publishes what it found, in slices of
   * at most SLICE_MS, so typing stays responsive however large the workspace. Until a folder's new
   * results arrive its previous scanner keeps evaluating the open manifests.
   */
  private async scanAll(): Promise<void> {
    const started = Date.now();
    const scans = await Promise.all(
      (vscode.workspace.workspaceFolders ?? []).map(async (folder) => {
        const { catalog, config } = this.catalogs.forFolder(folder);
        if (!catalog || folder.uri.scheme !== 'file') return { folder, scanned: undefined };
        const request = { root: folder.uri.fsPath, catalog, today: today(), ...(config ? { config } : {}) };
        const scanned = await this.worker.scan(request);
        // Receiving the answer was one task; building the scanner is the next one.
        await nextTask();
        // The host's own scanner for open documents, on the worker's walk and notes: no second walk here.
        const scanner = new WorkspaceScanner({ ...request, lockfileRanges: true, walked: scanned.walked, projectNotes: scanned.notes });
        return { folder, scanned: { ...scanned, scanner } };
      }),
    );
    // Each folder's new state replaces the old one only once it is complete, and diagnostics are
    // replaced file by file: until then the previous scanner keeps evaluating what is typed, and
    // nothing blinks out while the new results are published.
    let count = 0;
    const pending: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    const flush = () => {
      if (pending.length > 0) this.collection.set(pending.splice(0));
    };
    // Sending diagnostics is part of a slice's work: a batch goes whenever it holds PUBLISH_BATCH files.
    const publish = (entry: [vscode.Uri, vscode.Diagnostic[]]) => {
      pending.push(entry);
      if (pending.length >= PUBLISH_BATCH) flush();
    };
    const dirtyNow = () => new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
    const dirty = dirtyNow();
    // A document that became dirty while results were published keeps what was typed, too: the
    // open documents can only change while the host runs other tasks, so they are read after each.
    let dirtySince = dirty;
    const slice = slicer(flush, () => (dirtySince = dirtyNow()));
    const shownBefore = new Set(this.findings.keys());
    const shown = new Set<string>();
    const typedIn = (uri: string) => dirty.has(uri) || dirtySince.has(uri);
    for (const { folder, scanned } of scans) {
      if (!scanned) {
        this.states.set(folder.uri.toString(), { folder, scanner: undefined, uses: new Map(), findings: new FindingsBySource() });
        continue;
      }
      const { result, scanner } = scanned;
      // A monorepo's scan holds hundreds of thousands of uses: grouped in slices too.
      const uses = await groupInSlices(result.uses, (u) => u.file, slice);
      // The worker scans per use: each finding says which manifest gave it, and a definition that
      // several manifests use gathers theirs when it is shown.
      const findings = new FindingsBySource();
      const bySource = await groupInSlices(result.findings, sourceOf, slice);
      for (const [source, list] of bySource) {
        findings.set(source, list);
        await slice();
      }
      this.states.set(folder.uri.toString(), { folder, scanner, uses, findings });
      const { catalog } = this.catalogs.forFolder(folder);
      for (const file of findings.files()) {
        const uri = vscode.Uri.joinPath(folder.uri, file);
        const key = uri.toString();
        shown.add(key);
        // An open manifest with unsaved text keeps what was typed: it is evaluated again below.
        if (!typedIn(key)) {
          const list = findings.shownIn(file);
          this.findings.set(key, list);
          if (this.mustSend(key, list, catalog)) publish([uri, list.map((f) => toDiagnostic(f, folder.uri, catalog))]);
        }
        await slice();
      }
      for (const e of result.errors) this.log.warn(`${path.join(folder.uri.fsPath, e.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`);
      count += result.manifests;
    }
    const folders = new Set(scans.map((s) => s.folder.uri.toString()));
    for (const key of [...this.states.keys()]) if (!folders.has(key)) this.states.delete(key);
    // Files that had findings and have none now (fixed on disk, deleted, or in a folder closed since).
    for (const key of shownBefore) {
      if (shown.has(key) || typedIn(key)) continue;
      this.findings.delete(key);
      this.sent.delete(key);
      publish([vscode.Uri.parse(key), []]);
      await slice();
    }
    flush();
    // Open manifests may hold unsaved text: the editor shows what is typed, not what is on disk
    // (also those that were unsaved when publishing began and have been saved or reverted since).
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty || dirty.has(doc.uri.toString())) this.evaluate(doc);
    this.log.info(`checked ${count} manifests in ${Date.now() - started} ms`);
    this.changed.fire();
  }

  private schedule(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file') return;
    // Only files some ecosystem reads, by their path in their folder (a workflow is known by its folder),
    // and those defining versions manifests use (gradle.properties): their findings go stale as typed.
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder || !canShowFindings(relativePath(folder, doc.uri))) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.evaluate(doc), TYPING_DELAY_MS));
  }

  /**
   * Evaluates one open manifest's current text. Evaluation is synchronous and the debounce timer
   * only fires for the latest edit, so no older result can overwrite a newer one.
   */
  evaluate(doc: vscode.TextDocument): void {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const state = folder && this.states.get(folder.uri.toString());
    const scanner = state?.scanner;
    if (!folder || !state || !scanner || doc.isClosed) return;
    const file = relativePath(folder, doc.uri);
    const result = scanner.evaluateText(file, doc.getText());
    // While the text is broken mid-edit its language service reports it (JSON's for a package.json); ours would only be stale.
    // Its findings may be shown in other files (a parent pom's property): each such file is shown
    // again with this manifest's part replaced, and the others' parts kept.
    const touched = state.findings.set(file, 'problems' in result ? [] : result.findings);
    touched.add(file);
    for (const shown of touched) this.show(folder, state, shown);
    if (!('problems' in result)) {
      this.states.get(folder.uri.toString())?.uses.set(file, result.uses);
      this.changed.fire();
    }
  }

  /**
   * Publishes what a file shows: its own findings and those other manifests put on its definitions.
   * While the file is open with other text than they read (its property edited, not yet saved), the
   * others' findings are stale and left out; the rescan on save brings them back as they are.
   */
  private show(folder: vscode.WorkspaceFolder, state: FolderState, file: string): void {
    const uri = vscode.Uri.joinPath(folder.uri, file);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const current = (f: Finding) => !doc || f.constraint === null || doc.getText(toRange(f.range)) === f.constraint;
    this.publish(folder, uri, state.findings.shownIn(file, current));
  }

  private publish(folder: vscode.WorkspaceFolder, uri: vscode.Uri, findings: Finding[]): void {
    const { catalog } = this.catalogs.forFolder(folder);
    const key = uri.toString();
    this.findings.set(key, findings);
    if (this.mustSend(key, findings, catalog)) this.collection.set(uri, findings.map((f) => toDiagnostic(f, folder.uri, catalog)));
  }

  /**
   * Whether a file's diagnostics made of these findings differ from what was last sent for it (what
   * the workbench shows already is not sent again); when they do, they count as sent.
   */
  private mustSend(key: string, findings: readonly Finding[], catalog: Catalog | undefined): boolean {
    const made = diagnosticsFingerprint(findings, catalog);
    if (this.sent.get(key) === made) return false;
    this.sent.set(key, made);
    return true;
  }

  dispose(): void {
    this.worker.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Groups items by a key (their file), stopping at `slice` every thousand items. */
async function groupInSlices<T>(items: readonly T[], key: (item: T) => string, slice: () => Promise<void>): Promise<Map<string, T[]>> {
  const groups = new Map<string, T[]>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
    if (i % 1000 === 999) await slice();
  }
  return groups;
}

/** Resolves after the host has run what waits. */
function nextTask(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/**
 * Resolves at once while the current slice is under SLICE_MS; otherwise calls `beforeYield` (which
 * sends what the slice batched), lets the host run what waits, then calls `afterYield`.
 */
function slicer(beforeYield: () => void = () => undefined, afterYield: () => void = () => undefined): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    beforeYield();
    await nextTask();
    afterYield();
    since = performance.now();
  };
}

/** A file's POSIX path relative to its workspace folder: what the engine's paths are. */
function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
}

/**
 * The date sunsets are measured against: the local date, or `PLATFORM_GUIDE_TODAY` (YYYY-MM-DD) for
 * reproducible demos and tests, as the CLI's `--today`.
 */
export function today(): string {
  const fixed = process.env.PLATFORM_GUIDE_TODAY;
  return fixed && isDate(fixed) ? fixed : localToday();
}
