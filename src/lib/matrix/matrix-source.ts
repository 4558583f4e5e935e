/**
 * The matrix as a CSV: one row per platform in the order shown, the platform's fields, then one field per shown
 * category holding the worst severity of the cell ("unrated" when every provision there is unrated; empty when the
 * platform has no provision in it), then the number of provisions per cell.
 */
import type { ExportSource } from '$lib/export/source';
import type { MatrixCategory } from '$lib/queries/matrix';
import type { MatrixRow } from './arrange';

export function matrixSource(rows: readonly MatrixRow[], columns: readonly MatrixCategory[]): ExportSource {
  const fixed: { name: string; value: (r: MatrixRow) => string | number | null }[] = [
    { name: 'Platform', value: (r) => r.name },
    { name: 'Platform ID', value: (r) => r.platform_id },
    { name: 'Sector', value: (r) => r.sector },
    { name: 'Jurisdiction', value: (r) => r.jurisdiction },
    { name: 'Worst severity', value: (r) => r.worst },
    { name: 'Categories with provisions', value: (r) => r.covered }
  ];
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
