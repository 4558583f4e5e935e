/**
 * The severity scale as the app shows it: the contract's levels worst first, then "unrated" for a null severity
 * (shown, never dropped), and the SQL that sorts by it. Built from `SEVERITIES` so the order lives in one place.
 */
import { SEVERITIES, type Severity } from '../contract/schema';

/** A null severity is shown under this key. It is not a contract value and never appears in the data. */
export const UNRATED = 'unrated';

export type SeverityKey = Severity | typeof UNRATED;

/** Worst first, unrated last. */
export const SEVERITY_KEYS: readonly SeverityKey[] = [...SEVERITIES, UNRATED];

export function isSeverityKey(value: unknown): value is SeverityKey {
  return typeof value === 'string' && (SEVERITY_KEYS as readonly string[]).includes(value);
}

/** A severity cell from the database as a display key; refuses a value outside the contract. */
export function severityKey(value: unknown): SeverityKey {
  if (value === null || value === undefined) return UNRATED;
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new Error(`Unexpected severity ${JSON.stringify(value)}: the contract allows ${SEVERITIES.join(', ')} or null`);
}

/** A SQL string literal for a contract constant. Never used for data values, which are bound as parameters. */
export function sqlConstant(value: string): string {
  if (!/^[a-z0-9_]+$/.test(value)) throw new Error(`Not a contract constant: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/**
 * `CASE` giving the position of a severity on the scale: 0 for the worst level, `SEVERITIES.length` for null
 * (unrated). `expr` is SQL written by a query builder (a column reference), never user input.
 */
export function severityOrderSql(expr: string): string {
  const whens = SEVERITIES.map((s, i) => `WHEN ${sqlConstant(s)} THEN ${i}`).join(' ');
  return `CASE ${expr} ${whens} ELSE ${SEVERITIES.length} END`;
}

/**
 * One `count(...) FILTER (...) AS "<key>"` per severity key, for a wide per-group row. `severityExpr` is the severity
 * column and `presentExpr` a column that is null only for the unmatched side of an outer join.
 */
export function severityCountColumns(severityExpr: string, presentExpr: string): string {
  const levels = SEVERITIES.map(
    (s) => `count(${presentExpr}) FILTER (WHERE ${severityExpr} = ${sqlConstant(s)}) AS "${s}"`
  );
  return [...levels, `count(${presentExpr}) FILTER (WHERE ${severityExpr} IS NULL) AS "${UNRATED}"`].join(',\n  ');
}
