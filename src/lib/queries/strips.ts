/**
 * Per-platform strips (`/timeline`, one category): for each platform, its severity in the category over time as
 * segments, so one sees who moved first and who followed.
 *
 * A platform may hold several provisions in one category; its strip shows the worst severity in force (unrated
 * counts below every level: it never hides a rated provision). The segments are cut at every instant a version of
 * the platform starts or ends, so within a segment the same versions are in force: the segment names the version
 * that sets its colour (the worst; ties go to the lowest record id) and how many are in force. Segments are clipped to
 * the range, from `from` 00:00 UTC to the end of `to`; times when nothing is in force have no segment.
 *
 * Versions are those of `timeline.ts`: a known `valid_from`, not a removal marker, valid on [valid_from, valid_to).
 */
import type { Param, Query } from '../db/types';
import { endOfDayInstant, inForceAsOf } from './as-of';
import { severityOrderSql, SEVERITY_KEYS, sqlConstant } from './severity';
import { placedInTimeSql, versionFilterSql, type VersionFilter } from './version-filters';
import { nameOrderSql } from './sort-name';

export interface StripSpec {
  /** The category (required) and the usual platform, sector and severity filters. */
  filter: Omit<VersionFilter, 'categories'>;
  category: string;
  from: string;
  to: string;
}

export const STRIP_SORTS = ['name', 'first', 'worst', 'changed'] as const;
/** By name; by first appearance (who moved first); by the worst severity at the end of the range; by latest change. */
export type StripSort = (typeof STRIP_SORTS)[number];

function bounds(spec: StripSpec) {
  if (spec.to < spec.from) throw new RangeError(`The range ends (${spec.to}) before it starts (${spec.from})`);
  endOfDayInstant(spec.from); // refuses a malformed day
  return { start: `${spec.from} 00:00:00`, end: endOfDayInstant(spec.to) };
}

/** The category's versions that overlap the range, as the CTE `v` (with the severity's sort position `pos`). */
function versionsCte(spec: StripSpec, platformIds?: readonly string[]): { sql: string; params: Param[] } {
  const { start, end } = bounds(spec);
  const filter = versionFilterSql({ ...spec.filter, categories: [spec.category] }, 'v');
  const only =
    platformIds === undefined ? '' : ` AND v.platform_id IN (${platformIds.map(() => '?').join(', ') || 'NULL'})`;
  return {
    sql: `v AS (
  SELECT v.record_id, v.version, v.platform_id, v.severity, v.valid_from, v.valid_to, v.change_kind,
    coalesce(v.valid_to, 'infinity'::TIMESTAMP) AS until, ${severityOrderSql('v.severity')} AS pos
  FROM provision_versions AS v
  WHERE ${placedInTimeSql('v')} AND ${filter.sql}${only}
    AND v.valid_from < ?::TIMESTAMP AND (v.valid_to IS NULL OR v.valid_to > ?::TIMESTAMP)
)`,
    params: [...filter.params, ...(platformIds ?? []), end, start]
  };
}

const BY_NAME = `${nameOrderSql('pl.name')}, p.platform_id`;
const ORDER: Record<StripSort, string> = {
  name: BY_NAME,
  first: `p.first_at, ${BY_NAME}`,
  // Platforms with nothing in force at the end come last.
  worst: `CASE WHEN p.in_force_at_end > 0 THEN p.worst_pos END NULLS LAST, ${BY_NAME}`,
  changed: `p.last_change DESC NULLS LAST, ${BY_NAME}`
};

/**
 * One page of the platforms that have a version in the range: `{ platform_id, name, sector, provisions, first_at,
 * last_change, worst_at_end, platforms }` — `first_at` the earliest start of one of its versions, `last_change` the
 * latest start or end inside the range (null: none), `worst_at_end` the worst severity key in force at the end of
 * `to` ('unrated' when only unrated versions are, null when none is), `in_force_at_end` how many versions are then,
 * `platforms` how many platforms there are on all pages.
 */
