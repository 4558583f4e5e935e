/**
 * The provisions a comparison looks at, as one SQL subquery with the same columns on both paths:
 *  - today (`asOf` null): the current provisions, status 'active' — a removed provision binds nobody;
 *  - as of a day: the versions in force at the end of that UTC day (`inForceAsOf`, the rule every time-aware view
 *    shares), with the severity of that version and its platform and category. The clause is that version's text;
 *    when the source did not keep it, the provision's current text stands in only for the version still current
 *    (an older version's wording is unknown, and shown as such).
 * Title, document and tracking dates come from the provision (they have no history in the contract).
 *
 * Columns: record_id, platform_id, category_id, document_id, title, severity, clause_text, first_tracked,
 * last_verified, then the provenance columns (`PROVENANCE_COLUMNS`: polarity, source_rating, …), which have no
 * history either.
 */
import type { Param } from '../db/types';
import { inForceAsOf } from './as-of';
import { SEVERITIES } from '../contract/schema';
import { sqlConstant, UNRATED, type SeverityKey } from './severity';
import { PROVENANCE_COLUMNS } from './provenance';

const PROVENANCE = PROVENANCE_COLUMNS.map((c) => `p.${c}`).join(', ');

export interface ScopeFilter {
  /** 'YYYY-MM-DD' (end of that UTC day), or null for today's state from `provisions`. */
  asOf: string | null;
  /** Only this category; null for every category. */
  category: string | null;
  /** Only these severities ('unrated' = null); empty for every severity. */
  severities: readonly SeverityKey[];
}

function severityCondition(severities: readonly SeverityKey[], column: string, params: Param[]): string | null {
  if (severities.length === 0) return null;
  const levels = severities.filter((s) => s !== UNRATED);
  for (const s of levels) if (!(SEVERITIES as readonly string[]).includes(s)) throw new Error(`Not a severity: ${JSON.stringify(s)}`);
  const parts: string[] = [];
  if (levels.length > 0) {
    parts.push(`${column} IN (${levels.map(() => '?').join(', ')})`);
    params.push(...levels);
  }
  if (severities.includes(UNRATED)) parts.push(`${column} IS NULL`);
  return `(${parts.join(' OR ')})`;
}

export function scopedProvisionsSql({ asOf, category, severities }: ScopeFilter): { sql: string; params: Param[] } {
  const params: Param[] = [];
  const where: string[] = [];
  let sql: string;
  if (asOf === null) {
    where.push(`p.status = ${sqlConstant('active')}`);
    if (category !== null) {
      where.push('p.category_id = ?');
      params.push(category);
    }
    const sev = severityCondition(severities, 'p.severity', params);
    if (sev) where.push(sev);
    sql = `SELECT p.record_id, p.platform_id, p.category_id, p.document_id, p.title, p.severity, p.clause_text,
    p.first_tracked, p.last_verified, ${PROVENANCE}
  FROM provisions AS p
  WHERE ${where.join(' AND ')}`;
  } else {
    const inForce = inForceAsOf(asOf, 'v');
    where.push(inForce.sql);
    params.push(...inForce.params);
    if (category !== null) {
      where.push('v.category_id = ?');
      params.push(category);
    }
    const sev = severityCondition(severities, 'v.severity', params);
    if (sev) where.push(sev);
    sql = `SELECT v.record_id, v.platform_id, v.category_id, p.document_id, p.title, v.severity,
    CASE WHEN v.clause_text IS NOT NULL THEN v.clause_text WHEN v.valid_to IS NULL THEN p.clause_text END AS clause_text,
    p.first_tracked, p.last_verified, ${PROVENANCE}
  FROM provision_versions AS v
  JOIN provisions AS p ON p.record_id = v.record_id
  WHERE ${where.join(' AND ')}`;
  }
  return { sql, params };
}
