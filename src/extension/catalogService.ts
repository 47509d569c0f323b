import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  mergeCatalogs,
  parseCatalogText,
  readCatalogSource,
  readRepoConfig,
  type Catalog,
  type CatalogDocument,
  type CatalogRef,
  type ParsedCatalog,
  type RepoCatalogRef,
  type RepoConfig,
} from '../core/catalog';
import { formatProblem, hasErrors } from '../core/problems';
import type { SourceProblem } from '../core/types';
import type { RemoteCatalogs } from './remoteCatalogs';

export type CatalogState =
  | { readonly kind: 'none' }
  | { readonly kind: 'fresh' }
  | { readonly kind: 'cached'; readonly fetchedAt: number }
  | { readonly kind: 'invalid'; readonly problems: number };

export interface FolderCatalog {
  readonly catalog: Catalog | undefined;
  readonly config: RepoConfig | undefined;
  /** Team and component ids that a catalog inside the workspace defines (restricted mode needs to know). */
  readonly workspaceDefined: ReadonlySet<string>;
}

interface Loaded {
  /** The last document of this source that had no error. */
  good?: CatalogDocument;
  problems: SourceProblem[];
  remote?: { fetchedAt: number; fromCache: boolean };
  /** A local file's text as last read, to tell whether it changed since (see `checkFile`). */
  text?: string;
}

/**
 * The catalogs in force: the user's (setting `platformGuide.catalogs`, application scope, so a
 * cloned repository cannot redirect it) plus each folder's `.platform-guide.yaml` catalogs. An
 * invalid catalog never blanks the editor: the last good version of each source keeps serving.
 */
