/**
 * The regulation and agency pivots (`/regulations`, `/agencies`): the regulations and agencies provisions cite,
 * normalised by the citation rule (`$lib/regulations/citation-sql.ts`), against platforms or categories — today, or
 * as of a past day with the same scope as compare and the matrix (`scopedProvisionsSql`). The lists themselves have
 * no history in the contract: a version in force on a day cites what its provision cites today.
 *
 * A provision citing one regulation in two spellings ("GDPR Art. 6", "GDPR Article 6(1)") counts once: counts are of
 * distinct provisions.
 */
import type { Db, Param, Query, QueryOptions } from '../db/types';
import { citationsSql } from '../regulations/citation-sql';
import type { Row } from '../db/values';
import { countCell, nullableStringCell, stringCell } from './cells';
import { scopedProvisionsSql } from './scoped-provisions';
import { nameOrderSql } from './sort-name';
import { severityKey, severityOrderSql, SEVERITY_KEYS, type SeverityKey } from './severity';

export type CitationList = 'regulations' | 'agencies';
/** What the columns of the regulation matrix are. */
export const PIVOT_AXES = ['platform', 'category'] as const;
export type PivotAxis = (typeof PIVOT_AXES)[number];

const AXIS_COLUMN: Record<PivotAxis, string> = { platform: 'platform_id', category: 'category_id' };

function axisColumn(by: PivotAxis): string {
  const column = AXIS_COLUMN[by];
  if (!column) throw new Error(`Not a pivot axis: ${JSON.stringify(by)}`);
  return column;
}

/** The provisions in scope joined to their normalised citations: `s` (scoped provision) and `c` (citation). */
function cited(list: CitationList, asOf: string | null): { from: string; params: Param[] } {
  const scoped = scopedProvisionsSql({ asOf, category: null, severities: [] });
  return {
    from: `(
  ${scoped.sql}
) AS s
JOIN (
  ${citationsSql(list)}
) AS c ON c.record_id = s.record_id`,
    params: [...scoped.params]
  };
}

/**
 * Matrix cells: `{ name, law, column_id, provisions, worst_order }`, one per normalised citation and platform (or
 * category) with at least one provision; worst_order is the position of the worst severity (0 = critical … 5 =
 * every provision unrated).
 */
export function regulationCellsQuery(filter: { asOf: string | null; by: PivotAxis; list?: CitationList }): Query {
  const column = axisColumn(filter.by);
  const { from, params } = cited(filter.list ?? 'regulations', filter.asOf);
  return {
    sql: `SELECT c.name, c.law, s.${column} AS column_id, count(DISTINCT s.record_id) AS provisions,
  min(${severityOrderSql('s.severity')}) AS worst_order
FROM ${from}
GROUP BY c.name, c.law, s.${column}
ORDER BY c.law, c.name, column_id`,
    params
  };
}

/** The matrix's columns: the platforms, or categories, `{ column_id, name, group_name, short_label }` in view order. */
export function pivotColumnsQuery(by: PivotAxis): Query {
  if (by === 'platform') {
    return {
      sql: `SELECT platform_id AS column_id, name, sector AS group_name, NULL::VARCHAR AS short_label FROM platforms
ORDER BY ${nameOrderSql('name')}, platform_id`,
      params: []
    };
  }
  axisColumn(by);
  return {
    sql: `SELECT category_id AS column_id, name, group_name, short_label FROM categories
ORDER BY group_name NULLS LAST, name, category_id`,
    params: []
  };
}

export interface CitingFilter {
  asOf: string | null;
  list: CitationList;
  /** A normalised name ("GDPR Art. 6") or, for regulations, a law ("GDPR": every article of it). */
  name: string;
  /** Only the provisions of this platform or category (a matrix cell). */
  column?: { by: PivotAxis; id: string } | null;
}

/**
 * The provisions citing one regulation or agency, worst first: `{ record_id, title, severity, platform_id,
 * platform_name, category_id, category_name, cited }` where `cited` is the spellings as the provision wrote them,
 * joined by "; ".
 */
