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
 * bucket reports the range's last day). Work is proportional to versions + buckets, whatever the granularity.
 *
 * Versions with an unknown start and removal markers (change_kind 'removed') are never in force, as in as-of.ts.
 */
import type { Query } from '../db/types';
import { bucketIntervalSql, bucketStart, GRANULARITIES, type Granularity } from '../timeline/buckets';
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

/** Bound values shared by both queries: first bucket, last bucket, end of the range. */
function bounds(spec: TimelineSpec) {
  return {
    first: `${bucketStart(spec.from, spec.granularity)} 00:00:00`,
    last: `${bucketStart(spec.to, spec.granularity)} 00:00:00`,
    end: endOfDayInstant(spec.to),
    rangeLastDay: `${spec.to} 00:00:00`
  };
}

/** Bucket of an instant column, for a granularity from the allow-list. */
function truncSql(g: Granularity, column: string): string {
  return `date_trunc(${sqlConstant(g)}, ${column})`;
}

/**
 * One row per bucket, oldest first: `{ bucket, as_of, critical, high, medium, low, info, unrated, total }` —
 * `bucket` its first day, `as_of` the day whose end it reports (its last day, or the range's last day), counts of
 * versions in force then. Buckets with nothing in force are returned with zeros.
 */
export function timelineQuery(spec: TimelineSpec): Query {
  checkSpec(spec);
  const g = spec.granularity;
  const b = bounds(spec);
  const filter = versionFilterSql(spec.filter, 'v');
  const perLevel = SEVERITY_KEYS.map((k) =>
    k === UNRATED
      ? `sum(d) FILTER (WHERE severity IS NULL) AS "${k}"`
      : `sum(d) FILTER (WHERE severity = ${sqlConstant(k)}) AS "${k}"`
  ).join(',\n    ');
  const running = SEVERITY_KEYS.map((k) => `CAST(coalesce(sum(p."${k}") OVER w, 0) AS BIGINT) AS "${k}"`).join(',\n  ');
  const total = SEVERITY_KEYS.map((k) => `coalesce(sum(p."${k}") OVER w, 0)`).join(' + ');
  const step = bucketIntervalSql(g);
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
),
per_bucket AS (
  SELECT bucket,
    ${perLevel}
  FROM deltas GROUP BY bucket
),
buckets AS (SELECT unnest(generate_series(?::TIMESTAMP, ?::TIMESTAMP, ${step})) AS bucket)
SELECT CAST(b.bucket AS DATE) AS bucket,
  CAST(least(b.bucket + ${step} - INTERVAL 1 DAY, ?::TIMESTAMP) AS DATE) AS as_of,
  ${running},
  CAST(${total} AS BIGINT) AS total
FROM buckets AS b LEFT JOIN per_bucket AS p ON p.bucket = b.bucket
WINDOW w AS (ORDER BY b.bucket ROWS UNBOUNDED PRECEDING)
ORDER BY b.bucket`,
    params: [b.end, b.first, ...filter.params, b.first, b.first, b.end, b.first, b.last, b.rangeLastDay]
  };
}

/** What the severity index is computed per: a platform's sector, or the platform itself. */
export type IndexGroup = 'sector' | 'platform';

/** Rank of a level in the severity index: info 0, low 1, medium 2, high 3, critical 4 (unrated: no rank). */
export function severityRankSql(column: string): string {
  const whens = SEVERITIES.map((s, i) => `WHEN ${sqlConstant(s)} THEN ${SEVERITIES.length - 1 - i}`).join(' ');
  return `CASE ${column} ${whens} END`;
}

/**
 * The severity index per group and bucket: `{ group_id, bucket, as_of, rated, unrated, severity_index }`, groups in
 * order, then buckets oldest first. `severity_index` is the average rank (`severityRankSql`) of the rated versions
 * in force at the bucket's end — a count-weighted mean of ranks from 0 (info) to 4 (critical); unrated versions are
 * left out of it (and counted in `unrated`), and it is null when nothing rated is in force. A platform without a
 * sector is grouped under the sector '' (empty text).
 */
export function severityIndexQuery(spec: TimelineSpec, by: IndexGroup): Query {
  checkSpec(spec);
  if (by !== 'sector' && by !== 'platform') throw new Error(`Not an index group: ${JSON.stringify(by)}`);
  const g = spec.granularity;
  const b = bounds(spec);
  const filter = versionFilterSql(spec.filter, 'v');
  const group = by === 'sector' ? `coalesce(p.sector, '')` : 'v.platform_id';
  const join = by === 'sector' ? 'LEFT JOIN platforms AS p ON p.platform_id = v.platform_id' : '';
  const step = bucketIntervalSql(g);
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
),
per_bucket AS (
  SELECT grp, bucket,
    sum(sign) FILTER (WHERE rank IS NOT NULL) AS rated,
    sum(sign) FILTER (WHERE rank IS NULL) AS unrated,
    sum(sign * rank) AS rank_sum
  FROM events GROUP BY grp, bucket
),
buckets AS (SELECT unnest(generate_series(?::TIMESTAMP, ?::TIMESTAMP, ${step})) AS bucket),
grid AS (SELECT grp, bucket FROM (SELECT DISTINCT grp FROM v) CROSS JOIN buckets),
running AS (
  SELECT grid.grp, grid.bucket,
    coalesce(sum(p.rated) OVER w, 0) AS rated,
    coalesce(sum(p.unrated) OVER w, 0) AS unrated,
    coalesce(sum(p.rank_sum) OVER w, 0) AS rank_sum
  FROM grid LEFT JOIN per_bucket AS p ON p.grp = grid.grp AND p.bucket = grid.bucket
  WINDOW w AS (PARTITION BY grid.grp ORDER BY grid.bucket ROWS UNBOUNDED PRECEDING)
)
SELECT grp AS group_id, CAST(bucket AS DATE) AS bucket,
  CAST(least(bucket + ${step} - INTERVAL 1 DAY, ?::TIMESTAMP) AS DATE) AS as_of,
  CAST(rated AS BIGINT) AS rated, CAST(unrated AS BIGINT) AS unrated,
  CASE WHEN rated > 0 THEN CAST(rank_sum AS DOUBLE) / CAST(rated AS DOUBLE) END AS severity_index
FROM running
ORDER BY group_id, bucket`,
    params: [b.end, b.first, ...filter.params, b.first, b.first, b.end, b.first, b.last, b.rangeLastDay]
  };
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
