/**
 * A query result kept as Arrow columns (for the SQL console's grid, chart and downloads): a million-row result stays a
 * handful of typed arrays instead of a million row objects. Cells are converted only when read, with the same
 * converters as `arrowToRows`, so a cell here equals the same cell of `engine.query()`.
 *
 * Free of `@duckdb/duckdb-wasm`: Node tests build one from any Arrow table.
 */
import { DataType, Type, type Table, type Vector } from 'apache-arrow';
import { converterFor, type Convert } from './arrow-rows';
import type { Cell } from './values';

/** How a column is shown and charted. */
export type ColumnKind = 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'list' | 'other';

export interface ResultColumn {
  /** Position in the result (names may repeat: `SELECT 1 AS a, 2 AS a`). */
  index: number;
  name: string;
  /** DuckDB's name for the type, e.g. "BIGINT", "VARCHAR[]". */
  type: string;
  kind: ColumnKind;
}

/** Why a result holds fewer rows than the statement produced. */
export interface Truncation {
  reason: 'rows' | 'bytes';
  /** The cap that was reached: rows, or bytes of Arrow data. */
  limit: number;
}

/** Sort key of a cell: numbers for numbers, dates and booleans; strings for text; null sorts last. */
export type SortKey = number | string | null;

/** The SQL names of the Arrow types whose id alone names them; the others are read from the type (`typeName`). */
const TYPE_NAMES: Partial<Record<Type, string>> = {
  [Type.Int8]: 'TINYINT',
  [Type.Int16]: 'SMALLINT',
  [Type.Int32]: 'INTEGER',
  [Type.Int64]: 'BIGINT',
  [Type.Uint8]: 'UTINYINT',
  [Type.Uint16]: 'USMALLINT',
  [Type.Uint32]: 'UINTEGER',
  [Type.Uint64]: 'UBIGINT',
  [Type.Float16]: 'FLOAT',
  [Type.Float32]: 'FLOAT',
  [Type.Float64]: 'DOUBLE',
  [Type.Utf8]: 'VARCHAR',
  [Type.LargeUtf8]: 'VARCHAR',
  [Type.Bool]: 'BOOLEAN',
  [Type.Date]: 'DATE',
  [Type.DateDay]: 'DATE',
  [Type.DateMillisecond]: 'DATE',
  [Type.Time]: 'TIME',
  [Type.TimeSecond]: 'TIME',
  [Type.TimeMillisecond]: 'TIME',
  [Type.TimeMicrosecond]: 'TIME',
  [Type.TimeNanosecond]: 'TIME',
  [Type.Interval]: 'INTERVAL',
  [Type.Duration]: 'INTERVAL',
  [Type.Struct]: 'STRUCT',
  [Type.Map]: 'MAP',
  [Type.Binary]: 'BLOB',
  [Type.LargeBinary]: 'BLOB',
  [Type.FixedSizeBinary]: 'BLOB',
  [Type.Null]: 'NULL'
};

function typeName(type: DataType): string {
  const named = TYPE_NAMES[type.typeId];
  if (named !== undefined) return named;
  switch (type.typeId) {
    case Type.Int: {
      const int = type as unknown as { bitWidth: number; isSigned: boolean };
      const base = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[int.bitWidth] ?? 'INTEGER';
      return int.isSigned ? base : `U${base}`;
    }
    case Type.Float:
      return (type as unknown as { precision: number }).precision === 2 ? 'DOUBLE' : 'FLOAT';
    case Type.Decimal: {
      const d = type as unknown as { precision: number; scale: number };
      return `DECIMAL(${d.precision},${d.scale})`;
    }
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return (type as unknown as { timezone?: string | null }).timezone ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    case Type.List:
    case Type.FixedSizeList: {
      const child = type.children[0];
      return `${child ? typeName(child.type) : 'ANY'}[]`;
    }
    default:
      return String(type);
  }
}

export function columnKind(type: DataType): ColumnKind {
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return 'number';
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'text';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isBool(type)) return 'boolean';
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) return 'list';
  return 'other';
}

/** Cell -> sort key, per column kind, without building the display value twice. */
function sortKeyOf(kind: ColumnKind, convert: Convert): (value: unknown) => SortKey {
  switch (kind) {
    case 'number':
    case 'date':
    case 'timestamp':
      // Raw Arrow values are numbers (or bigint, epoch ms for dates and timestamps): comparable as they are.
      return (v) => (v == null ? null : typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : Number(v));
    case 'boolean':
      return (v) => (v == null ? null : v ? 1 : 0);
    case 'text':
      return (v) => (v == null ? null : (v as string));
    default:
      return (v) => {
        const cell = safeConvert(convert, v);
        return cell === null ? null : typeof cell === 'string' ? cell : JSON.stringify(cell);
      };
  }
}

/** A 64-bit integer beyond 2^53 cannot become a number without rounding: show its exact digits instead of failing. */
function safeConvert(convert: Convert, value: unknown): Cell {
  try {
    return convert(value);
  } catch (error) {
    if (error instanceof RangeError && typeof value === 'bigint') return value.toString();
    throw error;
  }
}

export class ColumnarResult {
  readonly columns: readonly ResultColumn[];
  readonly numRows: number;
  private readonly vectors: readonly (Vector | null)[];
  private readonly converters: readonly Convert[];

  constructor(
    /** The Arrow table itself, for downloads (CSV, Parquet) that stream it batch by batch. */
    readonly table: Table,
    /** Set when the statement produced more than the caps allow; the result then holds the first rows only. */
    readonly truncated: Truncation | null = null
  ) {
    const fields = table.schema.fields;
    this.numRows = table.numRows;
    this.columns = fields.map((field, index) => ({ index, name: field.name, type: typeName(field.type), kind: columnKind(field.type) }));
    this.vectors = fields.map((_, i) => table.getChildAt(i));
    this.converters = fields.map((field) => converterFor(field.type));
  }

  /** One cell, converted on demand (the grid asks only for the rows it draws). */
  cell(row: number, column: number): Cell {
    const vector = this.vectors[column];
    if (!vector || row < 0 || row >= this.numRows) return null;
    return safeConvert(this.converters[column]!, vector.get(row));
  }

  /** Every value of a column as a sort key, in row order: one pass over the Arrow chunks. */
  sortKeys(column: number): SortKey[] {
    const vector = this.vectors[column];
    const meta = this.columns[column];
    if (!vector || !meta) throw new RangeError(`No column ${column} in a result of ${this.columns.length}`);
    const key = sortKeyOf(meta.kind, this.converters[column]!);
    const keys = new Array<SortKey>(this.numRows);
    let r = 0;
    for (const value of vector) keys[r++] = key(value);
    return keys;
  }

  /** Every value of a column, converted (for charts: call it for the few columns drawn, not for the grid). */
  values(column: number, limit = this.numRows): Cell[] {
    const vector = this.vectors[column];
    if (!vector) throw new RangeError(`No column ${column} in a result of ${this.columns.length}`);
    const convert = this.converters[column]!;
    const n = Math.min(limit, this.numRows);
    const out = new Array<Cell>(n);
    let r = 0;
    for (const value of vector) {
      if (r >= n) break;
      out[r++] = safeConvert(convert, value);
    }
    return out;
  }
}
