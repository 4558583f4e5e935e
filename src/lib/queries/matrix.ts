/**
 * The severity matrix: platforms × categories, each cell the worst severity of the platform's provisions in that
 * category — today, or as of a past day (the same scope as compare: `scopedProvisionsSql`).
 *
 * `matrixCellsQuery` returns only the cells that hold provisions; a cell missing from the result is "no provision".
 * The platforms (rows) come from `matrixPlatformsQuery` with the same platform filter, so a platform without a single
 * provision is still a row — as of a past day, only if it was tracked by then (`tracked.ts`).
 */
import type { Db, Query, QueryOptions } from '../db/types';
import { countCell, nullableStringCell, stringCell } from './cells';
import { platformFilterWhere, type PlatformFilter } from './platform-filter';
import { scopedProvisionsSql } from './scoped-provisions';
import { nameOrderSql } from './sort-name';
import { trackedByDay } from './tracked';
import { severityKey, severityOrderSql, SEVERITY_KEYS, type SeverityKey } from './severity';
import { PROVENANCE_COLUMNS, readProvenance, type Provenance } from './provenance';

export interface MatrixFilter {
  asOf: string | null;
  platforms: PlatformFilter;
}

/**
 * Cells with provisions: `{ platform_id, category_id, provisions, worst_order }` where worst_order is the position
 * of the worst severity on the scale (0 = critical … 5 = every provision unrated).
 */
export function matrixCellsQuery(filter: MatrixFilter): Query {
  const scoped = scopedProvisionsSql({ asOf: filter.asOf, category: null, severities: [] });
  const platforms = platformFilterWhere(filter.platforms, 'pl');
  return {
    sql: `SELECT s.platform_id, s.category_id, count(*) AS provisions, min(${severityOrderSql('s.severity')}) AS worst_order
FROM (
  ${scoped.sql}
) AS s
JOIN platforms AS pl ON pl.platform_id = s.platform_id
WHERE ${platforms.sql}
GROUP BY s.platform_id, s.category_id
ORDER BY s.platform_id, s.category_id`,
    params: [...scoped.params, ...platforms.params]
  };
}

/**
 * The rows of the matrix: platforms passing the filter (as of a past day, those tracked by then),
 * `{ platform_id, name, sector, jurisdiction }` by name. A platform with a provision in force on that day is always
 * tracked by then, so every cell of `matrixCellsQuery` has its row.
 */
export function matrixPlatformsQuery(filter: Pick<MatrixFilter, 'platforms'> & { asOf?: string | null }): Query {
  const platforms = platformFilterWhere(filter.platforms, 'pl');
  const tracked = filter.asOf == null ? null : trackedByDay(filter.asOf, 'pl');
  return {
    sql: `SELECT pl.platform_id, pl.name, pl.sector, pl.jurisdiction FROM platforms AS pl
WHERE ${platforms.sql}${tracked ? ` AND ${tracked.sql}` : ''}
ORDER BY ${nameOrderSql('pl.name')}, pl.platform_id`,
    params: [...platforms.params, ...(tracked?.params ?? [])]
  };
}

/**
 * The columns: every category, `{ category_id, name, group_name, short_label }` by group (ungrouped last), then name.
 * The short label (v1.1) heads the column where the full name does not fit.
 */
export function matrixCategoriesQuery(): Query {
  return {
    sql: `SELECT category_id, name, group_name, short_label FROM categories
ORDER BY group_name NULLS LAST, name, category_id`,
    params: []
  };
}

/**
 * The provisions behind one cell, worst first: `{ record_id, title, severity, document_id, document_title, doc_type,
 * clause_text, polarity, source_rating, source_id, source_url, classified_by, classification_rule }`. The provenance
 * columns (v1.1) have no history: they are the provision's own. `document_id` is null when the source names none.
 */
