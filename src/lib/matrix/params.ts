/**
 * The matrix's whole state, in its URL:
 * `/compare/matrix?asOf=2024-01-01&sector=Health&group=Data%20%26%20privacy&sort=-category&by=data_sharing&cellPlatform=x&cellCategory=y`.
 */
import { platformFilterParams, textSetParam } from '$lib/components/filters/params';
import { boolParam, dayParam, enumParam, idParam, idsParam, sortParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';

/** Row orders: by name, sector, worst severity overall, categories covered, or one category's cell (`by`). */
export const MATRIX_SORTS = ['platform', 'sector', 'worst', 'covered', 'category'] as const;
export type MatrixSortColumn = (typeof MATRIX_SORTS)[number];

/** Column orders: by group then name (the export's own order), by name, or by how many platforms have them. */
export const COLUMN_ORDERS = ['group', 'name', 'coverage'] as const;
export type ColumnOrder = (typeof COLUMN_ORDERS)[number];

const specs = {
  asOf: dayParam({ min: '1990-01-01' }),
  ...platformFilterParams(),
  /** Columns: only these categories (empty = all) … */
  category: idsParam({ max: 200 }),
  /** … and only these groups (empty = all). */
  group: textSetParam(),
  columns: enumParam(COLUMN_ORDERS, 'group'),
  sort: sortParam(MATRIX_SORTS, { column: 'worst', direction: 'desc' }),
  /** The category whose cells order the rows when sort is `category`. */
  by: idParam(),
  /** The open cell. */
  cellPlatform: idParam(),
  cellCategory: idParam(),
  /** Show the platforms without a provision in the columns shown when they are folded (`foldsEmptyRows`). */
  showEmpty: boolParam(false)
};

export const matrixParams = defineParams(specs);
export type MatrixParams = ParamValues<typeof specs>;
