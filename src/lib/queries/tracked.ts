/**
 * Which platforms an "as of" view counts on a past day: only those tracked by then. "Found in 12 of 40 platforms" as
 * of 2019 must not count, in its 40, platforms the source only began to follow in 2020.
 *
 * A platform is tracked from the EARLIEST of:
 *  - `platforms.tracked_since` (contract v1.1), the day the source says it began;
 *  - the `first_tracked` day of any of its documents (when tracking of that document began);
 *  - the `first_tracked` day of any of its provisions;
 *  - the `valid_from` day of any version of its provisions (a version in force is the platform observed).
 * The source's own day is the rule; the evidence is the fallback when it is null, and it also wins over a
 * `tracked_since` it contradicts: a platform with a provision in force on a day was tracked on that day (so a
 * platform that has a provision in scope is always among those counted, and "found in N of M" never has N > M).
 * Captures (`snapshots`) are not read: a document's `first_tracked` stands for them, and the table can hold millions
 * of rows. A platform with none of these dates is always counted (unknown is not "not yet").
 *
 * Days are UTC (timestamps are stored in UTC; their DATE is the UTC day). Counted as of day D: tracked from D or
 * earlier — the same "end of that UTC day" as `as-of.ts`.
 */
import type { Param } from '../db/types';
import { endOfDayInstant } from './as-of';

/** Subquery `{ platform_id, tracked_from }`: one row per platform, `tracked_from` a DATE or null (no date at all). */
export function trackedFromSql(): string {
  return `SELECT pl.platform_id, least(pl.tracked_since, d.first_day, p.first_day, v.first_day) AS tracked_from
  FROM platforms AS pl
  LEFT JOIN (SELECT platform_id, min(CAST(first_tracked AS DATE)) AS first_day FROM documents GROUP BY platform_id) AS d
    ON d.platform_id = pl.platform_id
  LEFT JOIN (SELECT platform_id, min(CAST(first_tracked AS DATE)) AS first_day FROM provisions GROUP BY platform_id) AS p
    ON p.platform_id = pl.platform_id
  LEFT JOIN (SELECT platform_id, min(CAST(valid_from AS DATE)) AS first_day FROM provision_versions GROUP BY platform_id) AS v
    ON v.platform_id = pl.platform_id`;
}

/**
 * SQL predicate (and its parameter) keeping the platforms of `alias` tracked by the end of `day` (YYYY-MM-DD); use as
 * `WHERE ${t.sql}`. Reads `provision_versions`: only for exports that have them (every "as of" view needs them).
 */
export function trackedByDay(day: string, alias = 'pl'): { sql: string; params: Param[] } {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`Not a table alias: ${alias}`);
  endOfDayInstant(day); // refuses anything but a calendar day
  return {
    sql: `${alias}.platform_id IN (SELECT t.platform_id FROM (${trackedFromSql()}) AS t WHERE t.tracked_from IS NULL OR t.tracked_from <= ?::DATE)`,
    params: [day]
  };
}

