/**
 * The overview page's queries: what is in the export and how severe it is, today.
 *
 * "Today" means provisions with status 'active'. A removed provision no longer binds anyone, so it is left out of
 * every severity and category number; the page says how many were removed (`provisionStatusQuery`). History belongs
 * to the timeline, which reads `provision_versions`.
 *
 * Identifiers come from the contract only; the one data-like value (the status) is a bound parameter.
 */
import { isTableName, TABLE_NAMES, type Manifest, type TableName } from '../contract/schema';
import { ident } from '../contract/checks';
import type { Db, Query, QueryOptions } from '../db/types';
import { countCell, nullableStringCell, stringCell } from './cells';
import {
  manifestHashes,
  OVERVIEW_VERSION,
  type CategoryCoverage,
  type CategorySeverity,
  type OverviewData,
  type SeverityCounts
} from './overview-data';
import { severityCountColumns, severityKey, severityOrderSql, sqlConstant, SEVERITY_KEYS } from './severity';

const ACTIVE = 'active';

/** Rows per table, one row `{ table_name, row_count }` per table named, in the order given. */
export function tableRowCountsQuery(tables: readonly TableName[]): Query {
  if (tables.length === 0) throw new Error('tableRowCountsQuery needs at least one table');
  const parts = tables.map((t, i) => {
    if (!isTableName(t)) throw new Error(`Not a contract table: ${JSON.stringify(t)}`);
    return `SELECT ${i} AS position, ${sqlConstant(t)} AS table_name, count(*) AS row_count FROM ${ident(t)}`;
  });
  return { sql: `SELECT table_name, row_count FROM (\n${parts.join('\nUNION ALL\n')}\n) ORDER BY position`, params: [] };
}

/** Provisions per status: `{ status, provisions }`. */
export function provisionStatusQuery(): Query {
  return {
    sql: `SELECT status, count(*) AS provisions FROM provisions GROUP BY status ORDER BY status`,
    params: []
  };
}

/**
 * Active provisions per severity, worst first and null (unrated) last: `{ severity, provisions }`. Only severities
 * that occur are returned; `loadOverview` fills in the zeros.
 */
export function severityCountsQuery(): Query {
  return {
    sql: `SELECT severity, count(*) AS provisions
FROM provisions
WHERE status = ?
GROUP BY severity
ORDER BY ${severityOrderSql('severity')}`,
    params: [ACTIVE]
  };
}

/**
 * Category × severity counts of active provisions, one wide row per category (categories with none included):
 * `{ category_id, name, group_name, critical, high, medium, low, info, unrated, total }`, most provisions first.
 */
export function severityByCategoryQuery(): Query {
  return {
    sql: `SELECT c.category_id, c.name, c.group_name,
  ${severityCountColumns('p.severity', 'p.record_id')},
  count(p.record_id) AS total
FROM categories AS c
LEFT JOIN provisions AS p ON p.category_id = c.category_id AND p.status = ?
GROUP BY c.category_id, c.name, c.group_name
ORDER BY total DESC, c.name, c.category_id`,
    params: [ACTIVE]
  };
}

/**
 * Every category with the number of distinct platforms that have an active provision in it, out of all platforms:
 * `{ category_id, name, group_name, platforms, provisions, platform_total }`, by group (ungrouped last), then name.
 */
export function categoryCoverageQuery(): Query {
  return {
    sql: `SELECT c.category_id, c.name, c.group_name,
  count(DISTINCT p.platform_id) AS platforms,
  count(p.record_id) AS provisions,
  (SELECT count(*) FROM platforms) AS platform_total
FROM categories AS c
LEFT JOIN provisions AS p ON p.category_id = c.category_id AND p.status = ?
GROUP BY c.category_id, c.name, c.group_name
ORDER BY c.group_name NULLS LAST, c.name, c.category_id`,
    params: [ACTIVE]
  };
}

function zeroCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITY_KEYS.map((k) => [k, 0])) as SeverityCounts;
}

/** The export's tables as the manifest lists them, in contract order. */
function manifestTables(manifest: Manifest): TableName[] {
  return TABLE_NAMES.filter((name) => manifest.tables[name] !== undefined);
}

/**
 * Runs the overview's queries one after another (one engine connection) and returns plain JSON. The tables counted
 * and the hashes recorded are those of `manifest`, the export the database was loaded from.
 */
export async function loadOverview(db: Db, manifest: Manifest, options: QueryOptions = {}): Promise<OverviewData> {
  const run = (q: Query) => db.query(q, options);
  const tables = manifestTables(manifest);

  const row_counts: Partial<Record<TableName, number>> = {};
  for (const row of await run(tableRowCountsQuery(tables))) {
    const name = stringCell('table row counts', row, 'table_name');
    if (!isTableName(name)) throw new Error(`table row counts: unexpected table ${JSON.stringify(name)}`);
    row_counts[name] = countCell('table row counts', row, 'row_count');
  }

  const provisions = { active: 0, removed: 0 };
  for (const row of await run(provisionStatusQuery())) {
    const status = stringCell('provisions by status', row, 'status');
    if (status !== 'active' && status !== 'removed') throw new Error(`provisions by status: unexpected status ${JSON.stringify(status)}`);
    provisions[status] = countCell('provisions by status', row, 'provisions');
  }

  const bySeverity = zeroCounts();
  for (const row of await run(severityCountsQuery())) {
    bySeverity[severityKey(row.severity)] = countCell('provisions by severity', row, 'provisions');
  }

  const severity_by_category: CategorySeverity[] = (await run(severityByCategoryQuery())).map((row) => {
    const what = 'severity by category';
    const counts = zeroCounts();
    for (const key of SEVERITY_KEYS) counts[key] = countCell(what, row, key);
    return {
      category_id: stringCell(what, row, 'category_id'),
      name: stringCell(what, row, 'name'),
      group_name: nullableStringCell(what, row, 'group_name'),
      counts,
      total: countCell(what, row, 'total')
    };
  });

  const coverageRows = await run(categoryCoverageQuery());
  const coverage: CategoryCoverage[] = coverageRows.map((row) => {
    const what = 'category coverage';
    return {
      category_id: stringCell(what, row, 'category_id'),
      name: stringCell(what, row, 'name'),
      group_name: nullableStringCell(what, row, 'group_name'),
      platforms: countCell(what, row, 'platforms'),
      provisions: countCell(what, row, 'provisions')
    };
  });

  return {
    overview_version: OVERVIEW_VERSION,
    tables_sha256: manifestHashes(manifest),
    row_counts,
    provisions,
    by_severity: SEVERITY_KEYS.map((severity) => ({ severity, count: bySeverity[severity] })),
    severity_by_category,
    coverage,
    // Every coverage row carries the same total; with no categories at all, the counted platforms table says it.
    platform_total: coverageRows[0]
      ? countCell('category coverage', coverageRows[0], 'platform_total')
      : (row_counts.platforms ?? 0)
  };
}
