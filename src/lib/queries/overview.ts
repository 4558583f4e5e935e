/**
 * The overview page's queries: what is in the export and how severe it is, today or as of a past day.
 *
 * "Today" (`asOf` null) means provisions with status 'active'. A removed provision no longer binds anyone, so it is
 * left out of every severity and category number; the page says how many were removed (`provisionStatusQuery`).
 *
 * "As of" a day reads `provision_versions` with the shared rule of `as-of.ts` (the state at the end of that UTC day):
 * the versions then in force, each with the severity, platform and category of that version. Provisions tracked
 * before the end of that day but not in force then count as removed; provisions first seen later do not count at all.
 *
 * Identifiers come from the contract only; data-like values (the status, the day) are bound parameters.
 */
import { isTableName, TABLE_NAMES, type Manifest, type TableName } from '../contract/schema';
import { ident } from '../contract/checks';
import type { Db, Param, Query, QueryOptions } from '../db/types';
import { endOfDayInstant, inForceAsOf } from './as-of';
import { countCell, nullableStringCell, stringCell } from './cells';
import { trackedByDay } from './tracked';
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

/** The provisions counted, as a subquery `{ record_id, platform_id, category_id, severity }`: today's or as of a day. */
function countedProvisions(asOf: string | null): { sql: string; params: Param[] } {
  if (asOf === null) {
    return { sql: `SELECT record_id, platform_id, category_id, severity FROM provisions WHERE status = ?`, params: [ACTIVE] };
  }
  const inForce = inForceAsOf(asOf, 'v');
  return {
    sql: `SELECT v.record_id, v.platform_id, v.category_id, v.severity FROM provision_versions AS v WHERE ${inForce.sql}`,
    params: inForce.params
  };
}

/** Rows per table, one row `{ table_name, row_count }` per table named, in the order given. */
export function tableRowCountsQuery(tables: readonly TableName[]): Query {
  if (tables.length === 0) throw new Error('tableRowCountsQuery needs at least one table');
  const parts = tables.map((t, i) => {
    if (!isTableName(t)) throw new Error(`Not a contract table: ${JSON.stringify(t)}`);
    return `SELECT ${i} AS position, ${sqlConstant(t)} AS table_name, count(*) AS row_count FROM ${ident(t)}`;
  });
  return { sql: `SELECT table_name, row_count FROM (\n${parts.join('\nUNION ALL\n')}\n) ORDER BY position`, params: [] };
}

/**
 * Provisions per status: `{ status, provisions }`. As of a day: 'active' = in force at its end, 'removed' = tracked
 * before its end but not in force then (both rows, zeros included).
 */
export function provisionStatusQuery(asOf: string | null = null): Query {
  if (asOf === null) {
    return {
      sql: `SELECT status, count(*) AS provisions FROM provisions GROUP BY status ORDER BY status`,
      params: []
    };
  }
  const live = countedProvisions(asOf);
  return {
    sql: `WITH live AS (SELECT DISTINCT record_id FROM (${live.sql})),
seen AS (
  SELECT DISTINCT v.record_id FROM provision_versions AS v
  WHERE v.valid_from < ?::TIMESTAMP AND v.change_kind IS DISTINCT FROM 'removed'
)
SELECT ${sqlConstant(ACTIVE)} AS status, (SELECT count(*) FROM live) AS provisions
UNION ALL
SELECT ${sqlConstant('removed')}, (SELECT count(*) FROM seen WHERE record_id NOT IN (SELECT record_id FROM live))
ORDER BY status`,
    params: [...live.params, endOfDayInstant(asOf)]
  };
}

/**
 * Active provisions (or those in force as of a day) per severity, worst first and null (unrated) last:
 * `{ severity, provisions }`. Only severities that occur are returned; `loadOverview` fills in the zeros.
 */
export function severityCountsQuery(asOf: string | null = null): Query {
  const counted = countedProvisions(asOf);
  return {
    sql: `SELECT severity, count(*) AS provisions
FROM (${counted.sql}) AS p
GROUP BY severity
ORDER BY ${severityOrderSql('severity')}`,
    params: counted.params
  };
}

/**
 * Category × severity counts of active provisions (or those in force as of a day), one wide row per category
 * (categories with none included): `{ category_id, name, group_name, short_label, critical, high, medium, low, info,
 * unrated, total }`, most provisions first.
 */
