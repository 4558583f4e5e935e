/**
 * The lists the filter controls choose from — the export's categories (with how many platforms have each) and
 * platforms — read together with one more query a view needs at the start (its history's range), so a view shows
 * its controls after one round trip.
 */
import type { Db, Query, QueryOptions } from '$lib/db/types';
import type { Row } from '$lib/db/values';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import { compareCategoriesQuery, platformOptionsQuery } from '$lib/queries/compare';
import type { CategoryOption, PlatformOption } from './options';

export interface CategoryRow extends CategoryOption {
  description?: string | null;
  /** Platforms with a current provision in the category. */
  count: number;
}

export interface FilterOptions {
  categories: CategoryRow[];
  platforms: PlatformOption[];
  /** The first row of `extra`, or null when there was none to run. */
  extra: Row | null;
}

/** `what` names the view in an error about a cell ("compare options: …"). */
export async function loadFilterOptions(db: Db, what: string, extra: Query | null, options: QueryOptions): Promise<FilterOptions> {
  const [categories, platforms, rows] = await Promise.all([
    db.query(compareCategoriesQuery(), options),
    db.query(platformOptionsQuery(), options),
    extra ? db.query(extra, options) : Promise.resolve(null)
  ]);
  return {
    categories: categories.map((r) => ({
      category_id: stringCell(what, r, 'category_id'),
      name: stringCell(what, r, 'name'),
      group_name: nullableStringCell(what, r, 'group_name'),
      count: countCell(what, r, 'platforms')
    })),
    platforms: readPlatformOptions(what, platforms),
    extra: rows?.[0] ?? null
  };
}

export function readPlatformOptions(what: string, rows: readonly Row[]): PlatformOption[] {
  return rows.map((r) => ({
    platform_id: stringCell(what, r, 'platform_id'),
    name: stringCell(what, r, 'name'),
    sector: nullableStringCell(what, r, 'sector'),
    jurisdiction: nullableStringCell(what, r, 'jurisdiction')
  }));
}
