/**
 * The app's one database owner: loads an export, exposes reactive load state, runs queries, and restarts the engine
 * (reloading the export) when the worker dies. Start-up is idempotent: one loading promise, shared by every caller.
 *
 * Tables still loading in the background (the Parquet path's history tables, `loader.ts`) are waited for by the
 * queries that name them, and only by those. When the attached engine file turns out to be unreadable (a block that
 * fails its checksum), the export is loaded again from its Parquet files and the query runs once more.
 */
import type { TableName } from '$lib/contract/schema';
import type { AppDb, Candidate } from './context';
import { choiceKey, connectAllowed, connectOrigins, type ExportSource, type PickedFile, type SourceChoice } from './export-source';
import { exportBase } from './export-location';
import type { LoadedExport } from './loader';
import type { LocalExport } from './local-export';
import type { Engine } from './engine';
import { isEngineFileError, isFatalEngineError, LoadFailure } from './errors';
import type { ColumnarResult } from './columnar';
import type { ColumnarDb, ColumnQueryOptions, Db, ExportInfo, LoadError, Query, QueryOptions, TableProgress } from './types';

/**
 * Refuses, in words, an address whose origin the site's Content Security Policy does not let the page read (its
 * `connect-src`, docs/SECURITY.md): the fetch would only be blocked, with no reason a script can see.
 */
function refuseUnallowedOrigin(base: string): void {
  const policy = document.querySelector('meta[http-equiv="content-security-policy" i]')?.getAttribute('content') ?? '';
  const allowed = connectOrigins(policy);
  if (connectAllowed(base, location.origin, allowed)) return;
  throw new LoadFailure({
    file: base,
    message: `cannot be opened from this copy of Termscope: its security policy lets it read exports only from its own site${allowed.length ? ` and ${allowed.join(', ')}` : ''}, not from ${new URL(base).origin}`,
    hint: 'Download the export and open its folder or .zip here instead; or ask whoever runs this site to allow that origin (TERMSCOPE_CONNECT_SRC when building, docs/SECURITY.md).'
  });
}
import type { Row } from './values';

/** Table names a statement mentions, as whole words (table names are the contract's, never user data). */
function mentions(sql: string, tables: readonly TableName[]): boolean {
  return tables.some((t) => new RegExp(`\\b${t}\\b`, 'i').test(sql));
}

export class AppDbState implements AppDb {
  status = $state<AppDb['status']>('idle');
  progress = $state<TableProgress[]>([]);
  info = $state<ExportInfo | null>(null);
  error = $state<LoadError | null>(null);
  /** Why the Parquet files were loaded instead of the engine file (shown by the layout); null otherwise. */
  note = $state<string | null>(null);
  /** Bumped after every (re)load so views can re-query. */
  generation = $state(0);
  /** Set when the engine had to be replaced (a stuck or terminated worker, a trap): what happened, for a banner. */
  notice = $state<string | null>(null);

  private loading: Promise<Engine> | null = null;
  private engine: Engine | null = null;
  /** Tables still loading after the export became ready, and the promise of their arrival. */
  private pendingTables: TableName[] = [];
  private pending: Promise<void> | null = null;
  /** Set once the engine file failed a query: later loads go straight to the Parquet files. */
  private parquetBecause: string | undefined;
  /** What the page's URL says is open; changes when another export replaces this one (`open`). */
  choice = $state<SourceChoice>({ kind: 'hosted', name: 'demo' });
  /** The files of the open export, once read (a restart loads them again from memory, not from storage). */
  private local: LocalExport | null = null;
  /** An export being opened beside the loaded one (`open`); null when none is, or the last one replaced it. */
  candidate = $state<Candidate | null>(null);

  constructor(
    choice: SourceChoice,
    private readonly appBase: string
  ) {
    this.choice = choice;
  }

  /** URL of the export folder (hosted, or on another site), or the name of the folder or files opened. */
  get base(): string {
    if (this.local) return this.local.label;
    const choice = this.choice;
    if (choice.kind === 'hosted') return exportBase(this.appBase, choice.name);
    if (choice.kind === 'url') return choice.base;
    return this.info?.base ?? '';
  }

  readonly db: Db = {
    query: (query: Query, options?: QueryOptions) => this.query(query, options)
  };

  readonly columnar: ColumnarDb = {
    queryColumns: (sql: string, options?: ColumnQueryOptions) => this.queryColumns(sql, options)
  };