export function matrixCellProvisionsQuery(filter: { asOf: string | null; platform: string; category: string }): Query {
  const scoped = scopedProvisionsSql({ asOf: filter.asOf, category: filter.category, severities: [] });
  return {
    sql: `SELECT s.record_id, s.title, s.severity, s.document_id, d.title AS document_title, d.doc_type, s.clause_text,
  ${PROVENANCE_COLUMNS.map((c) => `s.${c}`).join(', ')}
FROM (
  ${scoped.sql}
) AS s
LEFT JOIN documents AS d ON d.document_id = s.document_id
WHERE s.platform_id = ?
ORDER BY ${severityOrderSql('s.severity')}, s.record_id`,
    params: [...scoped.params, filter.platform]
  };
}

// ---- Typed results ----------------------------------------------------------------------------------------------

export interface MatrixPlatform {
  platform_id: string;
  name: string;
  sector: string | null;
  jurisdiction: string | null;
}

export interface MatrixCategory {
  category_id: string;
  name: string;
  group_name: string | null;
  /** A few words for the column header; null when the export has none. */
  short_label: string | null;
}

export interface MatrixCell {
  provisions: number;
  worst: SeverityKey;
}

export interface MatrixData {
  platforms: MatrixPlatform[];
  categories: MatrixCategory[];
  /** `platform_id` -> `category_id` -> cell; a missing entry is "no provision". */
  cells: Map<string, Map<string, MatrixCell>>;
}

export interface CellProvision {
  record_id: string;
  title: string;
  severity: SeverityKey;
  /** Null when the source does not name the document. */
  document_id: string | null;
  document_title: string | null;
  doc_type: string | null;
  clause_text: string | null;
  provenance: Provenance;
}

export async function loadMatrix(db: Db, filter: MatrixFilter, options: QueryOptions = {}): Promise<MatrixData> {
  const what = 'matrix';
  const platforms = (await db.query(matrixPlatformsQuery(filter), options)).map((r) => ({
    platform_id: stringCell(what, r, 'platform_id'),
    name: stringCell(what, r, 'name'),
    sector: nullableStringCell(what, r, 'sector'),
    jurisdiction: nullableStringCell(what, r, 'jurisdiction')
  }));
  const categories = (await db.query(matrixCategoriesQuery(), options)).map((r) => ({
    category_id: stringCell(what, r, 'category_id'),
    name: stringCell(what, r, 'name'),
    group_name: nullableStringCell(what, r, 'group_name'),
    short_label: nullableStringCell(what, r, 'short_label')
  }));
  const cells = new Map<string, Map<string, MatrixCell>>();
  for (const r of await db.query(matrixCellsQuery(filter), options)) {
    const order = countCell(what, r, 'worst_order');
    const worst = SEVERITY_KEYS[order];
    if (worst === undefined) throw new Error(`${what}: worst_order ${order} is off the scale`);
    const platform = stringCell(what, r, 'platform_id');
    let row = cells.get(platform);
    if (!row) cells.set(platform, (row = new Map()));
    row.set(stringCell(what, r, 'category_id'), { provisions: countCell(what, r, 'provisions'), worst });
  }
  return { platforms, categories, cells };
}

export async function loadCellProvisions(
  db: Db,
  filter: { asOf: string | null; platform: string; category: string },
  options: QueryOptions = {}
): Promise<CellProvision[]> {
  const what = 'matrix cell';
  return (await db.query(matrixCellProvisionsQuery(filter), options)).map((r) => ({
    record_id: stringCell(what, r, 'record_id'),
    title: stringCell(what, r, 'title'),
    severity: severityKey(r.severity),
    document_id: nullableStringCell(what, r, 'document_id'),
    document_title: nullableStringCell(what, r, 'document_title'),
    doc_type: nullableStringCell(what, r, 'doc_type'),
    clause_text: nullableStringCell(what, r, 'clause_text'),
    provenance: readProvenance(what, r)
  }));
}
