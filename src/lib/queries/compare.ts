/**
 * The compare view's queries: one category, every platform side by side — today, or as of a past day.
 *
 * `compareQuery` returns one row per provision in scope, and ONE ROW WITH NULL PROVISION COLUMNS for each platform
 * that passes the platform filter but has no provision in the category: absence is an answer. As of a past day, only
 * the platforms tracked by then are compared (`tracked.ts`): a platform added later is not "absent" in 2019. Rows come grouped by
 * platform — platforms by their worst severity (rated levels beat unrated; 'unrated' when all are unrated; null when
 * they have none), then name (junk before the first letter ignored: `sort-name.ts`) and id — and within a platform
 * worst first, then by record id. `loadCompare` folds them
 * into one `ComparePlatformRow` per platform.
 *
 * Flat rows rather than one row per platform holding lists: duckdb-wasm hands results over as Arrow, and reading a
 * list column costs a vector object per row and column (measured at 1,000,000 provisions: seconds for 23,000
 * platforms x 10 list columns), while flat columns are read in one pass.
 *
 * Every value is a bound parameter; identifiers and constants come from the contract.
 */
import { SEVERITIES } from '../contract/schema';
import type { Db, Query, QueryOptions } from '../db/types';
import type { Row } from '../db/values';
import { nullableStringCell, stringCell } from './cells';
import { PROVENANCE_COLUMNS, readProvenance, type Provenance } from './provenance';
import { platformFilterWhere, type PlatformFilter } from './platform-filter';
import { scopedProvisionsSql } from './scoped-provisions';
import { nameOrderSql } from './sort-name';
import { trackedByDay } from './tracked';
import { severityKey, severityOrderSql, sqlConstant, UNRATED, type SeverityKey } from './severity';

export interface CompareFilter {
  category: string;
  /** 'YYYY-MM-DD' or null for today (the current provisions). */
  asOf: string | null;
  platforms: PlatformFilter;
  /** Provisions of these severities only; empty = all. */
  severities: readonly SeverityKey[];
}

/** `CASE` turning a position on the scale (0 = worst … SEVERITIES.length = unrated) back into its key. */
function keyOfOrder(expr: string): string {
  const whens = SEVERITIES.map((s, i) => `WHEN ${i} THEN ${sqlConstant(s)}`).join(' ');
  return `CASE ${expr} ${whens} WHEN ${SEVERITIES.length} THEN ${sqlConstant(UNRATED)} END`;
}

export function compareQuery(filter: CompareFilter): Query {
  const scoped = scopedProvisionsSql({ asOf: filter.asOf, category: filter.category, severities: filter.severities });
  const platforms = platformFilterWhere(filter.platforms, 'pl');
  const tracked = filter.asOf === null ? null : trackedByDay(filter.asOf, 'pl');
  return {
    sql: `WITH scoped AS (
  SELECT *, ${severityOrderSql('severity')} AS sev_order FROM (
  ${scoped.sql}
  )
),
chosen AS (
  SELECT pl.platform_id, pl.name, pl.sector, pl.jurisdiction FROM platforms AS pl
  WHERE ${platforms.sql}${tracked ? ` AND ${tracked.sql}` : ''}
),
joined AS (
  SELECT c.platform_id, c.name AS platform_name, c.sector, c.jurisdiction,
    min(s.sev_order) OVER (PARTITION BY c.platform_id) AS worst_order,
    s.sev_order, s.record_id, s.title, s.severity, s.clause_text, s.document_id,
    d.title AS document_title, d.doc_type, d.last_updated AS document_last_updated, s.first_tracked, s.last_verified,
    ${PROVENANCE_COLUMNS.map((col) => `s.${col}`).join(', ')}
  FROM chosen AS c
  LEFT JOIN scoped AS s ON s.platform_id = c.platform_id
  LEFT JOIN documents AS d ON d.document_id = s.document_id
)
SELECT platform_id, platform_name, sector, jurisdiction, ${keyOfOrder('worst_order')} AS worst_severity,
  record_id, title, severity, clause_text, document_id, document_title, doc_type, document_last_updated,
  first_tracked, last_verified, ${PROVENANCE_COLUMNS.join(', ')}
FROM joined
ORDER BY worst_order NULLS LAST, ${nameOrderSql('platform_name')}, platform_id, sev_order, record_id`,
    params: [...scoped.params, ...platforms.params, ...(tracked?.params ?? [])]
  };
}