export function severityByCategoryQuery(asOf: string | null = null): Query {
  const counted = countedProvisions(asOf);
  return {
    sql: `SELECT c.category_id, c.name, c.group_name, c.short_label,
  ${severityCountColumns('p.severity', 'p.record_id')},
  count(p.record_id) AS total
FROM categories AS c
LEFT JOIN (${counted.sql}) AS p ON p.category_id = c.category_id
GROUP BY c.category_id, c.name, c.group_name, c.short_label
ORDER BY total DESC, c.name, c.category_id`,
    params: counted.params
  };
}

/**
 * Every category with the number of distinct platforms that have an active provision in it (or one in force as of a
 * day), out of all platforms — as of a day, all platforms tracked by then (`tracked.ts`):
 * `{ category_id, name, group_name, short_label, platforms, provisions, platform_total }`, by group (ungrouped last),
 * then name.
 */
export function categoryCoverageQuery(asOf: string | null = null): Query {
  const counted = countedProvisions(asOf);
  const tracked = asOf === null ? null : trackedByDay(asOf, 'pl');
  return {
    sql: `SELECT c.category_id, c.name, c.group_name, c.short_label,
  count(DISTINCT p.platform_id) AS platforms,
  count(p.record_id) AS provisions,
  (SELECT count(*) FROM platforms AS pl${tracked ? ` WHERE ${tracked.sql}` : ''}) AS platform_total
FROM categories AS c
LEFT JOIN (${counted.sql}) AS p ON p.category_id = c.category_id
GROUP BY c.category_id, c.name, c.group_name, c.short_label
ORDER BY c.group_name NULLS LAST, c.name, c.category_id`,
    params: [...(tracked?.params ?? []), ...counted.params]
  };
}

function zeroCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITY_KEYS.map((k) => [k, 0])) as SeverityCounts;
}

/** The export's tables as the manifest lists them, in contract order. */
export function manifestTables(manifest: Manifest): TableName[] {
  return TABLE_NAMES.filter((name) => manifest.tables[name] !== undefined);
}

export interface OverviewOptions extends QueryOptions {
  /** 'YYYY-MM-DD': the state at the end of that UTC day, from `provision_versions`. Null or absent: today. */
  asOf?: string | null;
}

/**
 * Runs the overview's queries one after another (one engine connection) and returns plain JSON. The tables counted
 * and the hashes recorded are those of `manifest`, the export the database was loaded from. As of a day, the export
 * must hold `provision_versions`.
 */
export async function loadOverview(db: Db, manifest: Manifest, options: OverviewOptions = {}): Promise<OverviewData> {
  const { asOf = null, ...queryOptions } = options;
  if (asOf !== null && !manifest.tables.provision_versions) {
    throw new Error(`The overview as of ${asOf} needs provision_versions, which this export does not have`);
  }
  const run = (q: Query) => db.query(q, queryOptions);
  const tables = manifestTables(manifest);

  const row_counts: Partial<Record<TableName, number>> = {};
  for (const row of await run(tableRowCountsQuery(tables))) {
    const name = stringCell('table row counts', row, 'table_name');
    if (!isTableName(name)) throw new Error(`table row counts: unexpected table ${JSON.stringify(name)}`);
    row_counts[name] = countCell('table row counts', row, 'row_count');
  }

  const provisions = { active: 0, removed: 0 };
  for (const row of await run(provisionStatusQuery(asOf))) {
    const status = stringCell('provisions by status', row, 'status');
    if (status !== 'active' && status !== 'removed') throw new Error(`provisions by status: unexpected status ${JSON.stringify(status)}`);
    provisions[status] = countCell('provisions by status', row, 'provisions');
  }

  const bySeverity = zeroCounts();
  for (const row of await run(severityCountsQuery(asOf))) {
    bySeverity[severityKey(row.severity)] = countCell('provisions by severity', row, 'provisions');
  }

  const severity_by_category: CategorySeverity[] = (await run(severityByCategoryQuery(asOf))).map((row) => {
    const what = 'severity by category';
    const counts = zeroCounts();
    for (const key of SEVERITY_KEYS) counts[key] = countCell(what, row, key);
    return {
      category_id: stringCell(what, row, 'category_id'),
      name: stringCell(what, row, 'name'),
      group_name: nullableStringCell(what, row, 'group_name'),
      short_label: nullableStringCell(what, row, 'short_label'),
      counts,
      total: countCell(what, row, 'total')
    };
  });

  const coverageRows = await run(categoryCoverageQuery(asOf));
  const coverage: CategoryCoverage[] = coverageRows.map((row) => {
    const what = 'category coverage';
    return {
      category_id: stringCell(what, row, 'category_id'),
      name: stringCell(what, row, 'name'),
      group_name: nullableStringCell(what, row, 'group_name'),
      short_label: nullableStringCell(what, row, 'short_label'),
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
