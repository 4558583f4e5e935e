/**
 * The app's one database owner: loads an export, exposes reactive load state, runs queries, and restarts the engine
 * (reloading the export) when the worker dies. Start-up is idempotent: one loading promise, shared by every caller.
 *
 * Tables still loading in the background (the Parquet path's history tables, `loader.ts`) are waited for by the
 * queries that name them, and only by those. When the attached engine file turns out to be unreadable (a block that
 * fails its checksum), the export is loaded again from its Parquet files and the query runs once more.
 */
import type { TableName } from '$lib/contract/schema';
import type { AppDb } from './context';
import type { Engine } from './engine';
import { isEngineFileError, isFatalEngineError, LoadFailure } from './errors';
import type { ColumnarResult } from './columnar';
import type { ColumnarDb, ColumnQueryOptions, Db, ExportInfo, LoadError, Query, QueryOptions, TableProgress } from './types';
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

  constructor(readonly base: string) {}

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
      // Loaded in the browser only: duckdb-wasm at the top level of a page breaks prerendering.
      const { loadExport } = await import('./loader');
      const loaded = await loadExport(
        this.base,
        {
          onProgress: (p) => (this.progress = p),
          onManifest: (i) => (this.info = i)
        },
        { parquetBecause: this.parquetBecause }
      );
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
      return loaded.engine;
    } catch (error) {
      this.fail(error);
      throw error;
    }
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
