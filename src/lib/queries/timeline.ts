/**
 * Severity over time (`/timeline`): how many provisions were in force at each severity in each bucket, and a
 * severity index per sector or platform.
 *
 * A bucket reports the state at the end of its last UTC day (`timeline/buckets.ts`), which is `inForceAsOf` of
 * `queries/as-of.ts` applied to that day. Rather than testing every version against every bucket (buckets × versions),
 * each version becomes two events: +1 in the bucket holding `valid_from`, −1 in the bucket holding `valid_to`; a
 * running sum over the buckets then gives the count in force at each bucket's end. Why that is the same rule: a
 * version is in force at the end of bucket b (instant E_b, the start of bucket b+1) exactly when
 * valid_from < E_b <= valid_to, i.e. when bucket(valid_from) <= b < bucket(valid_to). Events before the first bucket
 * are moved into it (they are all in its running sum), events at or after the range's end are dropped (the last
 * bucket reports the range's last day). SQL groups the events per bucket; the running sum is done in TypeScript.
 * Work is proportional to versions + buckets, whatever the granularity.
 *
 * Versions with an unknown start and removal markers (change_kind 'removed') are never in force, as in as-of.ts.
 */
import type { Db, Query, QueryOptions } from '../db/types';
import { bucketsFor, bucketStart, GRANULARITIES, type Granularity } from '../timeline/buckets';
import {
  readIndexDeltas,
  readTimelineDeltas,
  runningIndex,
  runningTimeline,
  type IndexPoint,
  type TimelinePoint
} from '../timeline/series';
import { endOfDayInstant } from './as-of';
import { sqlConstant, SEVERITY_KEYS, UNRATED } from './severity';
import { placedInTimeSql, versionFilterSql, type VersionFilter } from './version-filters';
import { SEVERITIES } from '../contract/schema';

export interface TimelineSpec {
  filter: VersionFilter;
  /** First day of the range (inclusive). */
  from: string;
  /** Last day of the range (inclusive); the last bucket reports the end of this day. */
  to: string;
  granularity: Granularity;
}

function checkSpec(spec: TimelineSpec): void {
  if (!GRANULARITIES.includes(spec.granularity)) throw new Error(`Not a granularity: ${JSON.stringify(spec.granularity)}`);
  if (spec.to < spec.from) throw new RangeError(`The range ends (${spec.to}) before it starts (${spec.from})`);
}

/** Bound values shared by both queries: the first bucket's start, the end of the range. */
function bounds(spec: TimelineSpec) {
  return { first: `${bucketStart(spec.from, spec.granularity)} 00:00:00`, end: endOfDayInstant(spec.to) };
}

/** Bucket of an instant column, for a granularity from the allow-list. */
function truncSql(g: Granularity, column: string): string {
  return `date_trunc(${sqlConstant(g)}, ${column})`;
}

/**
 * The events of the timeline: per bucket that has any, how many versions of each severity start in force at its
 * end minus how many stop — `{ bucket, critical, high, medium, low, info, unrated }` (`bucket` its first day). The
 * running sum over all buckets (`loadTimeline`, in TypeScript: a few thousand additions, where DuckDB's window over a
 * generated series of days cost more than the events themselves) is the count in force at each bucket's end.
 */
