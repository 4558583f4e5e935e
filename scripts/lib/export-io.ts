/**
 * Reading and writing exports on disk: one ZSTD Parquet file per table plus manifest.json (see `schema.ts`).
 * The builder and the demo generator write with `writeExport`; the validator, tests and benchmarks read with
 * `loadExport` / `loadParquetTable` so the app's SQL runs in Node over exactly the files the browser gets.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { checkColumns, checksId, formatProblem, ident, runChecks } from '../../src/lib/contract/checks';
import {
  ENGINE_FILE,
  ENGINE_META_SCHEMA,
  ENGINE_META_TABLE,
  ENGINE_SORT,
  ENGINE_STORAGE_COMPATIBILITY
} from '../../src/lib/contract/engine-file';
import { parseManifest } from '../../src/lib/contract/manifest';
import {
  SCHEMA_VERSION,
  TABLE_NAMES,
  TABLES,
  columnDefinitions,
  isIsoDay,
  tableSpec,
  type Manifest,
  type ManifestEngine,
  type ManifestTable,
  type TableName
} from '../../src/lib/contract/schema';
import { loadOverview } from '../../src/lib/queries/overview';
import { atomFeed, FEED_FILE, latestChanges, type FeedOptions } from './atom-feed';
import { writeClauseTerms } from './clause-terms';
import { asAppDb, openNodeDb, type NodeDb } from './duckdb-node';

/** The overview page's numbers, computed when the export is written (see `Manifest.precomputed`). */
export const OVERVIEW_FILE = 'overview.json';

/** A problem with one file of an export: the message always starts with the file's path. */
export class ExportFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ExportFileError';
  }
}

/** Creates empty tables with the contract's columns, in contract order. */
export async function createContractTables(db: NodeDb, tables: readonly TableName[]): Promise<void> {
  for (const table of tables) await db.exec(`CREATE TABLE ${ident(table)} (${columnDefinitions(table)})`);
}

/**
 * Columns of a table beyond the contract's, in table order: source fields an importer or a producer kept (builder
 * input may carry them; their names are checked to be plain lowercase identifiers before they get here).
 */
export async function extraColumns(db: NodeDb, table: TableName): Promise<string[]> {
  const contract = new Set(tableSpec(table).columns.map((c) => c.name));
  const rows = await db.query(
    "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
    [table]
  );
  return rows.map((r) => String(r.column_name)).filter((name) => !contract.has(name));
}

