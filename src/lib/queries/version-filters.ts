/**
 * The filters the time views share (timeline, strips, change feed) as SQL over `provision_versions`: categories,
 * the app's platform filter (sector, jurisdiction, name search, hand-picked set: `platform-filter.ts`) and
 * severities. Every value is a bound parameter; an empty list means "no filter".
 *
 * Versions carry `platform_id` and `category_id` themselves (denormalised in the contract for fast time queries);
 * the rest of the platform filter is a property of the platform, so it is looked up in `platforms`.
 */
import { SEVERITIES } from '../contract/schema';
import type { Param } from '../db/types';
import { ALL_PLATFORMS, platformFilterWhere, type PlatformFilter } from './platform-filter';
import { UNRATED, type SeverityKey } from './severity';

export interface VersionFilter {
  /** Categories; empty = all. */
  categories: readonly string[];
  platforms: PlatformFilter;
  /** Severity keys ('unrated' = null severity) during the version. */
  severities: readonly SeverityKey[];
}

export const NO_FILTER: VersionFilter = { categories: [], platforms: ALL_PLATFORMS, severities: [] };

export interface SqlPart {
  sql: string;
  params: Param[];
}

const ALIAS = /^[a-z_][a-z0-9_]*$/;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** `column IN (?, …)` over `values`, or nothing when there are none. */
function inList(column: string, values: readonly string[]): SqlPart | null {
  if (values.length === 0) return null;
  return { sql: `${column} IN (${placeholders(values.length)})`, params: [...values] };
}

function severityPart(column: string, severities: readonly SeverityKey[]): SqlPart | null {
  if (severities.length === 0) return null;
  const levels = severities.filter((s): s is (typeof SEVERITIES)[number] => s !== UNRATED);
  const parts: string[] = [];
  if (levels.length > 0) parts.push(`${column} IN (${placeholders(levels.length)})`);
  if (severities.includes(UNRATED)) parts.push(`${column} IS NULL`);
  return { sql: `(${parts.join(' OR ')})`, params: levels };
}

/**
 * Conditions on the versions aliased `alias` (joined with AND; "TRUE" when there is no filter). With
 * `withSeverity: false` the severity filter is left out (for queries that need every severity to find a change).
 */
export function versionFilterSql(filter: VersionFilter, alias = 'v', { withSeverity = true } = {}): SqlPart {
  if (!ALIAS.test(alias)) throw new Error(`Not a table alias: ${alias}`);
  const { platforms } = filter;
  // A hand-picked set alone is a plain IN on the version's own column; anything else needs the platforms table.
  const onlyIds = platforms.sectors.length === 0 && platforms.jurisdictions.length === 0 && platforms.q.trim() === '';
  const where = onlyIds ? null : platformFilterWhere(platforms, 'pl');
  const parts = [
    inList(`${alias}.category_id`, filter.categories),
    onlyIds ? inList(`${alias}.platform_id`, platforms.platforms) : null,
    where ? { sql: `${alias}.platform_id IN (SELECT pl.platform_id FROM platforms AS pl WHERE ${where.sql})`, params: where.params } : null,
    withSeverity ? severityPart(`${alias}.severity`, filter.severities) : null
  ].filter((p): p is SqlPart => p !== null);
  if (parts.length === 0) return { sql: 'TRUE', params: [] };
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** The part of "as of" that does not depend on a day: a version with a known start that is not a removal marker. */
export function placedInTimeSql(alias = 'v'): string {
  if (!ALIAS.test(alias)) throw new Error(`Not a table alias: ${alias}`);
  return `${alias}.valid_from IS NOT NULL AND ${alias}.change_kind IS DISTINCT FROM 'removed'`;
}
