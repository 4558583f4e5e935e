/**
 * The app's one database owner: loads an export, exposes reactive load state, runs queries, and restarts the engine
 * (reloading the export) when the worker dies. Start-up is idempotent: one loading promise, shared by every caller.
 */
import type { AppDb } from './context';
import type { Engine } from './engine';
import { isFatalEngineError, LoadFailure } from './errors';
import type { ColumnarResult } from './columnar';
import type { ColumnarDb, ColumnQueryOptions, Db, ExportInfo, LoadError, Query, QueryOptions, TableProgress } from './types';
import type { Row } from './values';

export class AppDbState implements AppDb {
  status = $state<AppDb['status']>('idle');
  progress = $state<TableProgress[]>([]);
  info = $state<ExportInfo | null>(null);
  error = $state<LoadError | null>(null);
  /** Bumped after every (re)load so views can re-query. */
  generation = $state(0);
  /** Set when the engine had to be replaced (a stuck or terminated worker, a trap): what happened, for a banner. */
  notice = $state<string | null>(null);

  private loading: Promise<Engine> | null = null;
  private engine: Engine | null = null;

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
      const { engine, info } = await loadExport(this.base, {
        onProgress: (p) => (this.progress = p),
        onManifest: (i) => (this.info = i)
      });
      this.engine = engine;
      this.info = info;
      this.status = 'ready';
      this.generation++;
      return engine;
    } catch (error) {
      this.error =
        error instanceof LoadFailure
          ? error.detail
          : { file: `${this.base}/`, message: `could not be loaded: ${(error as Error).message ?? String(error)}` };
      this.status = 'error';
      throw error;
    }
  }

  async query(query: Query, options?: QueryOptions): Promise<Row[]> {
    let engine = await this.start();
    if (engine.isCrashed) {
      await this.restart(engine);
      engine = await this.start();
    }
    try {
      return await engine.query(query.sql, query.params, options);
    } catch (error) {
      if (!isFatalEngineError(error) && !engine.isCrashed) throw error;
      // The wasm instance is unusable after a trap: start a new one, reload the export, and try once more.
      await this.restart(engine);
      const fresh = await this.start();
      return fresh.query(query.sql, query.params, options);
    }
  }

  /** Like `query`, for ad-hoc SQL whose result stays in Arrow columns; restarts a crashed engine the same way. */
  async queryColumns(sql: string, options?: ColumnQueryOptions): Promise<ColumnarResult> {
    let engine = await this.start();
    if (engine.isCrashed) {
      await this.restart(engine);
      engine = await this.start();
    }
    try {
      return await engine.queryColumns(sql, options);
    } catch (error) {
      if (!isFatalEngineError(error) && !engine.isCrashed) throw error;
      // Not run again: an analyst's statement that crashed the engine would most likely crash the new one too.
      await this.restart(engine);
      void this.start().catch(() => undefined);
      throw error;
    }
  }

  private async restart(crashed: Engine): Promise<void> {
    if (this.engine !== crashed) return; // another query already restarted it
    this.engine = null;
    this.loading = null;
    const why = crashed.stoppedBecause ?? 'DuckDB failed';
    this.notice = `${why}. Termscope started a new DuckDB and loaded the export again; the statement that was running when it stopped was not finished.`;
    await crashed.terminate();
  }

  /** The banner was read. */
  dismissNotice(): void {
    this.notice = null;
  }
}
