/**
 * Everything the provision page shows, read with the queries of `queries/provision.ts` and typed once here. Runs the
 * same in the browser and in Node tests. Tables an export may lack (`provision_versions`, `snapshots`) are not
 * queried when absent: their parts come back as `null`, and the page says what is missing.
 */
import type { DocType, Severity, TableName } from '$lib/contract/schema';
import type { Db, QueryOptions } from '$lib/db/types';
import type { Row } from '$lib/db/values';
import { nullableStringCell, stringCell } from '$lib/queries/cells';
import {
  citationSnapshotQuery,
  documentProvisionsQuery,
  extraProvisionColumns,
  provisionColumnsQuery,
  provisionQuery,
  snapshotsQuery,
  sourceFieldsQuery,
  versionsQuery
} from '$lib/queries/provision';
import { readProvenance, type Provenance } from '$lib/queries/provenance';
import { nullableBooleanCell, nullableDateCell, nullableDayCell, nullableListCell, severityCell } from './cells';

export interface ProvisionDetail {
  record_id: string;
  title: string;
  severity: Severity | null;
  status: 'active' | 'removed';
  summary: string | null;
  consumer_impact: string | null;
  user_actions: string[] | null;
  clause_text: string | null;
  analysis: string | null;
  regulations: string[] | null;
  agencies: string[] | null;
  first_tracked: Date | null;
  last_verified: Date | null;
  removed_at: Date | null;
  /** Null when the source does not name the document the clause was quoted from (`document_id` null, v1.1). */
  document: {
    document_id: string;
    title: string;
    doc_type: DocType;
    source_url: string | null;
    last_updated: string | null;
    first_tracked: Date | null;
    last_verified: Date | null;
  } | null;
  platform: { platform_id: string; name: string; sector: string | null; jurisdiction: string | null; website: string | null };
  category: {
    category_id: string;
    name: string;
    group_name: string | null;
    description: string | null;
    short_label: string | null;
    question: string | null;
  };
  provenance: Provenance;
}

/** A column of the provisions table beyond the contract, with its value for one provision. */
export interface SourceField {
  name: string;
  /** DuckDB's type name, e.g. VARCHAR, BIGINT, VARCHAR[]. */
  type: string;
  value: unknown;
}

export interface Snapshot {
  snapshot_id: string;
  captured_at: Date;
  sha256: string | null;
  source_url: string | null;
  archive_url: string | null;
  changed: boolean | null;
}

export interface ProvisionPageData {
  provision: ProvisionDetail;
  /** The row of `provisionQuery` as read: what the page's one-record CSV writes, column for column. */
  row: Row;
  /** Rows of `snapshotsQuery` (every capture of its document, newest first); null when the export has no snapshots table. */
  snapshots: Row[] | null;
  /** The capture a citation names (latest at or before last_verified); null when there is none or no table. */
  citationSnapshot: Snapshot | null;
  /** Rows of `versionsQuery`; null when the export has no provision_versions table. */
  versions: Row[] | null;
  /** Rows of `documentProvisionsQuery`; null when the provision names no document. */
  others: Row[] | null;
  /** The provisions table's columns beyond the contract (a source's own fields), in table order, with their values. */
  sourceFields: SourceField[];
}

const WHAT = 'provision';

