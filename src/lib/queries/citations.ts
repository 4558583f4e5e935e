/**
 * What a citation of some provisions needs, for any selection (the provision page, ticked compare rows, a SQL result
 * with a `record_id` column): `citationRecordsQuery`.
 *
 * The capture cited is the one the provision page cites (`citationSnapshotQuery`): the latest snapshot of the
 * provision's document taken at or before its `last_verified`, the newest id breaking a tie. Exports without a
 * snapshots table are valid: then no capture is read.
 *
 * Record ids are bound parameters, at most `MAX_CITED` per statement.
 */
import type { Query } from '../db/types';

/** Most records cited in one file (and bound in one statement). */
export const MAX_CITED = 5_000;

/**
 * One row per asked record the export has, in no particular order: `{ record_id, title, last_verified, platform_name,
 * category_name, document_title, doc_type, document_url, snapshot_id, captured_at, capture_sha256, archive_url }`
 * (capture columns null when none is cited).
 */
export function citationRecordsQuery(recordIds: readonly string[], { withSnapshots }: { withSnapshots: boolean }): Query {
  if (recordIds.length === 0 || recordIds.length > MAX_CITED) throw new RangeError(`Cite 1 to ${MAX_CITED} records, not ${recordIds.length}`);
  const list = recordIds.map(() => '?').join(', ');
  const capture = withSnapshots
    ? `LEFT JOIN (
  SELECT p.record_id, s.snapshot_id, s.captured_at, s.sha256, s.archive_url,
    row_number() OVER (PARTITION BY p.record_id ORDER BY s.captured_at DESC, s.snapshot_id DESC) AS n
  FROM provisions AS p
  JOIN snapshots AS s ON s.document_id = p.document_id AND s.captured_at <= p.last_verified
  WHERE p.record_id IN (${list})
) AS cap ON cap.record_id = p.record_id AND cap.n = 1`
    : '';
  const columns = withSnapshots
    ? 'cap.snapshot_id, cap.captured_at, cap.sha256 AS capture_sha256, cap.archive_url'
    : 'NULL::VARCHAR AS snapshot_id, NULL::TIMESTAMP AS captured_at, NULL::VARCHAR AS capture_sha256, NULL::VARCHAR AS archive_url';
  return {
    sql: `SELECT p.record_id, p.title, p.last_verified, pl.name AS platform_name, c.name AS category_name,
  d.title AS document_title, d.doc_type, d.source_url AS document_url, ${columns}
FROM provisions AS p
JOIN platforms AS pl ON pl.platform_id = p.platform_id
JOIN categories AS c ON c.category_id = p.category_id
LEFT JOIN documents AS d ON d.document_id = p.document_id
${capture}
WHERE p.record_id IN (${list})`,
    params: withSnapshots ? [...recordIds, ...recordIds] : [...recordIds]
  };
}
