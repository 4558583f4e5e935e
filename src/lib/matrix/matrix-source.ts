/**
 * The matrix as a CSV: one row per platform (or regulation) in the order shown, its fields, then one field per shown
 * category holding the worst severity of the cell ("unrated" when every provision there is unrated; empty when the
 * platform has no provision in it), then the number of provisions per cell.
 */
import type { ExportSource } from '$lib/export/source';
import type { MatrixCategory } from '$lib/queries/matrix';
import type { MatrixRow } from './arrange';

/** The fields before the cells: a platform's. */
export const PLATFORM_FIELDS: readonly MatrixField[] = [
  { name: 'Platform', value: (r) => r.name },
  { name: 'Platform ID', value: (r) => r.platform_id },
  { name: 'Sector', value: (r) => r.sector },
  { name: 'Jurisdiction', value: (r) => r.jurisdiction },
  { name: 'Worst severity', value: (r) => r.worst },
  { name: 'Categories with provisions', value: (r) => r.covered }
];

export interface MatrixField {
  name: string;
  value: (r: MatrixRow) => string | number | null;
}

/** `fixed`: the fields before the cells, when the rows are not platforms (the regulation pivot). */
export function matrixSource(rows: readonly MatrixRow[], columns: readonly MatrixCategory[], fixed: readonly MatrixField[] = PLATFORM_FIELDS): ExportSource {
  const severity = columns.map((c) => ({ name: c.name, value: (r: MatrixRow) => r.cells.get(c.category_id)?.worst ?? null }));
  const counts = columns.map((c) => ({
    name: `${c.name} (provisions)`,
    value: (r: MatrixRow) => r.cells.get(c.category_id)?.provisions ?? 0
  }));
  const fields = [...fixed, ...severity, ...counts];
  return {
    columns: fields.map((f) => ({ name: f.name })),
    numRows: rows.length,
    cell: (row, column) => fields[column]!.value(rows[row]!)
  };
}
