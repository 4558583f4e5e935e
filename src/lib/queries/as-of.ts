/**
 * "As of" a day, the one definition every time-aware view shares (compare, matrix, overview, timeline).
 *
 * A version is valid on [valid_from, valid_to) — valid_to null means still current (docs/DATA.md). "As of day D" is
 * the state at the END of D in UTC, the instant just before D+1 00:00Z: a version is in force then when
 *   valid_from < D+1  and  (valid_to is null or valid_to >= D+1).
 * So a change made during D already shows as of D, and "as of today" is the current state. Versions with an unknown
 * valid_from cannot be placed in time and are never in force as of a day. A version row whose change_kind is
 * 'removed' marks a removal: the provision is absent from its valid_from on.
 */
import type { Param } from '../db/types';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' -> 'YYYY-MM-DD 00:00:00' of the next day (UTC), the exclusive end of that day. */
export function endOfDayInstant(day: string): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`Not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== day) throw new Error(`Not a calendar day: ${day}`);
  date.setUTCDate(date.getUTCDate() + 1);
  return `${date.toISOString().slice(0, 10)} 00:00:00`;
}

/**
 * SQL predicate (with its two parameters) selecting the versions of `alias` in force at the end of `day`.
 * Use as `WHERE ${p.sql}` and append `p.params` in the order the placeholders appear.
 */
export function inForceAsOf(day: string, alias = 'v'): { sql: string; params: Param[] } {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`Not a table alias: ${alias}`);
  const end = endOfDayInstant(day);
  return {
    sql: `(${alias}.valid_from < ?::TIMESTAMP AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ?::TIMESTAMP) AND ${alias}.change_kind IS DISTINCT FROM 'removed')`,
    params: [end, end]
  };
}

/** The same rule in plain TypeScript, for reference computations in tests and for in-page checks. */
export function isInForceAsOf(
  version: { valid_from: Date | null; valid_to: Date | null; change_kind?: string | null },
  day: string
): boolean {
  if (!version.valid_from || version.change_kind === 'removed') return false;
  const end = Date.parse(`${endOfDayInstant(day).replace(' ', 'T')}Z`);
  return version.valid_from.getTime() < end && (version.valid_to === null || version.valid_to.getTime() >= end);
}
