/**
 * Arranging the matrix: which categories are columns and in what order, and the order of the platform rows. Plain
 * functions over the loaded data, so the page and the tests run the same code.
 */
import { severityRank } from '$lib/contract/schema';
import type { Sort } from '$lib/filters/params';
import type { MatrixCategory, MatrixCell, MatrixData, MatrixPlatform } from '$lib/queries/matrix';
import { SEVERITY_KEYS, type SeverityKey } from '$lib/queries/severity';
import type { TableColumn } from '$lib/components/table/columns';
import { sortRows } from '$lib/components/table/sort';
import type { ColumnOrder, MatrixSortColumn } from './params';

export interface MatrixRow extends MatrixPlatform {
  /** Worst severity over the shown categories; null when the platform has no provision in any of them. */
  worst: SeverityKey | null;
  /** Shown categories in which the platform has a provision. */
  covered: number;
  cells: ReadonlyMap<string, MatrixCell>;
}

export interface ColumnFilter {
  categories: readonly string[];
  groups: readonly string[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Platforms per category with a provision, over the given rows. */
export function categoryCoverage(data: MatrixData): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of data.cells.values()) for (const id of row.keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export function arrangeColumns(
  categories: readonly MatrixCategory[],
  filter: ColumnFilter,
  order: ColumnOrder,
  coverage: ReadonlyMap<string, number>
): MatrixCategory[] {
  const shown = categories.filter(
    (c) =>
      (filter.categories.length === 0 || filter.categories.includes(c.category_id)) &&
      (filter.groups.length === 0 || (c.group_name !== null && filter.groups.includes(c.group_name)))
  );
  if (order === 'group') return shown; // the query's order: group (ungrouped last), then name
  const byName = (a: MatrixCategory, b: MatrixCategory) => collator.compare(a.name, b.name) || (a.category_id < b.category_id ? -1 : 1);
  if (order === 'name') return shown.slice().sort(byName);
  return shown.slice().sort((a, b) => (coverage.get(b.category_id) ?? 0) - (coverage.get(a.category_id) ?? 0) || byName(a, b));
}

export function matrixRows(data: MatrixData, columns: readonly MatrixCategory[]): MatrixRow[] {
  const empty = new Map<string, MatrixCell>();
  return data.platforms.map((p) => {
    const cells = data.cells.get(p.platform_id) ?? empty;
    let worst = -1;
    let covered = 0;
    for (const c of columns) {
      const cell = cells.get(c.category_id);
      if (!cell) continue;
      covered++;
      const position = SEVERITY_KEYS.indexOf(cell.worst);
      if (worst === -1 || position < worst) worst = position;
    }
    return { ...p, worst: worst === -1 ? null : SEVERITY_KEYS[worst]!, covered, cells };
  });
}

/**
 * Rows without a provision in any column shown are folded — left out of the matrix, counted in one line with a way to
 * show them — when they outnumber the others: hundreds of rows of "–" (a real archive's platforms nobody has read a
 * clause of yet) would bury the ones that say something. The same rule as compare's (`foldsAbsent`).
 */
export function foldsEmptyRows(rows: readonly Pick<MatrixRow, 'covered'>[]): boolean {
  const empty = rows.filter((r) => r.covered === 0).length;
  return empty > rows.length - empty;
}

/** Rank of a cell for sorting: critical 5 … info 1, unrated 0; no provision null (last either way). */
function cellRank(cell: MatrixCell | undefined): number | null {
  return cell ? severityRank(cell.worst) : null;
}

export function sortMatrixRows(rows: readonly MatrixRow[], sort: Sort<MatrixSortColumn>, by: string | null): MatrixRow[] {
  const columns: TableColumn<MatrixRow>[] = [
    { key: 'platform', label: 'Platform', kind: 'text', value: (r) => r.name },
    { key: 'sector', label: 'Sector', kind: 'text', value: (r) => r.sector },
    { key: 'worst', label: 'Worst', kind: 'severity', value: (r) => r.worst, sortKey: (r) => (r.worst === null ? null : severityRank(r.worst)) },
    { key: 'covered', label: 'Covered', kind: 'number', value: (r) => r.covered },
    { key: 'category', label: 'Category', kind: 'severity', value: () => null, sortKey: (r) => (by === null ? null : cellRank(r.cells.get(by))) }
  ];
  // Ties keep the name order, which the rows arrive in.
  return sortRows(rows, columns, sort);
}

/** Every row of the columns shown, sorted; `by` sorts by a column's cells only when that column is shown. */
export function sortedMatrixRows(
  data: MatrixData,
  columns: readonly MatrixCategory[],
  sort: Sort<MatrixSortColumn>,
  by: string | null
): MatrixRow[] {
  const shown = by !== null && columns.some((c) => c.category_id === by) ? by : null;
  return sortMatrixRows(matrixRows(data, columns), sort, shown);
}

export interface FoundCell {
  row: MatrixPlatform;
  column: MatrixCategory;
  /** Null when the cell is empty (no provision). */
  cell: MatrixCell | null;
}

/** The cell a link opens (a row's and a column's id), when both are in the matrix. */
export function findCell(data: MatrixData, rowId: string, columnId: string): FoundCell | null {
  const row = data.platforms.find((r) => r.platform_id === rowId);
  const column = data.categories.find((c) => c.category_id === columnId);
  if (!row || !column) return null;
  return { row, column, cell: data.cells.get(row.platform_id)?.get(column.category_id) ?? null };
}
