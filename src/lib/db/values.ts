/**
 * The one shape in which query results reach pages, from either engine:
 * DATE -> "YYYY-MM-DD" (a day has no time zone), TIMESTAMP -> Date (UTC instant), integers -> number,
 * lists -> arrays, NULL -> null. Converted once, in `src/lib/db` (browser) or `scripts/lib/duckdb-node.ts` (Node).
 */
export type Cell = string | number | boolean | Date | null | Cell[];
export type Row = Record<string, Cell>;

/** Epoch milliseconds (or a Date) of a UTC midnight -> "YYYY-MM-DD". */
export function isoDay(value: number | Date): string {
  return new Date(typeof value === 'number' ? value : value.getTime()).toISOString().slice(0, 10);
}

/** bigint -> number; refuses to silently lose precision. */
export function toNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Integer ${value} is too large for a JavaScript number`);
  return n;
}
