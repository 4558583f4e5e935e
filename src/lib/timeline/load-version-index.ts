/**
 * Builds the in-page version index (`version-index.ts`) from the loaded export. The versions come as Arrow columns
 * (a million-version export stays a few typed arrays, never a million row objects); `readColumns` is the engine's
 * column-wise reader in the browser and a row reader in Node tests.
 */
import type { Db, QueryOptions } from '$lib/db/types';
import { nullableStringCell, stringCell } from '$lib/queries/cells';
import { indexCategoriesQuery, indexPlatformsQuery, versionIndexQuery } from '$lib/queries/timeline';
import { VersionIndex, type VersionColumns } from './version-index';

const COLUMNS = ['from_day', 'to_day', 'platform', 'category', 'severity'] as const;

/** Runs a statement without parameters and returns its integer columns by name. */
export type ReadColumns = (sql: string, options: QueryOptions) => Promise<Record<string, ArrayLike<number>>>;

export async function loadVersionIndex(db: Db, readColumns: ReadColumns, options: QueryOptions = {}): Promise<VersionIndex> {
  const what = 'version index';
  // One after another: a Node connection runs one statement at a time, and the browser's worker is one thread anyway.
  const platforms = await db.query(indexPlatformsQuery(), options);
  const categories = await db.query(indexCategoriesQuery(), options);
  const columns = await readColumns(versionIndexQuery().sql, options);
  for (const name of COLUMNS) if (!columns[name]) throw new Error(`${what}: the query returned no column "${name}"`);
  const cols: VersionColumns = {
    fromDay: columns.from_day!,
    toDay: columns.to_day!,
    platform: columns.platform!,
    category: columns.category!,
    severity: columns.severity!
  };
  return new VersionIndex(
    cols,
    platforms.map((r) => ({
      platform_id: stringCell(what, r, 'platform_id'),
      name: stringCell(what, r, 'name'),
      sector: nullableStringCell(what, r, 'sector'),
      jurisdiction: nullableStringCell(what, r, 'jurisdiction')
    })),
    categories.map((r) => stringCell(what, r, 'category_id'))
  );
}

/** `ReadColumns` over a row reader (Node tests, small exports). */
export function columnsFromRows(db: Db): ReadColumns {
  return async (sql, options) => {
    const rows = await db.query({ sql, params: [] }, options);
    return Object.fromEntries(COLUMNS.map((name) => [name, rows.map((r) => Number(r[name]))]));
  };
}
