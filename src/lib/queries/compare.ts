/**
 * The compare view's queries: one category, every platform side by side — today, or as of a past day.
 *
 * `compareQuery` returns ONE ROW PER PLATFORM that passes the platform filter, including those without any provision
 * in the category (their provision columns are null): absence is an answer. Per platform: its worst severity among
 * the provisions in scope (rated levels beat unrated; 'unrated' when all are unrated; null when it has none), and
 * the provisions as parallel lists, worst first then by record id, so item i of every list is the same provision.
 *
 * Every value is a bound parameter; identifiers and constants come from the contract.
 */
import { SEVERITIES } from '../contract/schema';
import type { Db, Query, QueryOptions } from '../db/types';
import type { Row } from '../db/values';
import { countCell, nullableStringCell, stringCell } from './cells';
import { platformFilterWhere, type PlatformFilter } from './platform-filter';
import { scopedProvisionsSql } from './scoped-provisions';
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
  const order = 's.sev_order';
  const present = 'FILTER (WHERE s.record_id IS NOT NULL)';
  const list = (expr: string) => `list(${expr} ORDER BY ${order}, s.record_id) ${present}`;
  return {
    sql: `WITH scoped AS (
  SELECT *, ${severityOrderSql('severity')} AS sev_order FROM (
  ${scoped.sql}
  )
),
chosen AS (
  SELECT pl.platform_id, pl.name, pl.sector, pl.jurisdiction FROM platforms AS pl WHERE ${platforms.sql}
)
SELECT c.platform_id, c.name AS platform_name, c.sector, c.jurisdiction,
  count(s.record_id) AS provisions,
  ${keyOfOrder(`min(${order}) ${present}`)} AS worst_severity,
  ${list('s.record_id')} AS record_ids,
  ${list('s.title')} AS titles,
  ${list('s.severity')} AS severities,
  ${list('s.clause_text')} AS clause_texts,
  ${list('s.document_id')} AS document_ids,
  ${list('d.title')} AS document_titles,
  ${list('d.doc_type')} AS doc_types,
  ${list('d.last_updated')} AS document_last_updated,
  ${list('s.first_tracked')} AS first_tracked,
  ${list('s.last_verified')} AS last_verified
FROM chosen AS c
LEFT JOIN scoped AS s ON s.platform_id = c.platform_id
LEFT JOIN documents AS d ON d.document_id = s.document_id
GROUP BY c.platform_id, c.name, c.sector, c.jurisdiction
ORDER BY min(${order}) ${present} NULLS LAST, c.name, c.platform_id`,
    params: [...scoped.params, ...platforms.params]
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

/** Every platform, for the platform filter: `{ platform_id, name, sector, jurisdiction }` by name. */
export function platformOptionsQuery(): Query {
  return {
    sql: `SELECT platform_id, name, sector, jurisdiction FROM platforms ORDER BY name, platform_id`,
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
  document_id: string;
  document_title: string | null;
  doc_type: string | null;
  document_last_updated: string | null;
  first_tracked: Date | null;
  last_verified: Date | null;
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
  /** The row as the query returned it (lists and all): what the CSV is written from. */
  raw: Row;
}

function listCell(what: string, row: Row, column: string, length: number): (Row[string] | null)[] {
  const v = row[column];
  if (v === null && length === 0) return [];
  if (!Array.isArray(v) || v.length !== length) {
    throw new Error(`${what}: column "${column}" should be a list of ${length}, got ${JSON.stringify(v)}`);
  }
  return v;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const date = (v: unknown) => (v instanceof Date ? v : null);

export function toComparePlatformRow(row: Row): ComparePlatformRow {
  const what = 'compare';
  const provisions = countCell(what, row, 'provisions');
  const worst = nullableStringCell(what, row, 'worst_severity');
  if ((worst === null) !== (provisions === 0)) throw new Error(`${what}: worst severity ${worst} with ${provisions} provisions`);
  const lists = Object.fromEntries(
    [
      'record_ids',
      'titles',
      'severities',
      'clause_texts',
      'document_ids',
      'document_titles',
      'doc_types',
      'document_last_updated',
      'first_tracked',
      'last_verified'
    ].map((c) => [c, listCell(what, row, c, provisions)])
  );
  const items: CompareProvision[] = [];
  for (let i = 0; i < provisions; i++) {
    items.push({
      record_id: String(lists.record_ids![i]),
      title: String(lists.titles![i]),
      severity: severityKey(lists.severities![i]),
      clause_text: str(lists.clause_texts![i]),
      document_id: String(lists.document_ids![i]),
      document_title: str(lists.document_titles![i]),
      doc_type: str(lists.doc_types![i]),
      document_last_updated: str(lists.document_last_updated![i]),
      first_tracked: date(lists.first_tracked![i]),
      last_verified: date(lists.last_verified![i])
    });
  }
  return {
    platform_id: stringCell(what, row, 'platform_id'),
    platform_name: stringCell(what, row, 'platform_name'),
    sector: nullableStringCell(what, row, 'sector'),
    jurisdiction: nullableStringCell(what, row, 'jurisdiction'),
    provisions,
    worst_severity: worst === null ? null : worst === UNRATED ? UNRATED : severityKey(worst),
    items,
    raw: row
  };
}

export async function loadCompare(db: Db, filter: CompareFilter, options: QueryOptions = {}): Promise<ComparePlatformRow[]> {
  return (await db.query(compareQuery(filter), options)).map(toComparePlatformRow);
}