export function citingProvisionsQuery(filter: CitingFilter): Query {
  const { from, params } = cited(filter.list, filter.asOf);
  const where = ['(c.name = ? OR c.law = ?)'];
  params.push(filter.name, filter.name);
  if (filter.column) {
    where.push(`s.${axisColumn(filter.column.by)} = ?`);
    params.push(filter.column.id);
  }
  return {
    sql: `SELECT g.record_id, g.title, g.severity, g.platform_id, pl.name AS platform_name, g.category_id,
  cat.name AS category_name, g.cited
FROM (
  SELECT s.record_id, any_value(s.title) AS title, any_value(s.severity) AS severity, s.platform_id, s.category_id,
    string_agg(DISTINCT c.written, '; ' ORDER BY c.written) AS cited
  FROM ${from}
  WHERE ${where.join(' AND ')}
  GROUP BY s.record_id, s.platform_id, s.category_id
) AS g
JOIN platforms AS pl ON pl.platform_id = g.platform_id
JOIN categories AS cat ON cat.category_id = g.category_id
ORDER BY ${severityOrderSql('g.severity')}, ${nameOrderSql('pl.name')}, g.platform_id, g.record_id`,
    params
  };
}

/**
 * Every agency (or regulation) cited, with `{ name, law, provisions, platforms, categories, worst_order }`, by
 * provisions, most first, then name.
 */
export function citedNamesQuery(filter: { asOf: string | null; list: CitationList }): Query {
  const { from, params } = cited(filter.list, filter.asOf);
  return {
    sql: `SELECT c.name, c.law, count(DISTINCT s.record_id) AS provisions, count(DISTINCT s.platform_id) AS platforms,
  count(DISTINCT s.category_id) AS categories, min(${severityOrderSql('s.severity')}) AS worst_order
FROM ${from}
GROUP BY c.name, c.law
ORDER BY provisions DESC, c.name`,
    params
  };
}

/**
 * What falls in one agency's remit (or under one regulation), grouped: `{ platform_id, platform_name, category_id,
 * category_name, provisions, worst_order }`, worst first, then platform and category name.
 */
export function remitQuery(filter: Omit<CitingFilter, 'column'>): Query {
  const { from, params } = cited(filter.list, filter.asOf);
  params.push(filter.name, filter.name);
  return {
    sql: `SELECT g.platform_id, pl.name AS platform_name, g.category_id, cat.name AS category_name, g.provisions, g.worst_order
FROM (
  SELECT s.platform_id, s.category_id, count(DISTINCT s.record_id) AS provisions,
    min(${severityOrderSql('s.severity')}) AS worst_order
  FROM ${from}
  WHERE (c.name = ? OR c.law = ?)
  GROUP BY s.platform_id, s.category_id
) AS g
JOIN platforms AS pl ON pl.platform_id = g.platform_id
JOIN categories AS cat ON cat.category_id = g.category_id
ORDER BY g.worst_order, ${nameOrderSql('pl.name')}, g.platform_id, ${nameOrderSql('cat.name')}, g.category_id`,
    params
  };
}

/** Whether the export's provisions cite any regulation, or agency, at all (today or ever): `{ cited }`. */
export function hasCitationsQuery(list: CitationList): Query {
  const column = list === 'regulations' ? 'regulations' : list === 'agencies' ? 'agencies' : null;
  if (!column) throw new Error(`Not a citation list: ${JSON.stringify(list)}`);
  return { sql: `SELECT count(*) AS cited FROM provisions WHERE len(${column}) > 0`, params: [] };
}

// ---- Typed results ----------------------------------------------------------------------------------------------

function worst(what: string, row: Row): SeverityKey {
  const order = countCell(what, row, 'worst_order');
  const key = SEVERITY_KEYS[order];
  if (key === undefined) throw new Error(`${what}: worst_order ${order} is off the scale`);
  return key;
}

