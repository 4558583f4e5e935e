/**
 * What the matrix grid's rows and columns are called. The grid and its arrangement (`$lib/matrix/arrange.ts`) were
 * written for platforms × categories; the regulation pivot draws regulations × platforms (or × categories) with the
 * same grid, its rows in the platform slots (`platform_id` = the row's key, `sector` = its group) and its columns in
 * the category slots.
 */
export interface GridVocabulary {
  /** Accessible name of the grid. */
  grid: string;
  /** Header of the row-name column, and of its second sort (`sector`). */
  row: string;
  rowGroup: string;
  /** Header and tooltip of the count column (`covered`). */
  covered: string;
  coveredTitle: string;
  /** The rows, in the plural: "found in 3 platforms", "Sort platforms by …". */
  rows: string;
  /** Where a row's name links to; null for the platform page. */
  rowHref: ((rowKey: string) => string) | null;
}

export const PLATFORM_ROWS: GridVocabulary = {
  grid: 'Worst severity per platform and category',
  row: 'Platform',
  rowGroup: 'sector',
  covered: 'Cat.',
  coveredTitle: 'Categories in which the platform has a provision',
  rows: 'platforms',
  rowHref: null
};