export function stripPlatformsQuery(spec: StripSpec, sort: StripSort, page: { limit: number; offset: number }): Query {
  if (!STRIP_SORTS.includes(sort)) throw new Error(`Not a strip sort: ${JSON.stringify(sort)}`);
  if (!Number.isSafeInteger(page.limit) || page.limit < 1 || !Number.isSafeInteger(page.offset) || page.offset < 0) {
    throw new RangeError(`Not a page: limit ${page.limit}, offset ${page.offset}`);
  }
  const cte = versionsCte(spec);
  const { start, end } = bounds(spec);
  const asOf = inForceAsOf(spec.to, 'v');
  return {
    sql: `WITH ${cte.sql},
per_platform AS (
  SELECT v.platform_id,
    count(DISTINCT v.record_id) AS provisions,
    min(v.valid_from) AS first_at,
    max(greatest(
      CASE WHEN v.valid_from >= ?::TIMESTAMP THEN v.valid_from END,
      CASE WHEN v.valid_to < ?::TIMESTAMP THEN v.valid_to END)) AS last_change,
    min(v.pos) FILTER (WHERE ${asOf.sql}) AS worst_pos,
    count(*) FILTER (WHERE ${asOf.sql}) AS in_force_at_end
  FROM v GROUP BY v.platform_id
)
SELECT p.platform_id, pl.name, pl.sector, p.provisions, p.first_at, p.last_change,
  CASE WHEN p.in_force_at_end > 0 THEN ${severityAt('p.worst_pos')} END AS worst_at_end,
  p.in_force_at_end, count(*) OVER () AS platforms
FROM per_platform AS p JOIN platforms AS pl ON pl.platform_id = p.platform_id
ORDER BY ${ORDER[sort]}
LIMIT ? OFFSET ?`,
    params: [...cte.params, start, end, ...asOf.params, ...asOf.params, page.limit, page.offset]
  };
}

/** The severity key at a sort position of `severityOrderSql`: the contract's levels, then 'unrated'. */
function severityAt(pos: string): string {
  return `[${SEVERITY_KEYS.map(sqlConstant).join(', ')}][${pos} + 1]`;
}

/**
 * The segments of the given platforms, `{ platform_id, seg_from, seg_to, severity, record_id, version, valid_from,
 * valid_to, in_force }`, by platform and time: [seg_from, seg_to) clipped to the range; the version that sets the
 * colour with its own validity (valid_to null = still current); `in_force` versions of the platform in the category
 * during the segment.
 */
export function stripSegmentsQuery(spec: StripSpec, platformIds: readonly string[]): Query {
  const cte = versionsCte(spec, platformIds);
  const { start, end } = bounds(spec);
  return {
    sql: `WITH ${cte.sql},
cuts AS (
  SELECT platform_id, greatest(valid_from, ?::TIMESTAMP) AS t FROM v
  UNION
  SELECT platform_id, valid_to FROM v WHERE valid_to < ?::TIMESTAMP
),
segments AS (
  SELECT platform_id, t AS seg_from, coalesce(lead(t) OVER (PARTITION BY platform_id ORDER BY t), ?::TIMESTAMP) AS seg_to
  FROM cuts
),
covering AS (
  SELECT s.platform_id, s.seg_from, s.seg_to, v.severity, v.record_id, v.version, v.valid_from, v.valid_to,
    row_number() OVER (PARTITION BY s.platform_id, s.seg_from ORDER BY v.pos, v.record_id, v.version) AS rank,
    count(*) OVER (PARTITION BY s.platform_id, s.seg_from) AS in_force
  FROM segments AS s JOIN v ON v.platform_id = s.platform_id AND v.valid_from <= s.seg_from AND v.until >= s.seg_to
)
SELECT platform_id, seg_from, seg_to, severity, record_id, version, valid_from, valid_to, in_force
FROM covering WHERE rank = 1
ORDER BY platform_id, seg_from`,
    params: [...cte.params, start, end, end]
  };
}
