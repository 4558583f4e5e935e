/**
 * The Parquet path: every table's Parquet file fetched and decoded in a worker (checked against the manifest's bytes,
 * rows and SHA-256), inserted into a compressed in-memory catalog, one DuckDB table per export table; the contract's
 * checks (`src/lib/contract/checks.ts`, the same the validator runs); lock-down. Used for exports without a usable
 * engine file (`engine-file-loader.ts`).
 *
 * What the first view needs comes first: for an export whose manifest says it was checked by these very rules (its
 * `engine.checks` is this code's `checksId()`), the required tables are loaded, the engine is locked down and the
 * export is ready; the history tables (`provision_versions`, `snapshots`) and the checks follow in the background
 * (`pending`), and queries that name a history table wait for it (`AppDbState`). Any other export is loaded and
 * checked whole before it is ready.
 *
 * Any failure rejects with a `LoadFailure` naming the file and saying how to fix it.
 */
import { checkColumns, checksId, formatProblem, runChecks, type SqlRunner } from '$lib/contract/checks';
import { TABLE_NAMES, tableSpec, type Manifest, type TableName } from '$lib/contract/schema';
import { DATA_CATALOG, type Engine } from './engine';
import type { DecodeRequest, DecodeResponse } from './parquet-protocol';
import { LoadFailure } from './errors';
import type { LoadError, TableProgress } from './types';

export const REGENERATE_HINT = 'Run `npm run data` to regenerate the demo export (or rebuild your export with `npm run export:build`), then reload.';

/** Loading order: what the first view needs first, big history tables last. */
export const LOAD_ORDER: readonly TableName[] = ['platforms', 'categories', 'documents', 'provisions', 'provision_versions', 'snapshots', 'clause_terms'];

/**
 * Tables no first view needs: loaded after the export is ready, when the manifest says it was checked already. The
 * history tables, and the search index (only /search reads it, and it is the largest file of an export).
 */
export const HISTORY_TABLES: readonly TableName[] = ['provision_versions', 'snapshots', 'clause_terms'];

type Opened = Extract<DecodeResponse, { type: 'opened' }>;
type DecodedBatch = Extract<DecodeResponse, { type: 'batch' }>;
type Failed = Extract<DecodeResponse, { type: 'error' }>;

/** Decodes files in a dedicated worker; a new worker per load so a parquet-wasm panic cannot poison the next one. */
class Decoder {
  private worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 0;
  private handlers = new Map<number, (message: DecodeResponse) => void>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<DecodeResponse>) => this.handlers.get(event.data.id)?.(event.data);
    this.worker.onerror = (event) => {
      for (const handler of this.handlers.values()) handler({ id: -1, type: 'error', stage: 'decode', message: event.message || 'decoder worker crashed' });
    };
  }

  /** Fetches a file, or reads a picked one (reporting progress), and reads its footer. */
  open(url: string, blob: Blob | undefined, onProgress: (loaded: number, total: number) => void): { id: number; opened: Promise<Opened> } {
    const id = this.nextId++;
    const opened = this.request<Opened>(id, { id, type: 'open', url, blob }, 'opened', onProgress);
    return { id, opened };
  }

  /** Decodes the file's `index`-th batch of row groups. */
  batch(id: number, index: number): Promise<DecodedBatch> {
    return this.request<DecodedBatch>(id, { id, type: 'batch', index }, 'batch');
  }

  close(id: number) {
    this.worker.postMessage({ id, type: 'close' } satisfies DecodeRequest);
  }

  private request<T extends DecodeResponse>(
    id: number,
    message: DecodeRequest,
    answer: T['type'],
    onProgress?: (loaded: number, total: number) => void
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.handlers.set(id, (response) => {
        if (response.type === 'progress') return onProgress?.(response.loaded, response.total);
        if (response.type === answer) resolve(response as T);
        else if (response.type === 'error') reject(response);
        else return;
        this.handlers.delete(id);
      });
      this.worker.postMessage(message);
    });
  }

  dispose() {
    this.worker.terminate();
    this.handlers.clear();
  }
}

