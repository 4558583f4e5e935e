/**
 * The regulation cells as the matrix grid's data (`MatrixData`), so the matrix's own arrangement and grid draw them.
 */
import type { MatrixCategory, MatrixCell, MatrixData, MatrixPlatform } from '$lib/queries/matrix';
import type { PivotColumn, RegulationCell } from '$lib/queries/regulations';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The cells as the matrix grid's data: a regulation in a platform's slot (`platform_id` = its name, `sector` = its
 * law), a platform or category in a category's slot; only the columns some regulation is cited in.
 */
export function regulationMatrix(cells: readonly RegulationCell[], columns: readonly PivotColumn[]): MatrixData {
  const rows = new Map<string, MatrixPlatform>();
  const grid = new Map<string, Map<string, MatrixCell>>();
  for (const c of cells) {
    if (!rows.has(c.name)) rows.set(c.name, { platform_id: c.name, name: c.name, sector: c.law, jurisdiction: null });
    let row = grid.get(c.name);
    if (!row) grid.set(c.name, (row = new Map()));
    row.set(c.column_id, { provisions: c.provisions, worst: c.worst });
  }
  const used = new Set(cells.map((c) => c.column_id));
  const categories: MatrixCategory[] = columns
    .filter((c) => used.has(c.column_id))
    .map((c) => ({ category_id: c.column_id, name: c.name, group_name: c.group_name, short_label: c.short_label }));
  // By law, then name, numbers in numeric order ("GDPR Art. 5" before "GDPR Art. 17"): the rows' order before any
  // sort, and the order of ties under one.
  const platforms = [...rows.values()].sort(
    (a, b) => collator.compare(a.sector ?? '', b.sector ?? '') || collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1)
  );
  return { platforms, categories, cells: grid };
}
