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
  provisionQuery,
  snapshotsQuery,
  versionsQuery
} from '$lib/queries/provision';
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
  document: {
    document_id: string;
    title: string;
    doc_type: DocType;
    source_url: string | null;
    last_updated: string | null;
    first_tracked: Date | null;
    last_verified: Date | null;
  };
  platform: { platform_id: string; name: string; sector: string | null; jurisdiction: string | null; website: string | null };
  category: { category_id: string; name: string; group_name: string | null; description: string | null };
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
  /** Rows of `documentProvisionsQuery`. */
  others: Row[];
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
    document: {
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
      description: ns('category_description')
    }
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
  const documentId = provision.document.document_id;

  const hasSnapshots = tables.includes('snapshots');
  let snapshots: Row[] | null = null;
  let citationSnapshot: Snapshot | null = null;
  if (hasSnapshots) {
    snapshots = await run(snapshotsQuery(documentId));
    const [cited] = await run(citationSnapshotQuery(recordId));
    citationSnapshot = cited ? readSnapshot(cited) : null;
  }
  const versions = tables.includes('provision_versions') ? await run(versionsQuery(recordId)) : null;
  const others = await run(documentProvisionsQuery(documentId, recordId));
  return { provision, row, snapshots, citationSnapshot, versions, others };
}
