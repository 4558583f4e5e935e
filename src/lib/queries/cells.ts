/**
 * Reading typed values out of result rows. A result of the wrong shape is a bug in a query or an engine adapter, so
 * it fails loudly with the query, row and column rather than rendering as "NaN" or "undefined".
 */
import type { Row } from '../db/values';

function fail(what: string, row: Row, column: string, expected: string): never {
  throw new Error(`${what}: column "${column}" should be ${expected}, got ${JSON.stringify(row[column])} in row ${JSON.stringify(row)}`);
}

export function countCell(what: string, row: Row, column: string): number {
  const v = row[column];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  return fail(what, row, column, 'a whole number');
}

export function stringCell(what: string, row: Row, column: string): string {
  const v = row[column];
  return typeof v === 'string' ? v : fail(what, row, column, 'a string');
}

export function nullableStringCell(what: string, row: Row, column: string): string | null {
  const v = row[column];
  return v === null || typeof v === 'string' ? v : fail(what, row, column, 'a string or null');
}