export function timelineDeltasQuery(spec: TimelineSpec): Query {
  checkSpec(spec);
  const g = spec.granularity;
  const b = bounds(spec);
  const filter = versionFilterSql(spec.filter, 'v');
  const perLevel = SEVERITY_KEYS.map((k) =>
    k === UNRATED
      ? `CAST(coalesce(sum(d) FILTER (WHERE severity IS NULL), 0) AS BIGINT) AS "${k}"`
      : `CAST(coalesce(sum(d) FILTER (WHERE severity = ${sqlConstant(k)}), 0) AS BIGINT) AS "${k}"`
  ).join(',\n  ');
  return {
    sql: `WITH v AS (
  SELECT v.severity, v.valid_from, v.valid_to
  FROM provision_versions AS v
  WHERE ${placedInTimeSql('v')}
    AND v.valid_from < ?::TIMESTAMP
    AND (v.valid_to IS NULL OR v.valid_to >= ?::TIMESTAMP)
    AND ${filter.sql}
),
deltas AS (
  SELECT greatest(${truncSql(g, 'valid_from')}, ?::TIMESTAMP) AS bucket, severity, count(*) AS d FROM v GROUP BY ALL
  UNION ALL
  SELECT greatest(${truncSql(g, 'valid_to')}, ?::TIMESTAMP) AS bucket, severity, -count(*) AS d
  FROM v WHERE valid_to < ?::TIMESTAMP GROUP BY ALL
)
SELECT CAST(bucket AS DATE) AS bucket,
  ${perLevel}
FROM deltas
GROUP BY bucket
ORDER BY bucket`,
    params: [b.end, b.first, ...filter.params, b.first, b.first, b.end]
  };
}

/**
 * One point per bucket of the range, oldest first: the state at the end of the bucket's last day (or of the range's
 * last day), per severity — `timelineDeltasQuery` summed up bucket by bucket.
 */
export async function loadTimeline(db: Db, spec: TimelineSpec, options: QueryOptions = {}): Promise<TimelinePoint[]> {
  const rows = await db.query(timelineDeltasQuery(spec), options);
  return runningTimeline(readTimelineDeltas(rows), bucketsFor(spec.from, spec.to, spec.granularity));
}

/** What the severity index is computed per: a platform's sector, or the platform itself. */
export type IndexGroup = 'sector' | 'platform';

/** Rank of a level in the severity index: info 0, low 1, medium 2, high 3, critical 4 (unrated: no rank). */
export function severityRankSql(column: string): string {
  const whens = SEVERITIES.map((s, i) => `WHEN ${sqlConstant(s)} THEN ${SEVERITIES.length - 1 - i}`).join(' ');
  return `CASE ${column} ${whens} END`;
}

/**
 * The events of the severity index, per group and bucket that has any: `{ group_id, bucket, rated, unrated,
 * rank_sum }` — changes at the bucket's end of the rated versions in force, the unrated ones, and the sum of the rated
 * ones' ranks (`severityRankSql`). A platform without a sector is grouped under the sector '' (empty text).
 */
export function severityIndexDeltasQuery(spec: TimelineSpec, by: IndexGroup): Query {
  checkSpec(spec);
  if (by !== 'sector' && by !== 'platform') throw new Error(`Not an index group: ${JSON.stringify(by)}`);
  const g = spec.granularity;
  const b = bounds(spec);
  const filter = versionFilterSql(spec.filter, 'v');
  const group = by === 'sector' ? `coalesce(p.sector, '')` : 'v.platform_id';
  const join = by === 'sector' ? 'LEFT JOIN platforms AS p ON p.platform_id = v.platform_id' : '';
  return {
    sql: `WITH v AS (
  SELECT ${group} AS grp, ${severityRankSql('v.severity')} AS rank, v.valid_from, v.valid_to
  FROM provision_versions AS v ${join}
  WHERE ${placedInTimeSql('v')}
    AND v.valid_from < ?::TIMESTAMP
    AND (v.valid_to IS NULL OR v.valid_to >= ?::TIMESTAMP)
    AND ${filter.sql}
),
events AS (
  SELECT grp, greatest(${truncSql(g, 'valid_from')}, ?::TIMESTAMP) AS bucket, 1 AS sign, rank FROM v
  UNION ALL
  SELECT grp, greatest(${truncSql(g, 'valid_to')}, ?::TIMESTAMP) AS bucket, -1 AS sign, rank FROM v WHERE valid_to < ?::TIMESTAMP
)
SELECT grp AS group_id, CAST(bucket AS DATE) AS bucket,
  CAST(coalesce(sum(sign) FILTER (WHERE rank IS NOT NULL), 0) AS BIGINT) AS rated,
  CAST(coalesce(sum(sign) FILTER (WHERE rank IS NULL), 0) AS BIGINT) AS unrated,
  CAST(coalesce(sum(sign * rank), 0) AS BIGINT) AS rank_sum
FROM events
GROUP BY grp, bucket
ORDER BY group_id, bucket`,
    params: [b.end, b.first, ...filter.params, b.first, b.first, b.end]
  };
}