export interface PivotColumn {
  column_id: string;
  name: string;
  group_name: string | null;
  short_label: string | null;
}

export interface RegulationCell {
  name: string;
  law: string;
  column_id: string;
  provisions: number;
  worst: SeverityKey;
}

export interface CitingProvision {
  record_id: string;
  title: string;
  severity: SeverityKey;
  platform_id: string;
  platform_name: string;
  category_id: string;
  category_name: string;
  /** The spellings the provision used, "; "-joined. */
  cited: string;
}

export interface CitedName {
  name: string;
  law: string;
  provisions: number;
  platforms: number;
  categories: number;
  worst: SeverityKey;
}

export interface RemitGroup {
  platform_id: string;
  platform_name: string;
  category_id: string;
  category_name: string;
  provisions: number;
  worst: SeverityKey;
}

export async function loadPivotColumns(db: Db, by: PivotAxis, options: QueryOptions = {}): Promise<PivotColumn[]> {
  return (await db.query(pivotColumnsQuery(by), options)).map((r) => ({
    column_id: stringCell('pivot columns', r, 'column_id'),
    name: stringCell('pivot columns', r, 'name'),
    group_name: nullableStringCell('pivot columns', r, 'group_name'),
    short_label: nullableStringCell('pivot columns', r, 'short_label')
  }));
}

export async function loadRegulationCells(db: Db, filter: Parameters<typeof regulationCellsQuery>[0], options: QueryOptions = {}): Promise<RegulationCell[]> {
  const what = 'regulation matrix';
  return (await db.query(regulationCellsQuery(filter), options)).map((r) => ({
    name: stringCell(what, r, 'name'),
    law: stringCell(what, r, 'law'),
    column_id: stringCell(what, r, 'column_id'),
    provisions: countCell(what, r, 'provisions'),
    worst: worst(what, r)
  }));
}

export async function loadCitingProvisions(db: Db, filter: CitingFilter, options: QueryOptions = {}): Promise<CitingProvision[]> {
  const what = 'citing provisions';
  return (await db.query(citingProvisionsQuery(filter), options)).map((r) => ({
    record_id: stringCell(what, r, 'record_id'),
    title: stringCell(what, r, 'title'),
    severity: severityKey(r.severity),
    platform_id: stringCell(what, r, 'platform_id'),
    platform_name: stringCell(what, r, 'platform_name'),
    category_id: stringCell(what, r, 'category_id'),
    category_name: stringCell(what, r, 'category_name'),
    cited: stringCell(what, r, 'cited')
  }));
}

export async function loadCitedNames(db: Db, filter: Parameters<typeof citedNamesQuery>[0], options: QueryOptions = {}): Promise<CitedName[]> {
  const what = `cited ${filter.list}`;
  return (await db.query(citedNamesQuery(filter), options)).map((r) => ({
    name: stringCell(what, r, 'name'),
    law: stringCell(what, r, 'law'),
    provisions: countCell(what, r, 'provisions'),
    platforms: countCell(what, r, 'platforms'),
    categories: countCell(what, r, 'categories'),
    worst: worst(what, r)
  }));
}

export async function loadRemit(db: Db, filter: Parameters<typeof remitQuery>[0], options: QueryOptions = {}): Promise<RemitGroup[]> {
  const what = 'remit';
  return (await db.query(remitQuery(filter), options)).map((r) => ({
    platform_id: stringCell(what, r, 'platform_id'),
    platform_name: stringCell(what, r, 'platform_name'),
    category_id: stringCell(what, r, 'category_id'),
    category_name: stringCell(what, r, 'category_name'),
    provisions: countCell(what, r, 'provisions'),
    worst: worst(what, r)
  }));
}

export async function loadHasCitations(db: Db, list: CitationList, options: QueryOptions = {}): Promise<boolean> {
  const [row] = await db.query(hasCitationsQuery(list), options);
  return row !== undefined && countCell('citations', row, 'cited') > 0;
}
