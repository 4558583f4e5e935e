/**
 * What a download reads: a result as an accessor over rows and columns, so the same CSV writer serves the pages'
 * row objects and the SQL console's Arrow columns (`ColumnarResult` from `$lib/db/columnar` already has this shape)
 * without first building a million row objects.
 */
import type { Cell, Row } from '$lib/db/values';

/** A cell as the app holds it, plus `bigint` for 64-bit integers read straight from Arrow. */
export type ExportCell = Cell | bigint;

export interface ExportSource {
  /** Columns in output order; `name` is the header written to the file. */
  readonly columns: readonly { readonly name: string }[];
  readonly numRows: number;
  cell(row: number, column: number): ExportCell;
}

/** DuckDB type of a column, as the Parquet download writes it (`ColumnType` of the contract, plus computed types). */
export type ExportType = 'VARCHAR' | 'VARCHAR[]' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

/** One column of a table on screen: which row field, its header, and (for Parquet) its type. */
export interface ExportColumn {
  /** The field of the row object, e.g. "first_tracked". Also the Parquet column name. */
  readonly key: string;
  /** The CSV header, e.g. "First tracked". */
  readonly label: string;
  /** Required for DATE (a 'YYYY-MM-DD' string looks like text); inferred from the values otherwise. */
  readonly type?: ExportType;
}

/** Row objects + an ordered column list -> a source. A missing field is a bug in the caller and fails loudly. */
export function rowsSource(rows: readonly Row[], columns: readonly ExportColumn[]): ExportSource {
  const keys = columns.map((c) => c.key);
  return {
    columns: columns.map((c) => ({ name: c.label })),
    numRows: rows.length,
    cell(row, column) {
      const key = keys[column]!;
      const value = rows[row]![key];
      if (value === undefined) throw new Error(`Row ${row} has no field "${key}" (fields: ${Object.keys(rows[row]!).join(', ')})`);
      return value;
    }
  };
}
