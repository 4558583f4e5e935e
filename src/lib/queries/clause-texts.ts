/**
 * The clause text of chosen versions of one provision, for the clause diff. Texts are fetched only for the two
 * versions being compared (they are the export's biggest column).
 *
 * A version without its own `clause_text` (sources that keep only hashes) has no known wording — except the version
 * still current, whose wording is the provision's `clause_text` (the same rule as the compare view's as-of path).
 * `text_source` says which: 'version', 'provision' or null (unknown).
 */
import type { Query } from '../db/types';

export function clauseTextsQuery(recordId: string, versions: readonly number[]): Query {
  if (versions.length === 0 || !versions.every((v) => Number.isSafeInteger(v))) {
    throw new RangeError(`Versions to compare must be whole numbers, got ${JSON.stringify(versions)}`);
  }
  return {
    sql: `SELECT v.version, v.severity, v.valid_from, v.valid_to, v.change_kind, v.clause_sha256,
  CASE WHEN v.clause_text IS NOT NULL THEN v.clause_text WHEN v.valid_to IS NULL THEN p.clause_text END AS clause_text,
  CASE WHEN v.clause_text IS NOT NULL THEN 'version' WHEN v.valid_to IS NULL AND p.clause_text IS NOT NULL THEN 'provision' END
    AS text_source
FROM provision_versions AS v
LEFT JOIN provisions AS p ON p.record_id = v.record_id
WHERE v.record_id = ? AND v.version IN (${versions.map(() => '?').join(', ')})
ORDER BY v.version`,
    params: [recordId, ...versions]
  };
}