export class CatalogService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly problems = vscode.languages.createDiagnosticCollection('platformGuide.catalogs');
  private readonly sources = new Map<string, Loaded>();
  private folders = new Map<string, FolderCatalog>();
  private current: CatalogState = { kind: 'none' };
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly remote: RemoteCatalogs,
    private readonly log: vscode.LogOutputChannel,
    /** Parses a catalog's text; the extension does it in its worker thread. */
    private readonly parse: (ref: string, text: string) => Promise<ParsedCatalog> = (ref, text) => Promise.resolve(parseCatalogText(ref, text)),
  ) {}

  get state(): CatalogState {
    return this.current;
  }

  forFolder(folder: vscode.WorkspaceFolder): FolderCatalog {
    return this.folders.get(folder.uri.toString()) ?? { catalog: undefined, config: undefined, workspaceDefined: new Set() };
  }

  /** Local catalog files in force, for the file watchers. */
  localFiles(): string[] {
    return [...this.sources.keys()].filter((ref) => !/^https?:/i.test(ref));
  }

  /**
   * Reloads when a local catalog file no longer holds the text last read from it. A file watcher
   * starts a moment after it is asked for: a write in that moment is caught by this check, run
   * once the watcher is surely listening.
   */
  async checkFile(file: string): Promise<void> {
    const loaded = this.sources.get(file);
    if (loaded?.text === undefined) return;
    let now: string | undefined;
    try {
      now = (await readCatalogSource(file, { cwd: os.homedir() })).text;
    } catch {
      now = undefined; // gone or unreadable: the reload says why
    }
    if (now !== loaded.text) await this.reload();
  }

  /** Resolves when every reload asked for so far is done. */
  idle(): Promise<void> {
    return this.loading;
  }

  /** Loads every source again; `force` also refetches remote catalogs that are not due yet. */
  reload(force = false): Promise<void> {
    this.loading = this.loading.then(() => this.load(force)).catch((e: unknown) => this.log.error(`loading catalogs failed: ${String(e)}`));
    return this.loading;
  }

  private async load(force: boolean): Promise<void> {
    const config = vscode.workspace.getConfiguration('platformGuide');
    const userRefs = (config.get<string[]>('catalogs') ?? []).map(resolveUserRef);
    const timeoutMs = (config.get<number>('remoteTimeoutSeconds') ?? 10) * 1000;
    const maxAgeMs = (config.get<number>('refreshIntervalMinutes') ?? 60) * 60_000;
    this.schedule(maxAgeMs);

    const folders = new Map<string, FolderCatalog>();
    const allProblems: SourceProblem[] = [];
    const used = new Set<string>();
    const userDocs = await this.loadAll(userRefs, { timeoutMs, maxAgeMs, force }, used);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const repo = await readRepoConfig(folder.uri.fsPath);
      allProblems.push(...repo.problems);
      // A repository's catalogs are files inside it, read only through the safe reader: never a
      // URL, never a link out of the folder (a catalog linked to ~/.npmrc is not read).
      const repoRefs = (repo.config?.catalogs ?? []).map((c): RepoCatalogRef => ({ root: folder.uri.fsPath, path: c, file: path.resolve(folder.uri.fsPath, c) }));
      const repoDocs = await this.loadAll(repoRefs, { timeoutMs, maxAgeMs, force }, used);
      const docs = [...userDocs, ...repoDocs];
      const merged = docs.length > 0 ? mergeCatalogs(docs) : undefined;
      if (merged) allProblems.push(...merged.problems);
      const workspaceDefined = new Set(repoDocs.flatMap((d) => [...d.teams.map((t) => t.id), ...d.components.map((c) => c.id)]));
      folders.set(folder.uri.toString(), { catalog: merged?.catalog, config: repo.config, workspaceDefined });
    }
    for (const ref of [...this.sources.keys()]) if (!used.has(ref)) this.sources.delete(ref);
    for (const loaded of this.sources.values()) allProblems.push(...loaded.problems);
    this.folders = folders;
    this.current = this.computeState(allProblems);
    this.publish(allProblems);
    this.changed.fire();
  }

  private async loadAll(refs: readonly CatalogRef[], opts: { timeoutMs: number; maxAgeMs: number; force: boolean }, used: Set<string>): Promise<CatalogDocument[]> {
    const docs: CatalogDocument[] = [];
    for (const ref of refs) {
      const key = typeof ref === 'string' ? ref : ref.file;
      if (!used.has(key)) {
        used.add(key);
        this.sources.set(key, await this.loadOne(ref, opts));
      }
      const good = this.sources.get(key)?.good;
      if (good) docs.push(good);
    }
    return docs;
  }

  private async loadOne(source: CatalogRef, opts: { timeoutMs: number; maxAgeMs: number; force: boolean }): Promise<Loaded> {
    const ref = typeof source === 'string' ? source : source.file;
    const previous = this.sources.get(ref);
    let text: string;
    let remote: Loaded['remote'];
    if (typeof source === 'string' && /^https?:\/\//i.test(source)) {
      const got = await this.remote.get(ref, opts);
      if ('error' in got) return fail(ref, `could not fetch the catalog: ${got.error}`, previous);
      text = got.text;
      remote = { fetchedAt: got.fetchedAt, fromCache: got.fromCache };
    } else {
      try {
        text = (await readCatalogSource(source, { cwd: os.homedir() })).text;
      } catch (e) {
        return fail(ref, (e as Error).message, previous);
      }
    }
    let parsed: ParsedCatalog;
    try {
      parsed = await this.parse(ref, text);
    } catch (e) {
      return fail(ref, `could not read the catalog: ${(e as Error).message}`, previous);
    }
    const local = remote === undefined ? { text } : {};
    const errors = hasErrors(parsed.problems);
    for (const p of parsed.problems) this.log[p.severity === 'error' ? 'error' : 'warn'](formatProblem(p));
    if (errors && previous?.good) this.log.warn(`${ref} is invalid: the last good version keeps serving`);
    return {
      ...(parsed.document && !errors ? { good: parsed.document } : previous?.good ? { good: previous.good } : {}),
      problems: parsed.problems,
      ...(remote ? { remote } : {}),
      ...local,
    };
  }

  private computeState(problems: readonly SourceProblem[]): CatalogState {
    if (this.sources.size === 0) return { kind: 'none' };
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) return { kind: 'invalid', problems: errors };
    const stale = [...this.sources.values()].filter((s) => s.remote?.fromCache).map((s) => s.remote!.fetchedAt);
    return stale.length > 0 ? { kind: 'cached', fetchedAt: Math.min(...stale) } : { kind: 'fresh' };
  }

  /** Problems become diagnostics in the catalog files themselves, and lines in the log. */
  private publish(problems: readonly SourceProblem[]): void {
    this.problems.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      if (/^https?:/i.test(p.file)) continue;
      const d = new vscode.Diagnostic(
        new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character),
        p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'Platform Guide';
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    for (const [file, diags] of byFile) this.problems.set(vscode.Uri.file(file), diags);
  }

  private schedule(maxAgeMs: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.reload(), maxAgeMs);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.problems.dispose();
    this.changed.dispose();
  }
}

function fail(ref: string, message: string, previous: Loaded | undefined): Loaded {
  const problem: SourceProblem = { file: ref, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, severity: 'error' };
  return { ...(previous?.good ? { good: previous.good } : {}), problems: [problem], ...(previous?.remote ? { remote: { ...previous.remote, fromCache: true } } : {}) };
}

/** User paths: absolute, or `~/…`, or relative to the home folder (a user setting has no workspace). */
function resolveUserRef(ref: string): string {
  if (/^https?:\/\//i.test(ref)) return ref;
  if (ref === '~' || ref.startsWith('~/')) return path.join(os.homedir(), ref.slice(1));
  return path.resolve(os.homedir(), ref);
}
