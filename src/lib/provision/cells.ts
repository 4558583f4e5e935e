/**
 * Typed reads of result cells beyond `queries/cells.ts`: instants, lists, booleans, severities. A cell of the wrong
 * shape is a bug in a query or an engine adapter, so it fails loudly with the query, column and row.
 */
import { SEVERITIES, type Severity } from '$lib/contract/schema';
import type { Row } from '$lib/db/values';

function fail(what: string, row: Row, column: string, expected: string): never {
  throw new Error(`${what}: column "${column}" should be ${expected}, got ${JSON.stringify(row[column])}`);
}

export function nullableDateCell(what: string, row: Row, column: string): Date | null {
  const v = row[column];
  return v === null || v instanceof Date ? v : fail(what, row, column, 'a timestamp or null');
}

/** A DATE column: 'YYYY-MM-DD' or null. */
export function nullableDayCell(what: string, row: Row, column: string): string | null {
  const v = row[column];
  return v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) ? v : fail(what, row, column, 'a day or null');
}

export function nullableListCell(what: string, row: Row, column: string): string[] | null {
  const v = row[column];
  if (v === null) return null;
  if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return v as string[];
  return fail(what, row, column, 'a list of strings or null');
}

export function nullableBooleanCell(what: string, row: Row, column: string): boolean | null {
  const v = row[column];
  return v === null || typeof v === 'boolean' ? v : fail(what, row, column, 'true, false or null');
}

/** A contract severity or null (unrated). */
export function severityCell(what: string, row: Row, column: string): Severity | null {
  const v = row[column];
  if (v === null) return null;
  return (SEVERITIES as readonly unknown[]).includes(v) ? (v as Severity) : fail(what, row, column, `one of ${SEVERITIES.join(', ')} or null`);
}

export function nullableNumberCell(what: string, row: Row, column: string): number | null {
  const v = row[column];
  return v === null || (typeof v === 'number' && Number.isFinite(v)) ? v : fail(what, row, column, 'a number or null');
}