const CORRUPT_HINT = 'The file is corrupt or not Parquet. Rebuild the export and check it with `npm run export:validate <folder>`.';
/** A row group too big to decode in the browser's memory: said as such, not as a corrupt file. */
function memoryFailure(url: string, f: Failed): LoadError {
  const mib = Math.round((f.memoryBytes ?? 0) / 1024 / 1024);
  return {
    file: url,
    message: `could not be decoded: its row groups hold ${mib.toLocaleString('en-US')} MiB uncompressed, more memory than this page can use at once (${f.message})`,
    hint: 'The file is valid Parquet, but each row group is decoded whole. Rebuild the export with smaller row groups (`npm run export:build` writes 122,880 rows per group), then reload.'
  };
}

const MISMATCH_HINT = 'The file changed after the manifest was written. Rebuild the export so they match.';

export interface ParquetLoad {
  /** Rows counted per table loaded so far (all of them once `pending` has settled). */
  rowCounts: Partial<Record<TableName, number>>;
  /** Each file's size and SHA-256 as read, per table loaded so far. */
  read: Partial<Record<TableName, { bytes: number; sha256: string }>>;
  /** History tables still loading in the background; empty when everything was loaded before returning. */
  pendingTables: TableName[];
  /** Settles when the background work (history tables, checks) is done; rejects with a `LoadFailure`. Null: none. */
  pending: Promise<void> | null;
}

/** One table's file, wherever it comes from. */
export interface TableInput {
  table: TableName;
  /** The file's name in the export (a problem of the contract's checks names it). */
  file: string;
  /** How messages name it: its URL, or its path in the folder or `.zip` the analyst opened. */
  label: string;
  /** Fetched by the decoder unless `blob` is set. */
  url: string;
  /** A file the analyst picked or dropped: read in the decoder worker. */
  blob?: Blob;
  /** What `manifest.json` says of it; absent for one's own files opened without a manifest (nothing to compare). */
  expected?: { bytes: number; sha256: string; rows: number };
}

/** The inputs of a hosted (or published) export: every listed table's file under `base`. */
export function hostedInputs(base: string, manifest: Manifest, tables: readonly TableName[]): TableInput[] {
  return tables.map((table) => {
    const entry = manifest.tables[table]!;
    const url = `${base}/${entry.file}`;
    return { table, file: entry.file, label: url, url, expected: { bytes: entry.bytes, sha256: entry.sha256, rows: entry.rows } };
  });
}

export interface ParquetOptions {
  /** How a problem spanning several files names the export (its folder URL, or the folder the analyst opened). */
  folder: string;
  /** The manifest says these very checks passed (`engine.checks` is `checksId()`): the history tables may follow. */
  checked: boolean;
  /** Whether a fetch failure is of the app's own origin (hosted) or of another (a URL the analyst opened). */
  fetchHint?: (status: number | undefined, message: string) => LoadError;
}

/**
 * Loads the tables' Parquet files into `engine` (whose data catalog is in memory). `onProgress` receives every
 * table's progress whenever it moves.
 */
