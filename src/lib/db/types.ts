/**
 * What pages and components see of the database. Only `src/lib/db/` imports `@duckdb/duckdb-wasm`; everything else
 * talks to these types (and Node tests provide the same shape over `@duckdb/node-api`).
 */
import type { Manifest, TableName } from '$lib/contract/schema';
import type { ColumnarResult } from './columnar';
import type { Row } from './values';

export type Param = string | number | boolean | null;

/** A statement built by a pure function in `src/lib/queries`: SQL text with `?` placeholders, and their values. */
export interface Query {
  sql: string;
  params: readonly Param[];
}

export interface QueryOptions {
  /** Aborting cancels the running query (duckdb-wasm `cancelSent`). */
  signal?: AbortSignal;
}

/** Caps of a column-wise result: past either, the result keeps the first rows and says it was cut. */
export interface ColumnQueryOptions extends QueryOptions {
  /** @default Infinity */
  maxRows?: number;
  /** Bytes of Arrow data held. @default Infinity */
  maxBytes?: number;
}

/**
 * Ad-hoc statements whose results stay in Arrow column form (the SQL console). No parameters: the statement is the
 * analyst's own text, and it is always cancellable.
 */
export interface ColumnarDb {
  queryColumns(sql: string, options?: ColumnQueryOptions): Promise<ColumnarResult>;
}

export interface Db {
  /** Runs one statement with bound parameters; rows in the shape of `values.ts`. */
  query(query: Query, options?: QueryOptions): Promise<Row[]>;
}

export type LoadPhase = 'waiting' | 'fetching' | 'decoding' | 'inserting' | 'checking' | 'done' | 'error';

export interface TableProgress {
  table: TableName;
  file: string;
  phase: LoadPhase;
  bytesLoaded: number;
  bytesTotal: number;
  rows: number;
  /** Rows moved into DuckDB so far. */
  rowsLoaded: number;
  /** The file's SHA-256 as read (Parquet path), once it is read. */
  sha256?: string;
}

/** A load failure, worded for the analyst: which file, what is wrong, how to fix it. */
export interface LoadError {
  file: string;
  message: string;
  hint?: string;
  /** Individual problems (contract checks), already formatted. */
  details?: string[];
}

export interface ExportInfo {
  /** URL of the export folder, e.g. "/exports/demo". */
  base: string;
  manifest: Manifest;
  /** Tables actually loaded (optional tables may be absent). */
  tables: TableName[];
  /** Rows per table: counted after loading (Parquet), or the engine file's record, which matches the manifest. */
  rowCounts: Partial<Record<TableName, number>>;
  /** How the tables reached the engine: the attached engine file, or the Parquet files loaded into memory. */
  path?: 'engine-file' | 'parquet';
  /** On the engine-file path: read in ranges as needed, or downloaded whole first (a host that ignores ranges). */
  engineFileSource?: 'ranges' | 'whole';
  /** Where the export came from (export-source.ts); absent means the hosted export at `base`. */
  origin?: 'hosted' | 'url' | 'files';
  /** False when the analyst's own files came without `manifest.json`: source and dates are then not stated. */
  manifestGiven?: boolean;
  /** Per table: the file's size and SHA-256 as read (the manifest's, on the engine-file path). */
  files?: Partial<Record<TableName, { file: string; bytes: number; sha256: string; format: 'parquet' | 'csv' }>>;
}
