/**
 * Citation records for a selection of provisions, read with `citationRecordsQuery`: in the order asked, duplicates
 * once, and the ids the export does not have named apart (a SQL result can hold any text in a `record_id` column).
 */
import type { Db, QueryOptions } from '$lib/db/types';
import type { Row } from '$lib/db/values';
import { nullableStringCell, stringCell } from '$lib/queries/cells';
import { citationRecordsQuery, MAX_CITED } from '$lib/queries/citations';
import type { CitationRecord } from './record';

export interface CitationContext {
  /** The export has a snapshots table. */
  withSnapshots: boolean;
  /** Absolute URL of a provision's page. */
  permalinkOf: (recordId: string) => string;
  publisher: string;
  /** The reader's day of access, 'YYYY-MM-DD' (`accessedDay`). */
  accessed: string;
}

export interface LoadedCitations {
  records: CitationRecord[];
  /** Asked ids with no provision in the export, in the order asked. */
  unknown: string[];
}

function instant(what: string, row: Row, column: string): Date | null {
  const v = row[column];
  if (v === null || v instanceof Date) return v;
  throw new Error(`${what}: column "${column}" should be a timestamp or null, got ${JSON.stringify(v)}`);
}

export function readCitation(row: Row, context: CitationContext): CitationRecord {
  const what = 'citation';
  const recordId = stringCell(what, row, 'record_id');
  const snapshotId = nullableStringCell(what, row, 'snapshot_id');
  const capturedAt = instant(what, row, 'captured_at');
  return {
    recordId,
    title: stringCell(what, row, 'title'),
    platformName: stringCell(what, row, 'platform_name'),
    categoryName: stringCell(what, row, 'category_name'),
    documentTitle: nullableStringCell(what, row, 'document_title'),
    docType: nullableStringCell(what, row, 'doc_type'),
    documentUrl: nullableStringCell(what, row, 'document_url'),
    lastVerified: instant(what, row, 'last_verified'),
    permalink: context.permalinkOf(recordId),
    capture:
      snapshotId === null || capturedAt === null
        ? null
        : { snapshotId, capturedAt, sha256: nullableStringCell(what, row, 'capture_sha256'), archiveUrl: nullableStringCell(what, row, 'archive_url') },
    publisher: context.publisher,
    accessed: context.accessed
  };
}

/** The records of `recordIds` (blank and repeated ids skipped); more than `MAX_CITED` distinct ids is refused. */
export async function loadCitations(db: Db, recordIds: readonly string[], context: CitationContext, options: QueryOptions = {}): Promise<LoadedCitations> {
  const ids = [...new Set(recordIds.filter((id) => id.trim() !== ''))];
  if (ids.length === 0) return { records: [], unknown: [] };
  if (ids.length > MAX_CITED) throw new RangeError(`${ids.length.toLocaleString('en')} records selected: a citation file holds at most ${MAX_CITED.toLocaleString('en')}.`);
  const rows = await db.query(citationRecordsQuery(ids, { withSnapshots: context.withSnapshots }), options);
  const byId = new Map(rows.map((r) => [stringCell('citation', r, 'record_id'), r]));
  return {
    records: ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [readCitation(row, context)] : [];
    }),
    unknown: ids.filter((id) => !byId.has(id))
  };
}
