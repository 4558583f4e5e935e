/**
 * The only module that imports `@duckdb/duckdb-wasm`. Starts one DuckDB instance in a worker, locks it down and runs
 * queries. Everything else in the app uses `Engine` through `AppDbState`.
 *
 * Bundle: `eh` (wasm exceptions). `mvp` in 1.32.0 turns every SQL error into "_setThrew is not defined"; `coi` needs
 * cross-origin isolation. Wasm and worker come from Vite `?url` imports so they are served from the app's own origin.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import { arrowToRows } from './arrow-rows';
import { ColumnarResult, type Truncation } from './columnar';
import { ENGINE_WASM_URL, ENGINE_WORKER_URL } from './engine-assets';
import { isFatalEngineError, QueryCancelled } from './errors';
import { EngineUnresponsive, rangeReadStallMs, Watchdog } from './watchdog';
import type { ColumnQueryOptions, Param, QueryOptions } from './types';
import type { Row } from './values';

/**
 * Catalog holding the export's tables, whichever way they came in (the attached engine file, or the Parquet files
 * loaded into memory); every query connection uses it as its default, so views name tables without a catalog. The one
 * place that decides where the tables live.
 */
export const DATA_CATALOG = 'termscope';
/** Uncompressed scratch table of the loading connection: one Arrow batch at a time passes through it. */
export const STAGING_TABLE = 'memory.main._batch';
/**
 * DuckDB's memory limit once the export is in: wasm memory ends at 4 GiB, and a statement that needs more than that
 * would trap the instance instead of failing; with the limit it fails with DuckDB's "Out of Memory Error".
 */
export const MEMORY_LIMIT = '3GB';
/** Name the engine file is registered under in duckdb-wasm's virtual file system (its URL is registered with it). */
const ENGINE_FILE_NAME = 'export.duckdb';

/** How the engine file reaches DuckDB: read in ranges over HTTP as blocks are needed, or fetched whole first. */
export type EngineFileSource = { kind: 'ranges'; url: string; bytes: number } | { kind: 'whole'; blob: Blob };

/** The page's one copy of duckdb-wasm's wasm, as a `blob:` URL (`engineWasm`). */
let wasmUrl: Promise<string> | null = null;

/**
 * duckdb-wasm's wasm, fetched once per page by the page itself and handed to each engine's worker as a `blob:` URL.
 * The first engine starts in the client `init` hook (early-engine.ts), so the download begins with the app's first
 * scripts. Before, the page's head preloaded the file and the worker fetched it again: a worker cannot take a page's
 * preload, and where the HTTP cache does not keep a 33 MB file (a private window, a fresh profile) every page load
 * downloaded it twice, 69 MB instead of 34. An engine started after a crash takes the same copy. duckdb-wasm compiles
 * it from the blob as from the network (`instantiateStreaming`); it builds its own Response around the download, so
 * the browser never code-cached the wasm either way. A failed download is tried again by the next start.
 */
