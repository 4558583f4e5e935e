/**
 * A table on screen as a download source: every row (not just the page shown), in the order shown, with exactly the
 * columns shown and their header labels.
 */
import type { ExportSource } from '$lib/export/source';
import type { TableColumn } from './columns';

export function tableSource<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): ExportSource {
  return {
    columns: columns.map((c) => ({ name: c.label })),
    numRows: rows.length,
    cell(row, column) {
      const value = columns[column]!.value(rows[row]!);
      if (value === undefined) throw new Error(`Column "${columns[column]!.key}" gave no value for row ${row}`);
      return value;
    }
  };
}
