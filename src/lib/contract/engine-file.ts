/**
 * The engine file: the export's tables as one DuckDB database (`termscope.duckdb`), written beside the Parquet files
 * by `writeExport` (builder, importers, demo generator) and listed in the manifest (`Manifest.engine`). The app
 * attaches it read-only over HTTP range requests, so a published export is queryable once the engine has started,
 * without fetching, hashing, decoding and inserting every Parquet file. The Parquet files remain the contract.
 *
 * Pure: read by the app, the writer and the validator.
 */
import type { Manifest, TableName } from './schema';

export const ENGINE_FILE = 'termscope.duckdb';

/**
 * The storage the writer asks DuckDB for (`ATTACH … (STORAGE_VERSION …)`): the newest that the app's engine
 * (duckdb-wasm 1.32, DuckDB v1.4.3) reads. On the demo export it makes a 12% smaller file than the default v1.0.0
 * storage (19.1 MB instead of 21.8 MB).
 */
export const ENGINE_STORAGE_COMPATIBILITY = 'v1.4.0';

/**
 * DuckDB storage version numbers (the file header's) that the app's engine reads: 64 is what v0.10 to v1.1 write, 65
 * v1.2, 66 v1.3, 67 v1.4. A file of any other version is not attached; the app loads the Parquet files instead.
 */
export const READABLE_STORAGE_VERSIONS: readonly number[] = [64, 65, 66, 67];

/**
 * Row order of each table in the file. DuckDB reads an attached file in blocks and skips row groups whose min/max
 * cannot match a filter, so rows that the views ask for together are stored together: provisions and their versions
 * by category (the compare view, the overview per category) then platform (the platform page, the matrix), snapshots
 * by document (the evidence of a provision or a platform's documents), the search index by term. Every order ends on the table's key, so it is
 * total and the file's rows come in the same order on every build.
 */
export const ENGINE_SORT: Readonly<Record<TableName, readonly string[]>> = {
  platforms: ['platform_id'],
  documents: ['platform_id', 'document_id'],
  categories: ['category_id'],
  provisions: ['category_id', 'platform_id', 'record_id'],
  provision_versions: ['category_id', 'platform_id', 'record_id', 'version'],
  snapshots: ['document_id', 'captured_at', 'snapshot_id'],
  // A search looks terms up: the rows of one term are together, so a lookup reads the few row groups holding it.
  clause_terms: ['term', 'record_id']
};

/**
 * Schema of the file holding what the writer recorded about it: one row per table with its rows and the SHA-256 of
 * the Parquet file it was made from, and the id of the checks that passed (`checksId()`). Outside `main`, so the SQL
 * console's table list does not show it.
 */
export const ENGINE_META_SCHEMA = 'termscope_meta';
export const ENGINE_META_TABLE = 'export_tables';

export interface EngineTableRecord {
  table_name: TableName;
  rows: number;
  parquet_sha256: string;
  checks: string;
}

/** The statement reading the file's record, from the catalog the file is attached as. */
export function engineRecordQuery(catalog: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(catalog)) throw new Error(`Not a catalog name: ${JSON.stringify(catalog)}`);
  return `SELECT table_name, rows, parquet_sha256, checks FROM ${catalog}.${ENGINE_META_SCHEMA}.${ENGINE_META_TABLE} ORDER BY table_name`;
}

/**
 * Why the file's record does not describe the export of `manifest` (a stale engine file beside rebuilt Parquet files,
 * another export's file), or null when it does: the same tables, each with the manifest's rows and Parquet SHA-256,
 * all checked by the rules the manifest names.
 */
export function engineRecordMismatch(records: readonly EngineTableRecord[], manifest: Manifest): string | null {
  const listed = Object.entries(manifest.tables).filter(([, entry]) => entry !== undefined);
  if (records.length !== listed.length) {
    return `it holds ${records.length} tables, the manifest lists ${listed.length}`;
  }
  for (const record of records) {
    const entry = manifest.tables[record.table_name];
    if (!entry) return `it holds table ${record.table_name}, which the manifest does not list`;
    if (record.parquet_sha256 !== entry.sha256) return `its ${record.table_name} was made from another ${entry.file} (SHA-256 ${record.parquet_sha256})`;
    if (Number(record.rows) !== entry.rows) return `its ${record.table_name} has ${record.rows} rows, the manifest says ${entry.rows}`;
    if (manifest.engine && record.checks !== manifest.engine.checks) return `its ${record.table_name} was checked by rules ${record.checks}, the manifest says ${manifest.engine.checks}`;
  }
  return null;
}