/** Every category with the number of platforms that have a current provision in it, for the picker. */
export function compareCategoriesQuery(): Query {
  return {
    sql: `SELECT c.category_id, c.name, c.group_name, count(DISTINCT p.platform_id) AS platforms
FROM categories AS c
LEFT JOIN provisions AS p ON p.category_id = c.category_id AND p.status = ?
GROUP BY c.category_id, c.name, c.group_name
ORDER BY c.group_name NULLS LAST, c.name, c.category_id`,
    params: ['active']
  };
}

/** Every platform, for the platform filter: `{ platform_id, name, sector, jurisdiction }` by name (`nameOrderSql`). */
export function platformOptionsQuery(): Query {
  return {
    sql: `SELECT platform_id, name, sector, jurisdiction FROM platforms ORDER BY ${nameOrderSql('name')}, platform_id`,
    params: []
  };
}

/** First and last day of the version history (UTC), `{ first_day, last_day }`; nulls when it is empty. */
export function historyRangeQuery(): Query {
  return {
    sql: `SELECT CAST(min(valid_from) AS DATE) AS first_day, CAST(max(valid_from) AS DATE) AS last_day FROM provision_versions`,
    params: []
  };
}

// ---- Typed rows -------------------------------------------------------------------------------------------------

export interface CompareProvision {
  record_id: string;
  title: string;
  severity: SeverityKey;
  clause_text: string | null;
  /** Null when the source does not name the document (v1.1). */
  document_id: string | null;
  document_title: string | null;
  doc_type: string | null;
  document_last_updated: string | null;
  first_tracked: Date | null;
  last_verified: Date | null;
  provenance: Provenance;
}

export interface ComparePlatformRow {
  platform_id: string;
  platform_name: string;
  sector: string | null;
  jurisdiction: string | null;
  /** Provisions in scope (0: the platform has none in this category). */
  provisions: number;
  /** Worst severity of those provisions; null when there are none. */
  worst_severity: SeverityKey | null;
  /** The provisions, worst first. */
  items: CompareProvision[];
}

const date = (what: string, row: Row, column: string): Date | null => {
  const v = row[column];
  if (v === null || v instanceof Date) return v;
  throw new Error(`${what}: column "${column}" should be a timestamp or null, got ${JSON.stringify(v)}`);
};

/** Folds the flat rows of `compareQuery` (grouped by platform, in order) into one row per platform. */
export function groupCompareRows(rows: readonly Row[]): ComparePlatformRow[] {
  const what = 'compare';
  const out: ComparePlatformRow[] = [];
  let current: ComparePlatformRow | null = null;
  for (const row of rows) {
    const platform = stringCell(what, row, 'platform_id');
    if (current === null || current.platform_id !== platform) {
      const worst = nullableStringCell(what, row, 'worst_severity');
      current = {
        platform_id: platform,
        platform_name: stringCell(what, row, 'platform_name'),
        sector: nullableStringCell(what, row, 'sector'),
        jurisdiction: nullableStringCell(what, row, 'jurisdiction'),
        provisions: 0,
        worst_severity: worst === null ? null : worst === UNRATED ? UNRATED : severityKey(worst),
        items: []
      };
      out.push(current);
    } else if (current.items.length === 0) {
      throw new Error(`${what}: platform ${platform} has a row without a provision and another one`);
    }
    const recordId = nullableStringCell(what, row, 'record_id');
    if (recordId === null) {
      if (current.worst_severity !== null) throw new Error(`${what}: platform ${platform} has a worst severity but no provision`);
      continue;
    }
    current.items.push({
      record_id: recordId,
      title: stringCell(what, row, 'title'),
      severity: severityKey(row.severity),
      clause_text: nullableStringCell(what, row, 'clause_text'),
      document_id: nullableStringCell(what, row, 'document_id'),
      document_title: nullableStringCell(what, row, 'document_title'),
      doc_type: nullableStringCell(what, row, 'doc_type'),
      document_last_updated: nullableStringCell(what, row, 'document_last_updated'),
      first_tracked: date(what, row, 'first_tracked'),
      last_verified: date(what, row, 'last_verified'),
      provenance: readProvenance(what, row)
    });
    current.provisions = current.items.length;
  }
  return out;
}

export async function loadCompare(db: Db, filter: CompareFilter, options: QueryOptions = {}): Promise<ComparePlatformRow[]> {
  return groupCompareRows(await db.query(compareQuery(filter), options));
}
