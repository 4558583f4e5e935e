/**
 * The change feed (`/changes`): every change to a provision in a date range, derived from consecutive versions
 * rather than from the recorded `change_kind` alone.
 *
 * Versions of a record are taken in `version` order (the contract numbers them in order of validity); versions with
 * an unknown `valid_from` cannot be placed in time and are left out. Then:
 *  - a version that starts with no version in force just before it (the first one, one after a gap, or one after a
 *    removal marker) is `added` at its `valid_from`;
 *  - a version that follows one still in force is a change at its `valid_from`: `raised` / `lowered` when both
 *    severities are rated and differ, `rating_changed` when one of them is unrated, else `text_changed` when the text
 *    differs, else `other` (a new version with no difference we can see);
 *  - the text differs when both hashes are known and differ; without hashes, when both texts are known and differ;
 *    with neither, the recorded change_kind says (`text_changed`) — the one place it is trusted;
 *  - `removed`: a version ends (`valid_to`) and no version starts at that instant — how our builder and the demo
 *    record a removal (the provision's `status` is then 'removed') — or a removal marker (change_kind 'removed',
 *    as `as-of.ts` reads it) ends a version still in force.
 * A change is in the range when it happened during one of its UTC days: from `from` 00:00 to the end of `to`.
 */
import type { Param, Query } from '../db/types';
import { endOfDayInstant } from './as-of';
import { severityRankSql } from './timeline';
import { sqlConstant, SEVERITY_KEYS, UNRATED, type SeverityKey } from './severity';
import { versionFilterSql, type VersionFilter } from './version-filters';

export const CHANGE_KINDS = ['added', 'raised', 'lowered', 'rating_changed', 'text_changed', 'other', 'removed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ChangeSpec {
  /** Categories, platforms, sectors; `severities` keeps changes whose old or new severity is one of them. */
  filter: VersionFilter;
  /** First day (inclusive, UTC). */
  from: string;
  /** Last day (inclusive, UTC). */
  to: string;
  /** Kinds shown; empty = all. `text_changed` also matches a severity change that came with new wording. */
  kinds: readonly ChangeKind[];
}

/** The feed's columns, in CSV order. */
export const CHANGE_COLUMNS = [
  'changed_at',
  'day',
  'kind',
  'platform_id',
  'platform_name',
  'category_id',
  'category_name',
  'record_id',
  'title',
  'version',
  'old_severity',
  'new_severity',
  'text_changed',
  'recorded_change_kind'
] as const;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** 'unrated' for a version without a rating; null where there is no version (before an addition, after a removal). */
function shownSeverity(present: string, severity: string): string {
  return `CASE WHEN ${present} THEN coalesce(${severity}, ${sqlConstant(UNRATED)}) END`;
}

/**
 * Every change in the range that passes the filters, as the CTE `feed` (one row per change). Without the range
 * (`withRange` false), every change of the history that passes them.
 */
function feedCte(spec: ChangeSpec, { withKinds = true, withRange = true } = {}): { sql: string; params: Param[] } {
  for (const k of spec.kinds) if (!CHANGE_KINDS.includes(k)) throw new Error(`Not a change kind: ${JSON.stringify(k)}`);
  if (spec.to < spec.from) throw new RangeError(`The range ends (${spec.to}) before it starts (${spec.from})`);
  const filter = versionFilterSql(spec.filter, 'v', { withSeverity: false });
  const start = `${spec.from} 00:00:00`;
  const end = endOfDayInstant(spec.to);
  endOfDayInstant(spec.from); // refuses a malformed `from`

  const conditions: string[] = withRange ? ['e.changed_at >= ?::TIMESTAMP', 'e.changed_at < ?::TIMESTAMP'] : ['TRUE'];
  const params: Param[] = withRange ? [...filter.params, start, end] : [...filter.params];
  const severities = spec.filter.severities.filter((s): s is SeverityKey => SEVERITY_KEYS.includes(s));
  if (severities.length > 0) {
    conditions.push(`(e.old_severity IN (${placeholders(severities.length)}) OR e.new_severity IN (${placeholders(severities.length)}))`);
    params.push(...severities, ...severities);
  }
  if (withKinds && spec.kinds.length > 0) {
    const text = spec.kinds.includes('text_changed') ? ' OR e.text_changed' : '';
    conditions.push(`(e.kind IN (${placeholders(spec.kinds.length)})${text})`);
    params.push(...spec.kinds);
  }

  const oldRank = severityRankSql('p_severity');
  const newRank = severityRankSql('severity');
  const sql = `dated AS (
  SELECT v.record_id, v.version, v.platform_id, v.category_id, v.severity, v.valid_from, v.valid_to,
    v.clause_sha256, v.clause_text, v.change_kind,
    coalesce(v.change_kind = 'removed', FALSE) AS marker
  FROM provision_versions AS v
  WHERE v.valid_from IS NOT NULL AND ${filter.sql}
),
paired AS MATERIALIZED (
  SELECT *,
    lag(version) OVER r AS p_version,
    lag(marker) OVER r AS p_marker,
    lag(severity) OVER r AS p_severity,
    lag(valid_to) OVER r AS p_valid_to,
    lag(clause_sha256) OVER r AS p_sha,
    lag(clause_text) OVER r AS p_text,
    lead(valid_from) OVER r AS n_valid_from
  FROM dated
  WINDOW r AS (PARTITION BY record_id ORDER BY version)
),
starts AS (
  SELECT *, (p_version IS NOT NULL AND NOT p_marker AND (p_valid_to IS NULL OR p_valid_to >= valid_from)) AS follows,
    CASE
      WHEN p_sha IS NOT NULL AND clause_sha256 IS NOT NULL THEN p_sha <> clause_sha256
      WHEN p_text IS NOT NULL AND clause_text IS NOT NULL THEN p_text <> clause_text
      ELSE coalesce(change_kind = 'text_changed', FALSE)
    END AS text_differs
  FROM paired WHERE NOT marker
),
events AS (
  SELECT valid_from AS changed_at, record_id, version, platform_id, category_id, change_kind,
    CASE
      WHEN NOT follows THEN 'added'
      WHEN p_severity IS NOT NULL AND severity IS NOT NULL AND ${newRank} > ${oldRank} THEN 'raised'
      WHEN p_severity IS NOT NULL AND severity IS NOT NULL AND ${newRank} < ${oldRank} THEN 'lowered'
      WHEN p_severity IS DISTINCT FROM severity THEN 'rating_changed'
      WHEN text_differs THEN 'text_changed'
      ELSE 'other'
    END AS kind,
    ${shownSeverity('follows', 'p_severity')} AS old_severity,
    coalesce(severity, ${sqlConstant(UNRATED)}) AS new_severity,
    CASE WHEN follows THEN text_differs END AS text_changed
  FROM starts
  UNION ALL
  SELECT valid_to, record_id, version, platform_id, category_id, NULL, 'removed',
    coalesce(severity, ${sqlConstant(UNRATED)}), NULL, NULL
  FROM paired
  WHERE NOT marker AND valid_to IS NOT NULL AND (n_valid_from IS NULL OR n_valid_from > valid_to)
  UNION ALL
  SELECT valid_from, record_id, version, platform_id, category_id, change_kind, 'removed',
    coalesce(p_severity, ${sqlConstant(UNRATED)}), NULL, NULL
  FROM paired
  WHERE marker AND p_version IS NOT NULL AND NOT p_marker AND (p_valid_to IS NULL OR p_valid_to >= valid_from)
),
feed AS (
  SELECT e.changed_at, CAST(e.changed_at AS DATE) AS day, e.kind,
    e.platform_id, pl.name AS platform_name, e.category_id, c.name AS category_name,
    e.record_id, pr.title, e.version, e.old_severity, e.new_severity, e.text_changed,
    e.change_kind AS recorded_change_kind
  FROM events AS e
  LEFT JOIN platforms AS pl ON pl.platform_id = e.platform_id
  LEFT JOIN categories AS c ON c.category_id = e.category_id
  LEFT JOIN provisions AS pr ON pr.record_id = e.record_id
  WHERE ${conditions.join(' AND ')}
)`;
  return { sql, params };
}

