/**
 * How a result cell reads in the grid and the detail view. Timestamps are shown as DuckDB prints them (UTC, no zone
 * shift), days as ISO dates, numbers in the reader's locale. NULL is not text: callers test `cell === null` first.
 */
import type { ColumnKind } from '$lib/db/columnar';
import type { Cell } from '$lib/db/values';

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/** `2024-02-29 23:30:00` (with milliseconds only when there are some), always UTC. */
export function timestampText(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid date';
  const iso = date.toISOString(); // 2024-02-29T23:30:00.000Z
  const ms = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '.000' ? '' : ms}`;
}

export function cellText(cell: Cell, kind: ColumnKind = 'other'): string {
  if (cell === null) return 'NULL';
  if (cell instanceof Date) return timestampText(cell);
  if (typeof cell === 'number') return kind === 'number' ? numberFormat.format(cell) : String(cell);
  if (Array.isArray(cell)) return `[${cell.map((c) => (c === null ? 'NULL' : cellText(c))).join(', ')}]`;
  return String(cell);
}

/** The full, unformatted value for the detail view and the clipboard: digits without grouping, text as is. */
export function cellFullText(cell: Cell): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'number') return String(cell);
  if (Array.isArray(cell)) return JSON.stringify(cell.map((c) => (c instanceof Date ? timestampText(c) : c)), null, 2);
  return cellText(cell);
}
