/**
 * What the SQL console's examples need to know of the loaded export (`ExportProfile` in `src/lib/sql/examples.ts`):
 * a handful of counts and the export's own busiest platform and category. Pure query builders plus one loader;
 * tables an export may lack are not queried. Values are bound; identifiers and constants come from the contract.
 */
import type { TableName } from '../contract/schema';
import type { Db, Query, QueryOptions } from '../db/types';
import { NO_OPT_OUT_SQL, type ExportProfile, type Named } from '../sql/examples';
import type { Row } from '../db/values';
import { countCell, stringCell } from './cells';

const ACTIVE = 'active';
const RULE = 'rule';

/** One row of counts over provisions and documents. */
export function profileCountsQuery(): Query {
  return {
    sql: `SELECT count(*) FILTER (WHERE status = ?) AS active,
  count(*) FILTER (WHERE status = ? AND severity IS NOT NULL) AS rated,
  count(*) FILTER (WHERE source_rating IS NOT NULL) AS source_ratings,
  count(*) FILTER (WHERE classified_by = ?) AS rule_found,
  count(*) FILTER (WHERE document_id IS NULL) AS unnamed_documents,
  (SELECT count(DISTINCT r) FROM (SELECT unnest(regulations) AS r FROM provisions WHERE status = ?)) AS regulations,
  (SELECT count(*) FROM documents) AS documents
FROM provisions`,
    params: [ACTIVE, ACTIVE, RULE, ACTIVE]
  };
}

/** The platform (`by` 'platform') or category with the most active provisions, ties by id: `{ id, name }`, 0-1 row. */
export function busiestQuery(by: 'platform' | 'category'): Query {
  const [table, key] = by === 'platform' ? ['platforms', 'platform_id'] : ['categories', 'category_id'];
  return {
    sql: `SELECT t.${key} AS id, t.name, count(*) AS provisions
FROM provisions AS v
JOIN ${table} AS t ON t.${key} = v.${key}
WHERE v.status = ?
GROUP BY ALL
ORDER BY provisions DESC, id
LIMIT 1`,
    params: [ACTIVE]
  };
}

/**
 * The category and regulation with the most critical or high active provisions that cite the regulation and list no
 * opt-out: `{ id, name, regulation }`, 0 or 1 row. The condition is the example's own (`NO_OPT_OUT_SQL`), so the
 * example built from this row returns those provisions.
 */
export function severeCitationQuery(): Query {
  return {
    sql: `SELECT v.category_id AS id, c.name, r.regulation, count(*) AS provisions
FROM provisions AS v
JOIN categories AS c ON c.category_id = v.category_id
CROSS JOIN unnest(v.regulations) AS r(regulation)
WHERE v.status = ? AND v.severity IN ('critical', 'high') AND ${NO_OPT_OUT_SQL}
GROUP BY ALL
ORDER BY provisions DESC, id, regulation
LIMIT 1`,
    params: [ACTIVE]
  };
}

export function datedVersionsQuery(): Query {
  return { sql: `SELECT count(*) AS n FROM provision_versions WHERE valid_from IS NOT NULL`, params: [] };
}

export function snapshotCountQuery(): Query {
  return { sql: `SELECT count(*) AS n FROM snapshots`, params: [] };
}

function named(what: string, row: Row | undefined): Named | null {
  return row ? { id: stringCell(what, row, 'id'), name: stringCell(what, row, 'name') } : null;
}

/** Reads the profile; `tables` are the export's tables (the optional ones are counted only when present). */
export async function loadExportProfile(
  db: Db,
  tables: readonly TableName[],
  options: QueryOptions = {}
): Promise<ExportProfile> {
  const run = (q: Query) => db.query(q, options);
  const what = 'export profile';
  const [counts] = await run(profileCountsQuery());
  if (!counts) throw new Error(`${what}: no row of counts`);
  const [platform] = await run(busiestQuery('platform'));
  const [category] = await run(busiestQuery('category'));
  const [citation] = await run(severeCitationQuery());
  const [dated] = tables.includes('provision_versions') ? await run(datedVersionsQuery()) : [];
  const [captures] = tables.includes('snapshots') ? await run(snapshotCountQuery()) : [];
  return {
    active: countCell(what, counts, 'active'),
    rated: countCell(what, counts, 'rated'),
    topPlatform: named(what, platform),
    topCategory: named(what, category),
    regulations: countCell(what, counts, 'regulations'),
    severeCitation: citation
      ? { category: named(what, citation)!, regulation: stringCell(what, citation, 'regulation') }
      : null,
    datedVersions: dated ? countCell(what, dated, 'n') : 0,
    snapshots: captures ? countCell(what, captures, 'n') : 0,
    documents: countCell(what, counts, 'documents'),
    sourceRatings: countCell(what, counts, 'source_ratings'),
    ruleFound: countCell(what, counts, 'rule_found'),
    unnamedDocuments: countCell(what, counts, 'unnamed_documents')
  };
}