const ORDER = `ORDER BY changed_at DESC, platform_name, platform_id, category_name, record_id, version DESC, kind`;

/** The feed, newest first; `limit`/`offset` for one page, or every row (the CSV download) without them. */
export function changesQuery(spec: ChangeSpec, page?: { limit: number; offset: number }): Query {
  const cte = feedCte(spec);
  const columns = CHANGE_COLUMNS.join(', ');
  if (!page) return { sql: `WITH ${cte.sql}\nSELECT ${columns} FROM feed ${ORDER}`, params: cte.params };
  if (!Number.isSafeInteger(page.limit) || page.limit < 1 || !Number.isSafeInteger(page.offset) || page.offset < 0) {
    throw new RangeError(`Not a page: limit ${page.limit}, offset ${page.offset}`);
  }
  return {
    sql: `WITH ${cte.sql}\nSELECT ${columns} FROM feed ${ORDER} LIMIT ? OFFSET ?`,
    params: [...cte.params, page.limit, page.offset]
  };
}

/** How many changes the feed holds: `{ changes }`. */
export function changesCountQuery(spec: ChangeSpec): Query {
  const cte = feedCte(spec);
  return { sql: `WITH ${cte.sql}\nSELECT count(*) AS changes FROM feed`, params: cte.params };
}

/**
 * Where the changes are when a period holds none: the UTC day of the last change passing the filters before the
 * period and of the first one after it, `{ before_day, after_day }` (null when there is none). The kinds and every
 * filter apply; only the period does not.
 */
export function changeNeighboursQuery(spec: ChangeSpec): Query {
  const cte = feedCte(spec, { withRange: false });
  return {
    sql: `WITH ${cte.sql}
SELECT CAST(max(changed_at) FILTER (WHERE changed_at < ?::TIMESTAMP) AS DATE) AS before_day,
  CAST(min(changed_at) FILTER (WHERE changed_at >= ?::TIMESTAMP) AS DATE) AS after_day
FROM feed`,
    params: [...cte.params, `${spec.from} 00:00:00`, endOfDayInstant(spec.to)]
  };
}

/**
 * The summary on top of the feed, per category with at least one change in the range (all kinds, whatever the kind
 * filter): `{ category_id, category_name, raised, lowered, added, removed, text_changed, changes }`, most raised
 * first. `text_changed` counts every change with new wording, including those that also moved the severity.
 */
export function changeSummaryQuery(spec: ChangeSpec): Query {
  const cte = feedCte(spec, { withKinds: false });
  const n = (kind: string) => `count(*) FILTER (WHERE kind = ${sqlConstant(kind)}) AS ${kind}`;
  return {
    sql: `WITH ${cte.sql}
SELECT category_id, category_name, ${n('raised')}, ${n('lowered')}, ${n('added')}, ${n('removed')},
  count(*) FILTER (WHERE text_changed) AS text_changed, count(*) AS changes
FROM feed
GROUP BY category_id, category_name
ORDER BY raised DESC, lowered DESC, changes DESC, category_name, category_id`,
    params: cte.params
  };
}