/**
 * The severity index per group and bucket, groups in order, then buckets oldest first (every bucket of the range):
 * the average rank of the rated versions in force at the bucket's end — a count-weighted mean of ranks from 0 (info)
 * to 4 (critical); unrated versions are left out of it (and counted apart), and it is null when nothing rated is in
 * force. Groups are those with a version that could be in force in the range.
 */
export async function loadSeverityIndex(db: Db, spec: TimelineSpec, by: IndexGroup, options: QueryOptions = {}): Promise<IndexPoint[]> {
  const rows = await db.query(severityIndexDeltasQuery(spec, by), options);
  return runningIndex(readIndexDeltas(rows), bucketsFor(spec.from, spec.to, spec.granularity));
}

/**
 * What the export knows about time, for defaults and for saying what is missing: `{ versions, undated, markers,
 * first_day, last_day }` — all versions, those with an unknown start (left out of every time view), removal markers,
 * and the first and last day on which anything starts or ends. Only run when `provision_versions` is loaded.
 */
export function historyExtentQuery(): Query {
  return {
    sql: `SELECT count(*) AS versions,
  count(*) FILTER (WHERE valid_from IS NULL) AS undated,
  count(*) FILTER (WHERE change_kind = 'removed') AS markers,
  CAST(min(valid_from) AS DATE) AS first_day,
  CAST(greatest(max(valid_from), max(valid_to)) AS DATE) AS last_day
FROM provision_versions`,
    params: []
  };
}

/**
 * Every version placed in time as five integers, for the in-page index (`timeline/version-index.ts`):
 * `{ from_day, to_day, platform, category, severity }` — UTC day numbers of valid_from and valid_to (2147483647 when
 * still current), the positions of the platform and category in `indexPlatformsQuery` / `indexCategoriesQuery`, and
 * the severity's position in the scale (unrated last). No parameters, so it can be read as Arrow columns.
 */
export function versionIndexQuery(): Query {
  const severity = `CASE v.severity ${SEVERITIES.map((s, i) => `WHEN ${sqlConstant(s)} THEN ${i}`).join(' ')} ELSE ${SEVERITIES.length} END`;
  const day = (column: string) => `date_diff('day', DATE '1970-01-01', CAST(${column} AS DATE))`;
  return {
    sql: `WITH pl AS (SELECT platform_id, row_number() OVER (ORDER BY platform_id) - 1 AS code FROM platforms),
ca AS (SELECT category_id, row_number() OVER (ORDER BY category_id) - 1 AS code FROM categories)
SELECT CAST(${day('v.valid_from')} AS INTEGER) AS from_day,
  CAST(coalesce(${day('v.valid_to')}, 2147483647) AS INTEGER) AS to_day,
  CAST(pl.code AS INTEGER) AS platform,
  CAST(ca.code AS INTEGER) AS category,
  CAST(${severity} AS INTEGER) AS severity
FROM provision_versions AS v
JOIN pl ON pl.platform_id = v.platform_id
JOIN ca ON ca.category_id = v.category_id
WHERE ${placedInTimeSql('v')}`,
    params: []
  };
}

/** The platforms in the order of `versionIndexQuery`'s positions, with what the platform filter reads. */
export function indexPlatformsQuery(): Query {
  return { sql: `SELECT platform_id, name, sector, jurisdiction FROM platforms ORDER BY platform_id`, params: [] };
}

/** The categories in the order of `versionIndexQuery`'s positions. */
export function indexCategoriesQuery(): Query {
  return { sql: `SELECT category_id FROM categories ORDER BY category_id`, params: [] };
}