export async function loadParquet(
  engine: Engine,
  inputs: readonly TableInput[],
  { folder, checked, fetchHint }: ParquetOptions,
  onProgress: (progress: TableProgress[]) => void
): Promise<ParquetLoad> {
  await engine.useMemoryCatalog();
  const decoder = new Decoder();
  const tables = inputs.map((i) => i.table);
  const progress: TableProgress[] = inputs.map((input) => ({
    table: input.table,
    file: input.file,
    phase: 'waiting',
    bytesLoaded: 0,
    bytesTotal: input.expected?.bytes ?? input.blob?.size ?? 0,
    rows: input.expected?.rows ?? 0,
    rowsLoaded: 0
  }));
  const update = (i: number, patch: Partial<TableProgress>) => {
    progress[i] = { ...progress[i]!, ...patch };
    onProgress([...progress]);
  };
  onProgress([...progress]);

  // Fetch every file at once (the network overlaps); decode and insert table by table, batch by batch.
  const files = inputs.map((input, i) => {
    const { id, opened } = decoder.open(input.url, input.blob, (loaded, total) =>
      update(i, { phase: 'fetching', bytesLoaded: loaded, bytesTotal: total || progress[i]!.bytesTotal })
    );
    opened.catch(() => undefined);
    return { ...input, id, opened };
  });

  const rowCounts: Partial<Record<TableName, number>> = {};
  const read: ParquetLoad['read'] = {};
  const insertTable = async (i: number): Promise<void> => {
    const { table, label: url, expected, id, opened } = files[i]!;
    const fail = (detail: LoadError): never => {
      update(i, { phase: 'error' });
      throw new LoadFailure(detail);
    };
    let file: Opened;
    try {
      file = await opened;
    } catch (failure) {
      const f = failure as Failed;
      if (f.stage === 'fetch' && fetchHint) return fail({ ...fetchHint(f.status, f.message), file: url });
      return fail(
        f.stage === 'fetch'
          ? { file: url, message: f.status === 404 ? 'not found (HTTP 404), although manifest.json lists it' : `could not be fetched (${f.message})`, hint: REGENERATE_HINT }
          : { file: url, message: `is not a readable Parquet file (${f.message})`, hint: CORRUPT_HINT }
      );
    }
    if (expected) {
      const mismatch: string[] = [];
      if (file.bytes !== expected.bytes) mismatch.push(`it has ${file.bytes} bytes, the manifest says ${expected.bytes}`);
      if (file.sha256 !== expected.sha256) mismatch.push(`its SHA-256 is ${file.sha256}, the manifest says ${expected.sha256}`);
      // Rows are compared after decoding: a corrupt file's footer may claim any count, and "cannot be read" is the
      // more useful thing to say about it.
      if (mismatch.length > 0) fail({ file: url, message: 'does not match manifest.json', details: mismatch, hint: MISMATCH_HINT });
    }

    read[table] = { bytes: file.bytes, sha256: file.sha256 };
    update(i, { phase: 'inserting', bytesLoaded: file.bytes, bytesTotal: file.bytes, rows: expected?.rows ?? file.rows, sha256: file.sha256 });
    let rowsLoaded = 0;
    for (let index = 0; index < file.batches; index++) {
      let batch: DecodedBatch;
      try {
        batch = await decoder.batch(id, index);
      } catch (failure) {
        const f = failure as Failed;
        if (f.memoryBytes !== undefined) return fail(memoryFailure(url, f));
        return fail({ file: url, message: `is not a readable Parquet file (${f.message})`, hint: CORRUPT_HINT });
      }
      await insertBatch(engine, table, url, batch.ipc, index === 0);
      rowsLoaded += batch.rows;
      update(i, { rowsLoaded });
    }
    decoder.close(id);
    const rows = Number((await engine.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    if (expected && rows !== expected.rows) {
      fail({ file: url, message: 'does not match manifest.json', details: [`it has ${rows} rows, the manifest says ${expected.rows}`], hint: MISMATCH_HINT });
    }
    rowCounts[table] = rows;
    update(i, { phase: 'done', rows });
  };

  const later = checked ? tables.filter((t) => HISTORY_TABLES.includes(t)) : [];
  const fileOf = new Map(inputs.map((i) => [i.table, i.file]));
  const check = async () => {
    const problems = await contractProblems(engine, folder, fileOf);
    if (problems) throw problems;
  };
  try {
    for (const [i, table] of tables.entries()) if (!later.includes(table)) await insertTable(i);
    if (!checked) await check();
  } catch (error) {
    decoder.dispose();
    throw error;
  }
  // Loading needs no file, URL or setting, so the engine is locked before the first view's queries, even while
  // history tables are still being inserted; the watchdog starts once they are in (an insert is one long step).
  await engine.lockDown({ watch: later.length === 0 });
  if (later.length === 0) {
    await engine.finishLoading();
    decoder.dispose();
    return { rowCounts, read, pendingTables: [], pending: null };
  }
  const pending = (async () => {
    try {
      for (const [i, table] of tables.entries()) if (later.includes(table)) await insertTable(i);
      await engine.finishLoading();
      await check();
      engine.watch();
    } finally {
      decoder.dispose();
    }
  })();
  return { rowCounts, read, pendingTables: later, pending };
}

/**
 * The contract's checks on the loaded tables, as one `LoadFailure` listing the problems; null when there are none.
 * `files`: each loaded table's file name (which tables are present, and how problems name them).
 */
export async function contractProblems(engine: Engine, folder: string, files: ReadonlyMap<TableName, string>): Promise<LoadFailure | null> {
  const run: SqlRunner = (sql, params = []) => engine.query(sql, params as never);
  const { problems, more } = await runChecks(run, new Set(files.keys()));
  if (problems.length === 0) return null;
  const file = (t: TableName) => `${folder}/${files.get(t)!}`;
  return new LoadFailure({
    file: new Set(problems.map((p) => p.table)).size === 1 ? file(problems[0]!.table) : `${folder}/`,
    message: `breaks the export contract (${problems.length + more} problem${problems.length + more === 1 ? '' : 's'})`,
    details: [...problems.map((p) => formatProblem(p, files.get(p.table))), ...(more > 0 ? [`… and ${more} more`] : [])],
    hint: 'Fix the records and rebuild the export; `npm run export:validate <folder>` lists the same problems.'
  });
}

/**
 * Moves one decoded batch into the table. The first batch creates it: its columns are compared with the contract
 * (refused, naming the column, when they do not fit) and cast to the contract's types (e.g. TIMESTAMP_MS ->
 * TIMESTAMP); extra columns are kept as they are.
 */
async function insertBatch(engine: Engine, table: TableName, url: string, ipc: Uint8Array, first: boolean): Promise<void> {
  if (!(TABLE_NAMES as readonly string[]).includes(table)) throw new Error(`Not a contract table: ${table}`);
  let problems: string[] = [];
  try {
    await engine.loadBatch(ipc, async (run, staging) => {
      const columns = (await run(
        "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_catalog = 'memory' AND table_name = '_batch' ORDER BY ordinal_position"
      )) as { name: string; type: string }[];
      if (first) {
        problems = checkColumns(table, columns).map((p) => p.message);
        if (problems.length > 0) return;
      }
      const spec = tableSpec(table);
      const contractNames = new Set(spec.columns.map((c) => c.name));
      const present = new Set(columns.map((c) => c.name));
      const select = [
        // A column a later contract version added may be absent from an older export: it reads as null.
        ...spec.columns.map((c) => `CAST(${present.has(c.name) ? `"${c.name}"` : 'NULL'} AS ${c.type}) AS "${c.name}"`),
        ...columns.filter((c) => !contractNames.has(c.name) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)).map((c) => `"${c.name}"`)
      ].join(', ');
      const target = `${DATA_CATALOG}.main.${table}`;
      await run(first ? `CREATE TABLE ${target} AS SELECT ${select} FROM ${staging}` : `INSERT INTO ${target} SELECT ${select} FROM ${staging}`);
    });
  } catch (error) {
    throw new LoadFailure({ file: url, message: `could not be loaded into DuckDB (${(error as Error).message})` });
  }
  if (problems.length > 0) {
    throw new LoadFailure({
      file: url,
      message: `does not have the columns of table "${table}"`,
      details: problems,
      hint: 'See docs/DATA.md for the columns and types each table must have.'
    });
  }
}