  /** Starts loading (once); later calls share the same promise. */
  start(): Promise<Engine> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<Engine> {
    this.status = 'loading';
    this.error = null;
    try {
      const loaded = await this.loadChoice(this.choice, {
        onProgress: (p) => (this.progress = p),
        onManifest: (i) => (this.info = i)
      });
      this.take(loaded);
      return loaded.engine;
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  /** Loads what the page's URL asks for. */
  private async loadChoice(choice: SourceChoice, callbacks: import('./loader').LoadCallbacks): Promise<LoadedExport> {
    // Loaded in the browser only: duckdb-wasm at the top level of a page breaks prerendering.
    if (choice.kind === 'invalid-url') throw new LoadFailure({ file: choice.url, message: `cannot be opened: ${choice.problem}` });
    if (choice.kind === 'files' || this.local) {
      if (!this.local) {
        const { readStored } = await import('./opfs-store');
        const { localExport } = await import('./local-export');
        const stored = await readStored(choice.kind === 'files' ? choice.stored : '');
        this.local = await localExport(stored.files, stored.label);
      }
      const { loadLocal } = await import('./local-loader');
      return loadLocal(this.local, callbacks, false);
    }
    const { loadExport } = await import('./loader');
    if (choice.kind === 'url') {
      refuseUnallowedOrigin(choice.base);
      return loadExport(choice.base, callbacks, { parquetBecause: this.parquetBecause, remote: true });
    }
    return loadExport(this.base, callbacks, { parquetBecause: this.parquetBecause });
  }

  /**
   * Opens another export beside the loaded one: it is loaded and checked in a fresh engine while the current one
   * keeps answering, and replaces it only when it passes. A failure is kept in `candidate.error`; nothing loaded is
   * touched. Resolves to the new choice (for the page's URL), or null when the export was refused.
   */
  async open(source: ExportSource): Promise<SourceChoice | null> {
    const label = source.kind === 'url' ? source.base : source.kind === 'files' ? source.label : source.name;
    // Marks for `npm run bench:open`: loaded and checked, then kept in the browser's storage.
    performance.mark('termscope:open-start');
    const attempt = (this.candidate?.attempt ?? 0) + 1;
    this.candidate = { attempt, label, status: 'loading', progress: [], error: null, stored: null };
    const update = (patch: Partial<Candidate>) => {
      if (this.candidate?.attempt === attempt) this.candidate = { ...this.candidate, ...patch };
    };
    let loaded: LoadedExport;
    let local: LocalExport | null = null;
    let choice: SourceChoice;
    try {
      const callbacks = { onProgress: (progress: TableProgress[]) => update({ progress }) };
      if (source.kind === 'files') {
        const { localExport } = await import('./local-export');
        const { loadLocal } = await import('./local-loader');
        const { expandZip } = await import('./unzip');
        const unzipped = await expandZip(source.files, (read, total) => update({ unzip: { read, total } }));
        source = { ...source, label: unzipped.label ?? source.label, files: unzipped.files };
        local = await localExport(source.files, source.label);
        loaded = await loadLocal(local, callbacks);
        choice = { kind: 'files', stored: '' };
      } else if (source.kind === 'url') {
        refuseUnallowedOrigin(source.base);
        const { loadExport } = await import('./loader');
        loaded = await loadExport(source.base, callbacks, { remote: true, freshEngine: true });
        choice = { kind: 'url', base: source.base };
      } else {
        const { loadExport } = await import('./loader');
        loaded = await loadExport(exportBase(this.appBase, source.name), callbacks, { freshEngine: true });
        choice = { kind: 'hosted', name: source.name };
      }
      // A candidate passes only whole: tables and checks a load would leave to the background are awaited here, so
      // nothing can fail after it has replaced the loaded export.
      if (loaded.pending) {
        try {
          await loaded.pending;
        } catch (error) {
          await loaded.engine.terminate();
          throw error;
        }
        loaded = { ...loaded, pending: null, pendingTables: [] };
      }
    } catch (error) {
      update({ status: 'error', error: error instanceof LoadFailure ? error.detail : { file: label, message: `could not be loaded: ${(error as Error).message ?? String(error)}` } });
      return null;
    }
    performance.mark('termscope:open-checked');
    // Passed: it replaces the loaded export. Files are kept in the browser's storage where it allows, so a reload
    // opens them again; without storage the page still keeps them while it is open, and a reload says they are gone.
    if (local && source.kind === 'files') {
      const { NOT_KEPT, storeFiles } = await import('./opfs-store');
      const stored = await storeFiles(source.files, local.label).catch(() => null);
      choice = { kind: 'files', stored: stored ?? NOT_KEPT };
      update({ stored: stored !== null });
      performance.mark('termscope:open-stored');
    }
    const previous = this.engine;
    this.local = local;
    this.parquetBecause = undefined;
    this.adopt(loaded, choice!);
    this.candidate = { ...this.candidate!, status: 'done' };
    await previous?.terminate();
    return choice!;
  }

  /** Makes `loaded`, opened on the Data page, the open export. */
  private adopt(loaded: LoadedExport, choice: SourceChoice): void {
    this.loading = Promise.resolve(loaded.engine);
    this.choice = choice;
    this.notice = null; // about the engine replaced, if any
    this.error = null;
    this.progress = [];
    this.take(loaded);
  }

  /** Uses a loaded export: views re-query (`generation`); a failure of its background work ends in the load error. */
  private take(loaded: LoadedExport): void {
    this.engine = loaded.engine;
    this.info = loaded.info;
    this.note = loaded.note;
    this.pendingTables = loaded.pendingTables;
    this.pending = loaded.pending;
    this.status = 'ready';
    this.generation++;
    this.pending?.then(
      () => {
        if (this.engine === loaded.engine) this.pendingTables = [];
      },
      (error: unknown) => {
        if (this.engine === loaded.engine) this.fail(error);
      }
    );
  }

  /** A key of what is open: equal for two page URLs that open the same export. */
  get choiceKey(): string {
    return choiceKey(this.choice);
  }

  private fail(error: unknown): void {
    this.error =
      error instanceof LoadFailure
        ? error.detail
        : { file: `${this.base}/`, message: `could not be loaded: ${(error as Error).message ?? String(error)}` };
    this.status = 'error';
  }

  /** The engine, once the tables `sql` names are in. */
  private async ready(sql: string): Promise<Engine> {
    let engine = await this.start();
    if (engine.isCrashed) {
      await this.restart(engine);
      engine = await this.start();
    }
    if (this.pending && this.pendingTables.length > 0 && mentions(sql, this.pendingTables)) await this.pending;
    return engine;
  }

  async query(query: Query, options?: QueryOptions): Promise<Row[]> {
    const engine = await this.ready(query.sql);
    try {
      return await engine.query(query.sql, query.params, options);
    } catch (error) {
      if (!(await this.recover(engine, error))) throw error;
      const fresh = await this.ready(query.sql);
      return fresh.query(query.sql, query.params, options);
    }
  }

  /** Like `query`, for ad-hoc SQL whose result stays in Arrow columns; restarts a crashed engine the same way. */
  async queryColumns(sql: string, options?: ColumnQueryOptions): Promise<ColumnarResult> {
    const engine = await this.ready(sql);
    try {
      return await engine.queryColumns(sql, options);
    } catch (error) {
      if (!(await this.recover(engine, error))) throw error;
      if (isEngineFileError(error)) return (await this.ready(sql)).queryColumns(sql, options);
      // Not run again: an analyst's statement that crashed the engine would most likely crash the new one too.
      void this.start().catch(() => undefined);
      throw error;
    }
  }

  /**
   * After a failed statement: when the engine is unusable (a trap inside wasm) or the engine file cannot be read,
   * drops the engine so the next `start` loads the export again (from the Parquet files, for an unreadable engine
   * file). False when the error is the statement's own.
   */
  private async recover(engine: Engine, error: unknown): Promise<boolean> {
    const unreadableFile = this.info?.path === 'engine-file' && isEngineFileError(error);
    if (!unreadableFile && !isFatalEngineError(error) && !engine.isCrashed) return false;
    if (unreadableFile) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      this.parquetBecause ??= `it could not be read (${message})`;
    }
    // An unreadable engine file is said by the load's note (the engine itself did not fail).
    await this.restart(engine, !unreadableFile);
    return true;
  }

  /** Drops the engine so the next `start` loads the export again; `notice`: say so in a banner (it failed). */
  private async restart(crashed: Engine, notice = true): Promise<void> {
    if (this.engine !== crashed) return; // another query already restarted it
    this.engine = null;
    this.loading = null;
    this.pending = null;
    this.pendingTables = [];
    if (notice) {
      const why = crashed.stoppedBecause ?? 'DuckDB failed';
      this.notice = `${why}. Termscope started a new DuckDB and loaded the export again; the statement that was running when it stopped was not finished.`;
    }
    await crashed.terminate();
  }

  /** The banner was read. */
  dismissNotice(): void {
    this.notice = null;
  }
}