/** A path as a SQL string literal. COPY … TO takes no bound parameters, so the path is quoted instead. */
function pathLiteral(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** manifest.json text: fixed key order and layout, so the same export always gives the same bytes. */
export function manifestJson(manifest: Manifest): string {
  const source: Manifest['source'] = {
    name: manifest.source.name,
    licence: manifest.source.licence,
    attribution: manifest.source.attribution,
    ...(manifest.source.synthetic !== undefined ? { synthetic: manifest.source.synthetic } : {}),
    ...(manifest.source.url !== undefined ? { url: manifest.source.url } : {})
  };
  const tables: Manifest['tables'] = {};
  for (const name of TABLE_NAMES) {
    const t = manifest.tables[name];
    if (t) tables[name] = { file: t.file, rows: t.rows, bytes: t.bytes, sha256: t.sha256 };
  }
  const ordered: Manifest = {
    schema_version: manifest.schema_version,
    generated_at: manifest.generated_at,
    ...(manifest.data_as_of !== undefined ? { data_as_of: manifest.data_as_of } : {}),
    source,
    tables,
    ...(manifest.precomputed?.overview || manifest.precomputed?.feed
      ? {
          precomputed: {
            ...(manifest.precomputed.overview ? { overview: manifest.precomputed.overview } : {}),
            ...(manifest.precomputed.feed ? { feed: manifest.precomputed.feed } : {})
          }
        }
      : {}),
    ...(manifest.engine ? { engine: engineEntry(manifest.engine) } : {})
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function engineEntry(e: ManifestEngine): ManifestEngine {
  return { file: e.file, bytes: e.bytes, sha256: e.sha256, storage_version: e.storage_version, duckdb_version: e.duckdb_version, checks: e.checks };
}

/** DuckDB's storage version number, from a database file's header (after an 8-byte checksum, "DUCK", then a uint64). */
export async function readStorageVersion(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(20);
    await file.read(header, 0, 20, 0);
    if (header.subarray(8, 12).toString('latin1') !== 'DUCK') throw new ExportFileError(path, 'is not a DuckDB database file (no "DUCK" in its header)');
    return Number(header.readBigUInt64LE(12));
  } finally {
    await file.close();
  }
}

/** The catalog the engine file is attached as while it is written. */
const ENGINE_OUT = 'engine_out';

/**
 * Writes the engine file (`engine-file.ts`): every table of the export, contract columns then extra ones (as in its
 * Parquet file), sorted by `ENGINE_SORT`; then runs the contract's checks on the file's own tables and records the
 * result in it, with each table's rows and Parquet SHA-256. Refuses (throws) when a check fails: an engine file
 * says its tables were checked, so one that does not pass is never written.
 *
 * Not byte-identical from run to run: DuckDB 1.4 puts a random database identifier in the file header and writes
 * blocks with unused space that is not zeroed (measured: two builds of the demo export give files of the same size
 * that differ in ~800 bytes). The Parquet files stay the byte-identical contract; the manifest records this file's
 * hash.
 */
async function writeEngineFile(db: NodeDb, path: string, tables: Manifest['tables']): Promise<ManifestEngine> {
  const names = TABLE_NAMES.filter((t) => tables[t]);
  const checks = checksId();
  // The working database: in memory, or a file for large exports (the demo generator's), named after it.
  const [{ name: home }] = (await db.query('SELECT current_database() AS name')) as [{ name: string }];
  const source = `"${home.replaceAll('"', '""')}"`;
  await db.exec(`ATTACH ${pathLiteral(path)} AS ${ENGINE_OUT} (STORAGE_VERSION '${ENGINE_STORAGE_COMPATIBILITY}')`);
  let attached = true;
  try {
    for (const table of names) {
      const columns = [...tableSpec(table).columns.map((c) => c.name), ...(await extraColumns(db, table))].map(ident).join(', ');
      const order = ENGINE_SORT[table].map(ident).join(', ');
      await db.exec(`CREATE TABLE ${ENGINE_OUT}.main.${ident(table)} AS SELECT ${columns} FROM ${source}.main.${ident(table)} ORDER BY ${order}`);
    }
    // The checks read unqualified table names: point them at the file's tables.
    await db.exec(`USE ${ENGINE_OUT}`);
    let result;
    try {
      result = await runChecks((sql, params) => db.query(sql, params), new Set(names), { rowNumbers: false });
    } finally {
      await db.exec(`USE ${source}`);
    }
    if (result.problems.length > 0) {
      const lines = result.problems.map((p) => formatProblem(p, tables[p.table]!.file));
      throw new Error(`The tables break the export contract; no engine file was written:\n  ${lines.join('\n  ')}${result.more > 0 ? `\n  … and ${result.more} more` : ''}`);
    }
    await db.exec(`CREATE SCHEMA ${ENGINE_OUT}.${ENGINE_META_SCHEMA}`);
    await db.exec(
      `CREATE TABLE ${ENGINE_OUT}.${ENGINE_META_SCHEMA}.${ENGINE_META_TABLE} (table_name VARCHAR, rows BIGINT, parquet_sha256 VARCHAR, checks VARCHAR)`
    );
    for (const table of names) {
      const entry = tables[table]!;
      await db.query(`INSERT INTO ${ENGINE_OUT}.${ENGINE_META_SCHEMA}.${ENGINE_META_TABLE} VALUES (?, ?, ?, ?)`, [table, entry.rows, entry.sha256, checks]);
    }
    const [{ version }] = (await db.query('SELECT version() AS version')) as [{ version: string }];
    await db.exec(`DETACH ${ENGINE_OUT}`);
    attached = false;
    // Everything is checkpointed into the file on DETACH; a write-ahead log left beside it would be published too.
    await rm(`${path}.wal`, { force: true });
    return {
      file: basename(path),
      bytes: (await stat(path)).size,
      sha256: await sha256File(path),
      storage_version: await readStorageVersion(path),
      duckdb_version: version,
      checks
    };
  } finally {
    if (attached) await db.exec(`DETACH ${ENGINE_OUT}`).catch(() => undefined);
  }
}

/**
 * Writes the given tables of `db` (contract columns, contract order) as `<table>.parquet` plus manifest.json, the
 * engine file (`termscope.duckdb`: the same tables as one DuckDB database, checked; see `writeEngineFile`), and,
 * when the required tables are all there, `overview.json`: the overview page's numbers computed with the app's own
 * queries (`loadOverview`) over the same rows, so the first view can paint before the engine has loaded; and, with a
 * version history, `changes.atom`: the latest changes as an Atom feed (`atom-feed.ts`).
 * With `provisions`, it also writes the search index `clause_terms` (computed here from provisions, whatever `db`
 * held under that name; `searchIndex: false` leaves it out, as older exports are).
 * Everything is written to a temporary sibling folder first and swapped in at the end, so a failure never leaves
 * half an export and an existing export at `outDir` stays until the new one is complete.
 */
export async function writeExport(
  db: NodeDb,
  outDir: string,
  source: Manifest['source'],
  generatedAt: string,
  requested: readonly TableName[],
  options: { dataAsOf?: string; searchIndex?: boolean; feed?: FeedOptions } = {}
): Promise<Manifest> {
  const indexed = requested.includes('provisions') && options.searchIndex !== false;
  const tables = [...requested.filter((t) => t !== 'clause_terms'), ...(indexed ? (['clause_terms'] as const) : [])];
  if (Number.isNaN(Date.parse(generatedAt))) throw new Error(`generated_at is not a timestamp: ${generatedAt}`);
  if (options.dataAsOf !== undefined && !isIsoDay(options.dataAsOf)) throw new Error(`data_as_of is not a day (YYYY-MM-DD): ${options.dataAsOf}`);
  const target = resolve(outDir);
  const parent = dirname(target);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(parent, `.${basename(target)}.tmp-${tag}`);
  await mkdir(temp, { recursive: true });
  try {
    if (indexed) await writeClauseTerms(db);
    const entries: Manifest['tables'] = {};
    // Byte-identical output is part of the contract. DuckDB 1.4.3 wrote the same bytes with 1 and 2 threads here,
    // but one thread keeps the bytes independent of the machine's core count (COPY takes ~1.6x as long).
    const [{ threads }] = (await db.query("SELECT current_setting('threads') AS threads")) as [{ threads: number }];
    await db.exec('SET threads = 1');
    try {
      for (const table of TABLE_NAMES.filter((t) => tables.includes(t))) {
        const file = `${table}.parquet`;
        const path = join(temp, file);
        // Contract columns in contract order, then the extra columns the input carried (kept, see `extraColumns`).
        const columns = [...tableSpec(table).columns.map((c) => c.name), ...(await extraColumns(db, table))].map(ident).join(', ');
        await db.exec(
          `COPY (SELECT ${columns} FROM ${ident(table)}) TO ${pathLiteral(path)} (FORMAT parquet, COMPRESSION zstd)`
        );
        const [{ n }] = (await db.query(`SELECT count(*) AS n FROM ${ident(table)}`)) as [{ n: number }];
        entries[table] = { file, rows: n, bytes: (await stat(path)).size, sha256: await sha256File(path) };
      }
    } finally {
      await db.exec(`SET threads = ${Number(threads)}`);
    }
    const manifest: Manifest = {
      schema_version: SCHEMA_VERSION,
      generated_at: generatedAt,
      ...(options.dataAsOf !== undefined ? { data_as_of: options.dataAsOf } : {}),
      source,
      tables: entries
    };
    manifest.engine = await writeEngineFile(db, join(temp, ENGINE_FILE), entries);
    if (TABLES.every((t) => t.optional || tables.includes(t.name))) {
      const overview = await loadOverview(asAppDb(db), manifest);
      await writeFile(join(temp, OVERVIEW_FILE), `${JSON.stringify(overview)}\n`);
      manifest.precomputed = { overview: OVERVIEW_FILE };
    }
    if (tables.includes('provision_versions')) {
      await writeFile(join(temp, FEED_FILE), atomFeed(manifest, await latestChanges(asAppDb(db)), options.feed));
      manifest.precomputed = { ...manifest.precomputed, feed: FEED_FILE };
    }
    const text = manifestJson(manifest);
    parseManifest(JSON.parse(text), join(target, 'manifest.json')); // never publish a manifest the app would refuse
    await writeFile(join(temp, 'manifest.json'), text);
    await swapInto(temp, target, tag);
    return manifest;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Replaces `target` by `temp`: old folder renamed away, new one renamed in, old one deleted. */
async function swapInto(temp: string, target: string, tag: string): Promise<void> {
  const old = join(dirname(target), `.${basename(target)}.old-${tag}`);
  let movedOld = false;
  try {
    await rename(target, old);
    movedOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(temp, target);
  } catch (error) {
    if (movedOld) await rename(old, target);
    throw error;
  }
  if (movedOld) await rm(old, { recursive: true, force: true });
}

/** Reads and checks `<dir>/manifest.json`; errors name the file. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExportFileError(path, code === 'ENOENT' ? 'not found (every export has a manifest.json)' : String(error));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExportFileError(path, `not valid JSON (${(error as Error).message})`);
  }
  return parseManifest(value, path);
}

/** Column names and DuckDB types of a Parquet file, as DuckDB reads them. */
export async function describeParquet(db: NodeDb, path: string): Promise<{ name: string; type: string }[]> {
  try {
    const rows = await db.query('DESCRIBE SELECT * FROM read_parquet(?)', [path]);
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } catch (error) {
    throw new ExportFileError(path, `cannot be read as Parquet (${firstLine(error)})`);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/**
 * Loads one Parquet file into table `table`, rows in file order (so `rowid + 1` is the file's row number), contract
 * columns cast to the contract's types, extra columns kept after them. Throws an `ExportFileError` naming the file
 * when it is unreadable or corrupt or its columns do not match the contract.
 */
export async function loadParquetTable(db: NodeDb, table: TableName, path: string): Promise<number> {
  try {
    await stat(path);
  } catch {
    throw new ExportFileError(path, `not found (manifest.json lists it for table ${table})`);
  }
  const actual = await describeParquet(db, path);
  const problems = checkColumns(table, actual);
  if (problems.length > 0) throw new ExportFileError(path, problems.map((p) => p.message).join('; '));
  const contract = tableSpec(table).columns;
  const names = new Set(contract.map((c) => c.name));
  const present = new Set(actual.map((c) => c.name));
  const select = [
    // A column a later contract version added may be absent from an older export: it reads as null.
    ...contract.map((c) => `CAST(${present.has(c.name) ? ident(c.name) : 'NULL'} AS ${c.type}) AS ${ident(c.name)}`),
    // Extra columns may have any name; quote them as identifiers, doubling quotes.
    ...actual.filter((c) => !names.has(c.name)).map((c) => `"${c.name.replaceAll('"', '""')}"`)
  ].join(', ');
  try {
    await db.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
    // Insertion order is kept (DuckDB's preserve_insertion_order default), so rowid follows the file.
    await db.query(`CREATE TABLE ${ident(table)} AS SELECT ${select} FROM read_parquet(?)`, [path]);
  } catch (error) {
    throw new ExportFileError(path, `cannot be read as Parquet (${firstLine(error)})`);
  }
  const [{ n }] = (await db.query(`SELECT count(*) AS n FROM ${ident(table)}`)) as [{ n: number }];
  return n;
}

export interface LoadedExport {
  db: NodeDb;
  manifest: Manifest;
  /** Tables loaded, in contract order. */
  tables: TableName[];
}

/** Opens a DuckDB database holding every table the export's manifest lists. */
export async function loadExport(dir: string): Promise<LoadedExport> {
  const manifest = await readManifest(dir);
  const db = await openNodeDb();
  try {
    const tables = TABLE_NAMES.filter((t) => manifest.tables[t]);
    for (const table of tables) {
      await loadParquetTable(db, table, join(dir, (manifest.tables[table] as ManifestTable).file));
    }
    return { db, manifest, tables };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The catalog an engine file is attached as: the same name the app uses, so the same unqualified SQL runs on it. */
export const ENGINE_CATALOG = 'termscope';

/**
 * Opens an export the way the app's fast path does: its engine file attached read-only as the default catalog
 * (`ENGINE_CATALOG`), nothing copied. Throws an `ExportFileError` naming the file when the manifest lists none or
 * it cannot be attached.
 */
export async function openEngineFile(dir: string): Promise<LoadedExport> {
  const manifest = await readManifest(dir);
  if (!manifest.engine) throw new ExportFileError(join(dir, 'manifest.json'), 'lists no engine file (manifest.engine)');
  const path = join(dir, manifest.engine.file);
  const db = await openNodeDb();
  try {
    await db.exec(`ATTACH ${pathLiteral(path)} AS ${ENGINE_CATALOG} (READ_ONLY)`);
  } catch (error) {
    db.close();
    throw new ExportFileError(path, `cannot be attached as a DuckDB database (${firstLine(error)})`);
  }
  await db.exec(`USE ${ENGINE_CATALOG}`);
  return { db, manifest, tables: TABLE_NAMES.filter((t) => manifest.tables[t]) };
}
