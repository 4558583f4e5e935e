/**
 * The SQL console's own statements (the analyst's are their own): the schema browser's tables, columns, types and
 * row counts, read from DuckDB's catalog so tables the analyst creates show up too. Descriptions come from the
 * contract (`schema.ts`), never restated here.
 */
import { isTableName, TABLE_NAMES, tableSpec } from '../contract/schema';
import type { Db, Query, QueryOptions } from '../db/types';
import { countCell, stringCell } from './cells';
import { tableRowCountsQuery } from './overview';

/** Every column of every table and view the analyst can query, in catalog order: `{ table_name, kind, column_name, data_type, temporary }`. */
export function schemaColumnsQuery(): Query {
  return {
    sql: `SELECT c.table_name, CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind,
       c.column_name, c.data_type, c.database_name = 'temp' AS temporary
FROM duckdb_columns() c
LEFT JOIN duckdb_views() v
  ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
WHERE NOT c.internal AND c.schema_name = 'main' AND c.database_name IN (current_database(), 'temp')
ORDER BY c.table_name, c.column_index`,
    params: []
  };
}

/** Estimated rows of the analyst's own tables (exact for in-memory tables nobody deleted from): `{ table_name, temporary, estimated_size }`. */
export function tableSizesQuery(): Query {
  return {
    sql: `SELECT table_name, database_name = 'temp' AS temporary, estimated_size FROM duckdb_tables()
WHERE NOT internal AND schema_name = 'main' AND database_name IN (current_database(), 'temp')
ORDER BY table_name`,
    params: []
  };
}

export interface SchemaColumn {
  name: string;
  type: string;
  /** From the contract, for the export's own columns. */
  description: string | null;
}

export interface SchemaTable {
  name: string;
  kind: 'table' | 'view';
  /** One line from the contract for the export's tables; null for tables the analyst made. */
  description: string | null;
  /** Exact for the export's tables; DuckDB's estimate for others; null for views. */
  rows: number | null;
  temporary: boolean;
  columns: SchemaColumn[];
}

/** Export tables first in contract order, then the rest by name. */
function tableOrder(a: SchemaTable, b: SchemaTable): number {
  const rank = (t: SchemaTable) => (isTableName(t.name) && !t.temporary ? TABLE_NAMES.indexOf(t.name) : TABLE_NAMES.length);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/** Pure: catalog rows + row counts -> the browser's tables, with the contract's descriptions. */
export function buildSchema(
  columnRows: readonly Record<string, unknown>[],
  rowCounts: ReadonlyMap<string, number>
): SchemaTable[] {
  const tables = new Map<string, SchemaTable>();
  for (const row of columnRows) {
    const name = String(row.table_name);
    const temporary = row.temporary === true;
    const key = `${temporary ? 'temp.' : ''}${name}`;
    let table = tables.get(key);
    if (!table) {
      const spec = isTableName(name) && !temporary ? tableSpec(name) : null;
      table = {
        name,
        kind: row.kind === 'view' ? 'view' : 'table',
        description: spec?.description ?? null,
        rows: row.kind === 'view' ? null : (rowCounts.get(key) ?? null),
        temporary,
        columns: []
      };
      tables.set(key, table);
    }
    const columnName = String(row.column_name);
    const spec = isTableName(name) && !temporary ? tableSpec(name).columns.find((c) => c.name === columnName) : undefined;
    table.columns.push({ name: columnName, type: String(row.data_type), description: spec?.description ?? null });
  }
  return [...tables.values()].sort(tableOrder);
}

/** Reads the schema browser's content: columns, then exact counts of the export's tables and estimates of the rest. */
export async function loadSchema(db: Db, options?: QueryOptions): Promise<SchemaTable[]> {
  const columnRows = await db.query(schemaColumnsQuery(), options);
  const counts = new Map<string, number>();
  for (const row of await db.query(tableSizesQuery(), options)) {
    const name = stringCell('table sizes', row, 'table_name');
    counts.set(row.temporary === true ? `temp.${name}` : name, countCell('table sizes', row, 'estimated_size'));
  }
  const exportTables = [
    ...new Set(columnRows.filter((r) => r.temporary !== true && r.kind === 'table').map((r) => String(r.table_name)))
  ].filter(isTableName);
  if (exportTables.length > 0) {
    for (const row of await db.query(tableRowCountsQuery(exportTables), options)) {
      counts.set(stringCell('row counts', row, 'table_name'), countCell('row counts', row, 'row_count'));
    }
  }
  return buildSchema(columnRows, counts);
}