function engineWasm(): Promise<string> {
  wasmUrl ??= (async () => {
    const response = await fetch(ENGINE_WASM_URL, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${ENGINE_WASM_URL} answered HTTP ${response.status}`);
    const bytes = await response.blob();
    // instantiateStreaming wants the wasm MIME type, which a blob: response takes from the Blob.
    return URL.createObjectURL(bytes.type === 'application/wasm' ? bytes : new Blob([bytes], { type: 'application/wasm' }));
  })();
  wasmUrl.catch(() => (wasmUrl = null));
  return wasmUrl;
}

export class Engine {
  private idle: duckdb.AsyncDuckDBConnection[] = [];
  /** The SQL console's own connections: whatever per-connection state a statement there could set stays there. */
  private consoleIdle: duckdb.AsyncDuckDBConnection[] = [];
  /** Why the engine stopped (a stuck or terminated worker, a trap), for the page to say so. */
  private stopReason: string | null = null;
  private readonly watchdog: Watchdog;
  private loaderConnection: duckdb.AsyncDuckDBConnection | null = null;
  /** The data catalog is an engine file read in ranges over HTTP (`attachEngineFile`). */
  /** The heartbeat's limit once loaded: longer for an engine file read in ranges (`rangeReadStallMs`). */
  private stallMs: number | undefined;
  private crashed = false;
  /** Rejecters of statements in flight: a dead worker never answers them, so its error event does. */
  private inFlight = new Set<(error: Error) => void>();

  private constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly worker: Worker
  ) {
    this.watchdog = new Watchdog(
      () => db.ping(),
      (error) => {
        this.crashed = true;
        this.stopReason ??= error.message;
        worker.terminate();
      }
    );
    worker.addEventListener('error', (event) => {
      this.crashed = true;
      const error = new Error(`DuckDB worker crashed: ${event.message || 'unknown error'}`);
      this.stopReason ??= error.message;
      for (const reject of this.inFlight) reject(error);
      this.inFlight.clear();
      this.watchdog.trip(new EngineUnresponsive(error.message));
    });
  }

  static async start(): Promise<Engine> {
    const wasm = engineWasm();
    const worker = new Worker(ENGINE_WORKER_URL);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    try {
      await db.instantiate(await wasm);
      await db.open({
        query: { castDecimalToDouble: true },
        // Read an attached file in ranges (a ranged HEAD, then a ranged GET per run of blocks). duckdb-wasm 1.32
        // otherwise reads HTTP files whole ("forceFullHttpReads" is on unless it is set off) and, with full reads
        // not allowed either, fails to open them ("database does not exist"). A host that ignores ranges is detected
        // before attaching, and the file is then fetched whole by the loader instead (engine-file-loader.ts).
        filesystem: { allowFullHTTPReads: false, forceFullHTTPReads: false }
      });
      const boot = await db.connect();
      // Before anything else runs: a failed extension autoload inside a query breaks the instance (no network here).
      await boot.query('SET autoload_known_extensions = false');
      await boot.query('SET autoinstall_known_extensions = false');
      await boot.close();
      return new Engine(db, worker);
    } catch (error) {
      worker.terminate();
      throw error;
    }
  }

  get isCrashed(): boolean {
    return this.crashed;
  }

  /** What stopped this engine, when something did (not set by an ordinary `terminate()`). */
  get stoppedBecause(): string | null {
    return this.stopReason;
  }

  /**
   * For the Parquet path: the export's tables go into a compressed in-memory catalog. Measured on the
   * 1,000,000-provision export: 0.9 GiB instead of 3.9 GiB, which is what lets it fit in wasm's 4 GiB at all.
   */
  async useMemoryCatalog(): Promise<void> {
    await this.setup(`ATTACH ':memory:' AS ${DATA_CATALOG} (COMPRESS)`);
  }

  /**
   * For the fast path: the export's engine file attached read-only as the data catalog. Nothing is read but the
   * header and the catalog's metadata; table blocks are read when a query needs them (and kept in DuckDB's buffer
   * pool). Must run before `lockDown`: with external access off, ATTACH is refused (the attached file is still read).
   */
  async attachEngineFile(source: EngineFileSource): Promise<void> {
    this.stallMs = source.kind === 'ranges' ? rangeReadStallMs(source.bytes) : undefined;
    await this.guard(async () => {
      if (source.kind === 'ranges') {
        await this.db.registerFileURL(ENGINE_FILE_NAME, source.url, duckdb.DuckDBDataProtocol.HTTP, false);
      } else {
        // A Blob is read in slices when DuckDB asks (FileReaderSync): the file never has to fit in wasm's memory.
        await this.db.registerFileHandle(ENGINE_FILE_NAME, source.blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      }
    });
    await this.setup(`ATTACH '${ENGINE_FILE_NAME}' AS ${DATA_CATALOG} (READ_ONLY)`);
  }

  /**
   * Loading the analyst's CSV files: `blob` (a picked File) becomes readable by `read_csv` as `name`, read in slices
   * when DuckDB asks (FileReaderSync), never copied whole into wasm's memory. Before `lockDown` only.
   */
  async registerFile(name: string, blob: Blob): Promise<void> {
    await this.guard(() => this.db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true));
  }

  async dropFile(name: string): Promise<void> {
    await this.guard(() => this.db.dropFile(name));
  }

  /** `SELECT 1` on a connection of its own, before there is a data catalog: the benchmark's floor (engine-lab). */
  async ping(): Promise<void> {
    await this.setup('SELECT 1');
  }

  /** A statement that creates the data catalog: on a connection of its own, since query connections `USE` it. */
  private async setup(sql: string): Promise<void> {
    await this.guard(async () => {
      const conn = await this.db.connect();
      try {
        await conn.query(sql);
      } finally {
        await conn.close();
      }
    });
  }

  /**
   * After the export is loaded: no files, URLs, extensions or settings for any later statement (the SQL console
   * included). Order matters: `lock_configuration` last. Then every call races the watchdog's heartbeat — unless
   * `watch` is false: work still to come in the background (history tables, deferred checks) holds the worker for
   * long single steps by design, and `watch()` is called once it is done.
   */
  async lockDown({ watch = true }: { watch?: boolean } = {}): Promise<void> {
    await this.exec(`SET memory_limit = '${MEMORY_LIMIT}'`);
    await this.exec('SET enable_external_access = false');
    await this.exec('SET lock_configuration = true');
    if (watch) this.watch();
  }

  /**
   * From now on every call races the heartbeat. An engine file read in ranges holds the worker while a statement's
   * blocks come in, one synchronous request after another: measured at 1,000,000 provisions on this machine's
   * loopback, the timeline's version index reads 166 MiB in 6 s and a year of changes 528 MiB in 15 s (more on a
   * real network) — slow, not stuck — so the heartbeat then allows for reading the whole file (`rangeReadStallMs`:
   * 10 s for the demo's 19 MiB, 60 s at 1,000,000 provisions).
   */
  watch(): void {
    this.watchdog.arm(this.stallMs);
  }

  /**
   * Loading, one Arrow batch at a time: the batch goes into the uncompressed staging table (`STAGING_TABLE`) on a
   * connection of its own, and `move` (running statements on that connection) takes it into the data catalog. Only
   * one batch is ever held uncompressed, so a table larger than half of wasm's memory still loads.
   */
  async loadBatch(
    ipc: Uint8Array,
    move: (run: (sql: string) => Promise<Row[]>, staging: string) => Promise<void>
  ): Promise<void> {
    await this.guard(async () => {
      this.loaderConnection ??= await this.db.connect();
      const conn = this.loaderConnection;
      await conn.query(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
      await conn.insertArrowFromIPCStream(ipc, { name: '_batch', create: true });
      await move(async (sql) => arrowToRows(await conn.query(sql)), STAGING_TABLE);
      await conn.query(`DROP TABLE ${STAGING_TABLE}`);
    });
  }

  /** Ends loading: the staging connection is closed so no later statement can see the scratch catalog's table. */
  async finishLoading(): Promise<void> {
    const conn = this.loaderConnection;
    this.loaderConnection = null;
    await conn?.close();
  }

  /** Runs a statement with no parameters and no result of interest (DDL, SET). */
  async exec(sql: string): Promise<void> {
    await this.withConnection(undefined, this.idle, (conn) => conn.query(sql));
  }

  async query(sql: string, params: readonly Param[] = [], options: QueryOptions = {}): Promise<Row[]> {
    return arrowToRows(await this.queryArrow(sql, params, options));
  }

  /**
   * Runs one statement. Without parameters it is sent as a pending query, which `cancelSent` can stop; with
   * parameters it runs as a prepared statement (duckdb-wasm runs those to completion; an abort then only discards
   * the result).
   */
  async queryArrow(sql: string, params: readonly Param[] = [], { signal }: QueryOptions = {}): Promise<Table> {
    signal?.throwIfAborted();
    // No abort deadline here, only the heartbeat: a view's prepared statement runs to completion in duckdb-wasm even
    // after its (stale) query is aborted, and that is not a stuck worker.
    return this.withConnection(undefined, this.idle, async (conn) => {
      if (params.length > 0) {
        const statement = await conn.prepare(sql);
        try {
          const result = await statement.query(...params);
          if (signal?.aborted) throw new QueryCancelled();
          return result;
        } finally {
          await statement.close();
        }
      }
      const onAbort = () => void conn.cancelSent();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const reader = await conn.send(sql, true);
        const batches = [];
        for await (const batch of reader) batches.push(batch);
        if (signal?.aborted) throw new QueryCancelled();
        return batches.length > 0 ? new Table(batches) : new Table(reader.schema);
      } catch (error) {
        if (signal?.aborted) throw new QueryCancelled();
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  /**
   * Runs one statement without parameters (the SQL console's), always cancellable, keeping the result in Arrow form.
   * Batches are read as they stream in; once `maxRows` or `maxBytes` would be exceeded the rest is cancelled and the
   * result says it was cut, so a huge result cannot exhaust the tab's memory.
   */
  async queryColumns(sql: string, { signal, maxRows = Infinity, maxBytes = Infinity }: ColumnQueryOptions = {}): Promise<ColumnarResult> {
    signal?.throwIfAborted();
    return this.withConnection(signal, this.consoleIdle, async (conn) => {
      const onAbort = () => void conn.cancelSent();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const reader = await conn.send(sql, true);
        const batches = [];
        let rows = 0;
        let bytes = 0;
        let truncated: Truncation | null = null;
        for await (const batch of reader) {
          if (rows + batch.numRows > maxRows) {
            if (maxRows > rows) batches.push(batch.slice(0, maxRows - rows));
            truncated = { reason: 'rows', limit: maxRows };
            break;
          }
          bytes += batch.data.byteLength;
          if (bytes > maxBytes) {
            truncated = { reason: 'bytes', limit: maxBytes };
            break;
          }
          batches.push(batch);
          rows += batch.numRows;
        }
        // Stops the statement in the worker: the rows past the cap are never produced or sent.
        if (truncated) await conn.cancelSent();
        if (signal?.aborted) throw new QueryCancelled();
        const table = batches.length > 0 ? new Table(batches) : new Table(reader.schema);
        return new ColumnarResult(table, truncated);
      } catch (error) {
        if (signal?.aborted) throw new QueryCancelled();
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  /**
   * One connection per statement in flight, so a cancel stops only that statement; taken from `pool` (the views' or
   * the console's). With `signal`, the statement must stop soon after an abort, or the watchdog gives the worker up.
   */
  private async withConnection<T>(
    signal: AbortSignal | undefined,
    pool: duckdb.AsyncDuckDBConnection[],
    work: (conn: duckdb.AsyncDuckDBConnection) => Promise<T>
  ): Promise<T> {
    let healthy = true;
    let conn: duckdb.AsyncDuckDBConnection | undefined;
    try {
      return await this.guard(async () => {
        conn = pool.pop() ?? (await this.newConnection());
        return work(conn);
      }, signal);
    } catch (error) {
      if (this.crashed) healthy = false;
      throw error;
    } finally {
      if (healthy && conn) pool.push(conn);
    }
  }

  private async newConnection(): Promise<duckdb.AsyncDuckDBConnection> {
    const conn = await this.db.connect();
    await conn.query(`USE ${DATA_CATALOG}`);
    return conn;
  }

  /**
   * Marks the engine crashed on a fatal error, rejects the work when the worker dies under it, and races it against
   * the watchdog's heartbeat (and, with a signal, against the time the statement may take to stop once aborted).
   */
  private async guard<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.crashed) throw new Error('DuckDB worker crashed earlier; a new engine is needed');
    let reject!: (error: Error) => void;
    const died = new Promise<never>((_, r) => (reject = r));
    this.inFlight.add(reject);
    try {
      return await this.watchdog.run(() => Promise.race([work(), died]), signal);
    } catch (error) {
      if (isFatalEngineError(error)) {
        // A trap poisons the instance: every later statement would fail or read garbage. Give it up now, so the next
        // query starts a fresh one.
        this.crashed = true;
        this.stopReason ??= `DuckDB failed inside its WebAssembly (${error instanceof Error ? error.message : String(error)})`;
      }
      throw error;
    } finally {
      this.inFlight.delete(reject);
    }
  }

  async terminate(): Promise<void> {
    this.crashed = true;
    this.idle = [];
    this.consoleIdle = [];
    await this.db.terminate().catch(() => undefined);
    this.worker.terminate();
  }
}
