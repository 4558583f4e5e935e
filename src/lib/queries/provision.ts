/**
 * The provision page's queries: one provision with its document, platform and category; the evidence (snapshots of
 * its document); the capture a citation names; its version history; the other provisions of its document.
 *
 * The record id and document id come from the URL and are always bound parameters. Column lists are read from the
 * contract (`schema.ts`); joined columns get a prefix so no two columns share a name.
 */
import { tableSpec, type TableName } from '../contract/schema';
import { ident } from '../contract/checks';
import type { Query } from '../db/types';
import { severityOrderSql } from './severity';

/** `alias.col AS "prefixcol"` for every contract column of `table` (no prefix: the column's own name). */
export function contractColumns(table: TableName, alias: string, prefix = '', skip: readonly string[] = []): string[] {
  if (!/^[a-z][a-z0-9_]*$/.test(alias)) throw new Error(`Not a table alias: ${JSON.stringify(alias)}`);
  return tableSpec(table)
    .columns.filter((c) => !skip.includes(c.name))
    .map((c) => (prefix ? `${alias}.${ident(c.name)} AS ${ident(prefix + c.name)}` : `${alias}.${ident(c.name)}`));
}

/**
 * One provision, 0 or 1 rows: every provisions column, then its document (`document_*`), platform (`platform_*`) and
 * category (`category_*`) columns, e.g. `document_title`, `platform_name`, `category_group_name`. A provision whose
 * source names no document (`document_id` null, allowed since v1.1) still has its row, with null `document_*`.
 */
export function provisionQuery(recordId: string): Query {
  const columns = [
    ...contractColumns('provisions', 'p'),
    ...contractColumns('documents', 'd', 'document_', ['document_id', 'platform_id']),
    ...contractColumns('platforms', 'pl', 'platform_', ['platform_id']),
    ...contractColumns('categories', 'c', 'category_', ['category_id'])
  ];
  return {
    sql: `SELECT ${columns.join(',\n  ')}
FROM provisions AS p
LEFT JOIN documents AS d ON d.document_id = p.document_id
JOIN platforms AS pl ON pl.platform_id = p.platform_id
JOIN categories AS c ON c.category_id = p.category_id
WHERE p.record_id = ?`,
    params: [recordId]
  };
}

/** Newest capture first; the id breaks ties, so the order (and every page of it) is the same on each run. */
const SNAPSHOT_ORDER = 'ORDER BY s.captured_at DESC, s.snapshot_id DESC';

/**
 * Every capture of a document, newest first: every snapshots column except `document_id`. All of them, not a page: the
 * table pages on screen and its download writes every row (a document captured daily for ten years has ~3,650).
 */
export function snapshotsQuery(documentId: string): Query {
  const columns = contractColumns('snapshots', 's', '', ['document_id']).join(', ');
  return { sql: `SELECT ${columns} FROM snapshots AS s WHERE s.document_id = ? ${SNAPSHOT_ORDER}`, params: [documentId] };
}

/**
 * The capture a citation of the provision names, 0 or 1 rows: the latest snapshot of its document taken at or before
 * the provision's `last_verified` — the evidence on which it was last confirmed. None when `last_verified` is unknown
 * or no capture is that old.
 */
export function citationSnapshotQuery(recordId: string): Query {
  const columns = contractColumns('snapshots', 's').join(', ');
  return {
    sql: `SELECT ${columns}
FROM provisions AS p
JOIN snapshots AS s ON s.document_id = p.document_id AND s.captured_at <= p.last_verified
WHERE p.record_id = ?
${SNAPSHOT_ORDER}
LIMIT 1`,
    params: [recordId]
  };
}

/** Every version of the provision, oldest first: version, valid_from, valid_to, severity, change_kind, clause_sha256. */
export function versionsQuery(recordId: string): Query {
  return {
    sql: `SELECT v.version, v.valid_from, v.valid_to, v.severity, v.change_kind, v.clause_sha256
FROM provision_versions AS v
WHERE v.record_id = ?
ORDER BY v.version`,
    params: [recordId]
  };
}

/**
 * The other provisions of a document (all statuses), worst severity first, then title:
 * `{ record_id, title, category_id, category_name, category_group_name, severity, status, first_tracked, last_verified }`.
 */
export function documentProvisionsQuery(documentId: string, exceptRecordId: string): Query {
  return {
    sql: `SELECT p.record_id, p.title, p.category_id, c.name AS category_name, c.group_name AS category_group_name,
  p.severity, p.status, p.first_tracked, p.last_verified
FROM provisions AS p
JOIN categories AS c ON c.category_id = p.category_id
WHERE p.document_id = ? AND p.record_id <> ?
ORDER BY ${severityOrderSql('p.severity')}, p.title, p.record_id`,
    params: [documentId, exceptRecordId]
  };
}

/** A name read from the catalog, quoted as an identifier (any character, quotes doubled). Never a data value. */
export function catalogIdent(name: string): string {
  if (name === '' || name.includes('\u0000')) throw new Error(`Not a column name: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The columns of the loaded `provisions` table, in table order: `{ column_name, data_type }`. Read from DuckDB's
 * catalog, so the columns an export carries beyond the contract (a source's own fields, kept by the builder and the
 * loaders) are found whatever they are called.
 */
export function provisionColumnsQuery(): Query {
  return {
    sql: `SELECT column_name, data_type FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = ?
ORDER BY ordinal_position`,
    params: ['provisions']
  };
}

/** The names of `columns` that are not the contract's provisions columns: the source's own fields. */
export function extraProvisionColumns(columns: readonly string[]): string[] {
  const contract = new Set(tableSpec('provisions').columns.map((c) => c.name));
  return columns.filter((name) => !contract.has(name));
}

/**
 * The values of the given columns (names from `provisionColumnsQuery`, quoted as identifiers) for one provision, 0 or
 * 1 rows. The record id is bound.
 */
export function sourceFieldsQuery(recordId: string, columns: readonly string[]): Query {
  if (columns.length === 0) throw new Error('sourceFieldsQuery needs at least one column');
  return {
    sql: `SELECT ${columns.map(catalogIdent).join(', ')} FROM provisions WHERE record_id = ?`,
    params: [recordId]
  };
}
