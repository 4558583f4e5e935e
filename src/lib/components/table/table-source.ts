/**
 * A table on screen as a download source: every row (not just the page shown), in the order shown, with the columns
 * shown (each column's CSV fields, `csvFields`) and their header labels.
 */
import type { ExportSource } from '$lib/export/source';
import { csvFields, type TableColumn } from './columns';

export function tableSource<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): ExportSource {
  const fields = csvFields(columns);
  return {
    columns: fields.map((f) => ({ name: f.label })),
    numRows: rows.length,
    cell(row, column) {
      const field = fields[column]!;
      const value = field.value(rows[row]!);
      if (value === undefined) throw new Error(`CSV field "${field.label}" gave no value for row ${row}`);
      return value;
    }
  };
}
