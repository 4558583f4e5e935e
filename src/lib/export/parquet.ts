/**
 * Parquet download, the pure part: rows (with the app's cell shape) or Arrow -> Parquet bytes with parquet-wasm
 * (arrow-rs compiled to wasm). The caller hands in the parquet-wasm module it has initialised — 'parquet-wasm/esm' in
 * the worker (`parquet-writer.worker.ts`), 'parquet-wasm/node' in tests — so this file runs unchanged in both.
 *
 * Types follow the contract's DuckDB types, so reading the file back with `read_parquet` gives the same columns:
 * VARCHAR -> Utf8, VARCHAR[] -> List<Utf8>, INTEGER -> Int32, BIGINT -> Int64, DOUBLE -> Float64, BOOLEAN -> Bool,
 * DATE ('YYYY-MM-DD') -> Date32, TIMESTAMP (Date, UTC) -> Timestamp(µs) without a zone, as DuckDB writes its TIMESTAMP.
 */
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Table,
  TimestampMicrosecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType
} from 'apache-arrow';
import type * as ParquetWasmModule from 'parquet-wasm/esm';
import { parseDay } from '$lib/format/date';
import type { Cell, Row } from '$lib/db/values';
import type { ExportCell, ExportColumn, ExportType } from './source';

export type ParquetWasm = Pick<typeof ParquetWasmModule, 'Table' | 'writeParquet' | 'WriterPropertiesBuilder' | 'Compression'>;

export const PARQUET_MIME = 'application/vnd.apache.parquet';

export interface ParquetOptions {
  /** ZSTD is in parquet-wasm 0.8's build (checked by the tests); SNAPPY is faster to write and larger. @default 'zstd' */
  compression?: 'zstd' | 'snappy';
  /** Rows per row group; DuckDB's own default, so readers can skip and parallelise as they do on DuckDB's files. */
  rowGroupSize?: number;
}

/** The Arrow type of each export type (a fresh one per column: Arrow types are objects). */
const ARROW_TYPES: Record<ExportType, () => DataType> = {
  VARCHAR: () => new Utf8(),
  'VARCHAR[]': () => new List(new Field('element', new Utf8(), true)),
  INTEGER: () => new Int32(),
  BIGINT: () => new Int64(),
  DOUBLE: () => new Float64(),
  BOOLEAN: () => new Bool(),
  DATE: () => new DateDay(),
  TIMESTAMP: () => new TimestampMicrosecond()
};

function arrowType(type: ExportType): DataType {
  return ARROW_TYPES[type]();
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A cell -> the value Arrow's builder takes for `type`, or a message saying why it cannot be one. */
function arrowValue(type: ExportType, v: ExportCell): unknown {
  if (v === null) return null;
  switch (type) {
    case 'VARCHAR':
      if (typeof v === 'string') return v;
      break;
    case 'VARCHAR[]':
      if (Array.isArray(v) && v.every((item) => item === null || typeof item === 'string')) return v;
      break;
    case 'INTEGER':
      if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return v;
      break;
    case 'BIGINT':
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      break;
    case 'DOUBLE':
      if (typeof v === 'number') return v;
      break;
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      break;
    case 'DATE':
      if (typeof v === 'string') return parseDay(v);
      break;
    case 'TIMESTAMP':
      if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
      break;
  }
  throw new TypeError(`expected ${type}, got ${v instanceof Date ? 'an invalid Date' : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))}`);
}

function kindOf(v: Cell): ExportType | 'INTEGRAL' {
  if (typeof v === 'string') return 'VARCHAR';
  if (typeof v === 'boolean') return 'BOOLEAN';
  if (v instanceof Date) return 'TIMESTAMP';
  if (Array.isArray(v)) return 'VARCHAR[]';
  return Number.isSafeInteger(v) ? 'INTEGRAL' : 'DOUBLE';
}

/**
 * The type of an untyped column, from its values: text, list of text, boolean, timestamp, BIGINT when every number
 * is a whole number, DOUBLE otherwise; VARCHAR when all are null. A 'YYYY-MM-DD' string stays text: declare DATE.
 */
export function inferType(rows: readonly Row[], key: string): ExportType {
  let found: ExportType | 'INTEGRAL' | null = null;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]![key];
    if (v === null || v === undefined) continue;
    const kind = kindOf(v);
    if (found === null || found === kind) found = kind;
    else if ((found === 'INTEGRAL' || found === 'DOUBLE') && (kind === 'INTEGRAL' || kind === 'DOUBLE')) found = 'DOUBLE';
    else throw new TypeError(`Column "${key}" mixes kinds of values (row ${r + 1} holds ${JSON.stringify(v)}); give the column a type`);
  }
  return found === null ? 'VARCHAR' : found === 'INTEGRAL' ? 'BIGINT' : found;
}

/** Row objects + the columns to keep, in order -> an Arrow table whose column names are the keys. */
export function rowsToArrow(rows: readonly Row[], columns: readonly ExportColumn[]): Table {
  if (columns.length === 0) throw new Error('A Parquet file needs at least one column');
  const vectors = Object.fromEntries(
    columns.map(({ key, type: declared }) => {
      const type = declared ?? inferType(rows, key);
      const values = rows.map((row, r) => {
        const v = row[key];
        if (v === undefined) throw new Error(`Parquet: row ${r + 1} has no field "${key}"`);
        try {
          return arrowValue(type, v);
        } catch (error) {
          throw new TypeError(`Parquet: row ${r + 1}, column "${key}": ${(error as Error).message}`, { cause: error });
        }
      });
      return [key, vectorFromArray(values, arrowType(type))];
    })
  );
  return new Table(vectors);
}

/** Arrow (an apache-arrow Table or IPC stream bytes) -> Parquet bytes. */
export function arrowToParquet(pw: ParquetWasm, arrow: Table | Uint8Array, { compression = 'zstd', rowGroupSize = 122_880 }: ParquetOptions = {}): Uint8Array {
  const ipc = arrow instanceof Uint8Array ? arrow : tableToIPC(arrow, 'stream');
  const table = pw.Table.fromIPCStream(ipc);
  const properties = new pw.WriterPropertiesBuilder()
    .setCompression(compression === 'zstd' ? pw.Compression.ZSTD : pw.Compression.SNAPPY)
    .setMaxRowGroupSize(rowGroupSize)
    .setCreatedBy('Termscope')
    .build();
  return pw.writeParquet(table, properties); // consumes (frees) both the table and the properties
}

export function rowsToParquet(pw: ParquetWasm, rows: readonly Row[], columns: readonly ExportColumn[], options?: ParquetOptions): Uint8Array {
  return arrowToParquet(pw, rowsToArrow(rows, columns), options);
}