export function readProvision(row: Row): ProvisionDetail {
  const s = (c: string) => stringCell(WHAT, row, c);
  const ns = (c: string) => nullableStringCell(WHAT, row, c);
  const nd = (c: string) => nullableDateCell(WHAT, row, c);
  const nl = (c: string) => nullableListCell(WHAT, row, c);
  const status = s('status');
  if (status !== 'active' && status !== 'removed') throw new Error(`${WHAT}: unexpected status ${JSON.stringify(status)}`);
  return {
    record_id: s('record_id'),
    title: s('title'),
    severity: severityCell(WHAT, row, 'severity'),
    status,
    summary: ns('summary'),
    consumer_impact: ns('consumer_impact'),
    user_actions: nl('user_actions'),
    clause_text: ns('clause_text'),
    analysis: ns('analysis'),
    regulations: nl('regulations'),
    agencies: nl('agencies'),
    first_tracked: nd('first_tracked'),
    last_verified: nd('last_verified'),
    removed_at: nd('removed_at'),
    document: ns('document_id') === null ? null : {
      document_id: s('document_id'),
      title: s('document_title'),
      doc_type: s('document_doc_type') as DocType,
      source_url: ns('document_source_url'),
      last_updated: nullableDayCell(WHAT, row, 'document_last_updated'),
      first_tracked: nd('document_first_tracked'),
      last_verified: nd('document_last_verified')
    },
    platform: {
      platform_id: s('platform_id'),
      name: s('platform_name'),
      sector: ns('platform_sector'),
      jurisdiction: ns('platform_jurisdiction'),
      website: ns('platform_website')
    },
    category: {
      category_id: s('category_id'),
      name: s('category_name'),
      group_name: ns('category_group_name'),
      description: ns('category_description'),
      short_label: ns('category_short_label'),
      question: ns('category_question')
    },
    provenance: readProvenance(WHAT, row)
  };
}

export function readSnapshot(row: Row): Snapshot {
  const what = 'snapshot';
  const captured = nullableDateCell(what, row, 'captured_at');
  if (captured === null) throw new Error(`${what}: captured_at is required, got null`);
  return {
    snapshot_id: stringCell(what, row, 'snapshot_id'),
    captured_at: captured,
    sha256: nullableStringCell(what, row, 'sha256'),
    source_url: nullableStringCell(what, row, 'source_url'),
    archive_url: nullableStringCell(what, row, 'archive_url'),
    changed: nullableBooleanCell(what, row, 'changed')
  };
}

/** The provision page's data, or null when the export has no provision with that id. */
export async function loadProvisionPage(
  db: Db,
  recordId: string,
  tables: readonly TableName[],
  options: QueryOptions = {}
): Promise<ProvisionPageData | null> {
  const run = (q: Parameters<Db['query']>[0]) => db.query(q, options);
  const [row] = await run(provisionQuery(recordId));
  if (!row) return null;
  const provision = readProvision(row);
  const documentId = provision.document?.document_id ?? null;

  const hasSnapshots = tables.includes('snapshots');
  let snapshots: Row[] | null = null;
  let citationSnapshot: Snapshot | null = null;
  if (hasSnapshots) {
    // Captures are of a document: a provision quoted from an unnamed one has none.
    snapshots = documentId === null ? [] : await run(snapshotsQuery(documentId));
    const [cited] = documentId === null ? [] : await run(citationSnapshotQuery(recordId));
    citationSnapshot = cited ? readSnapshot(cited) : null;
  }
  const versions = tables.includes('provision_versions') ? await run(versionsQuery(recordId)) : null;
  const others = documentId === null ? null : await run(documentProvisionsQuery(documentId, recordId));
  const sourceFields = await loadSourceFields(db, recordId, options);
  return { provision, row, snapshots, citationSnapshot, versions, others, sourceFields };
}

/** The provision's values in the provisions table's columns beyond the contract; none when it has no such columns. */
export async function loadSourceFields(db: Db, recordId: string, options: QueryOptions = {}): Promise<SourceField[]> {
  const columns = (await db.query(provisionColumnsQuery(), options)).map((r) => ({
    name: stringCell('provisions columns', r, 'column_name'),
    type: stringCell('provisions columns', r, 'data_type')
  }));
  const extra = extraProvisionColumns(columns.map((c) => c.name));
  if (extra.length === 0) return [];
  const [values] = await db.query(sourceFieldsQuery(recordId, extra), options);
  if (!values) return [];
  return extra.map((name) => ({ name, type: columns.find((c) => c.name === name)!.type, value: values[name] ?? null }));
}
