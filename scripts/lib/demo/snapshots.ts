/**
 * Demo snapshots, generated in SQL from the documents and versions already loaded: regular captures of every
 * document, counted back from its last capture (documents.last_verified) to its first_tracked, `changed` when a
 * version of one of its provisions started or ended since the previous capture, and a content hash that changes
 * exactly then. Millions of rows never pass through JavaScript.
 */
import type { NodeDb } from '../duckdb-node';

const DAY_SECONDS = 86_400;

/**
 * Capture interval in days: weekly, or every k weeks when weekly captures of all documents would exceed
 * `maxRows` (the contract's scale target is 10,000,000 snapshot rows).
 */
export async function captureIntervalDays(db: NodeDb, maxRows: number): Promise<number> {
  const rows = await db.query(
    `SELECT CAST(floor(epoch(last_verified - first_tracked) / (7 * ${DAY_SECONDS})) AS BIGINT) AS weeks, count(*) AS docs
     FROM documents GROUP BY weeks`
  );
  for (let k = 1; ; k++) {
    let total = 0;
    for (const r of rows) total += (Math.floor(Number(r.weeks) / k) + 1) * Number(r.docs);
    if (total <= maxRows) return 7 * k;
  }
}

/** Fills the (empty) snapshots table. */
export async function generateSnapshots(db: NodeDb, intervalDays: number): Promise<void> {
  const interval = intervalDays * DAY_SECONDS;
  await db.exec(`
    INSERT INTO snapshots
    WITH docs AS (
      SELECT document_id, source_url, last_verified,
             CAST(floor(epoch(last_verified - first_tracked) / ${interval}) AS BIGINT) AS n
      FROM documents
    ),
    changes AS (
      -- Capture j (0 = first) is taken at last_verified - (n - j) * interval; a change at t is first seen by the
      -- capture with the smallest j whose time is >= t.
      SELECT DISTINCT d.document_id,
             CAST(ceil((epoch(c.at) - (epoch(d.last_verified) - d.n * ${interval})) / ${interval}) AS BIGINT) AS j
      FROM (
        SELECT p.document_id, v.valid_from AS at FROM provision_versions v JOIN provisions p USING (record_id)
        UNION ALL
        SELECT p.document_id, v.valid_to FROM provision_versions v JOIN provisions p USING (record_id)
        WHERE v.valid_to IS NOT NULL
      ) c JOIN docs d USING (document_id)
    ),
    captures AS (
      SELECT document_id, source_url, n, j,
             last_verified - to_seconds((n - j) * ${interval}) AS captured_at
      FROM (SELECT *, unnest(range(0, n + 1)) AS j FROM docs)
    ),
    flagged AS (
      SELECT c.*, CASE WHEN c.j = 0 THEN NULL ELSE ch.j IS NOT NULL END AS changed
      FROM captures c LEFT JOIN changes ch ON ch.document_id = c.document_id AND ch.j = c.j
    ),
    counted AS (
      SELECT *, sum(CASE WHEN changed THEN 1 ELSE 0 END) OVER (PARTITION BY document_id ORDER BY j) AS revision
      FROM flagged
    )
    SELECT 'CA-S-' || lpad(CAST(row_number() OVER (ORDER BY document_id, j) AS VARCHAR), 8, '0') AS snapshot_id,
           document_id,
           captured_at,
           sha256(document_id || '#' || CAST(revision AS VARCHAR)) AS sha256,
           source_url,
           'https://archive.example/' || strftime(captured_at, '%Y%m%d%H%M%S') || '/' || source_url AS archive_url,
           changed
    FROM counted
    ORDER BY document_id, j
  `);
}
