/**
 * Client-side sort of a result: a permutation of row indices, so the Arrow columns themselves never move. Nulls go
 * last in both directions (as DuckDB's default `NULLS LAST`); ties keep the result's own order.
 */
import type { SortKey } from '$lib/db/columnar';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  column: number;
  direction: SortDirection;
}

/** Code-unit order for text, as DuckDB sorts VARCHAR without a collation, so a sorted grid agrees with ORDER BY. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b || (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0);
  // A column's keys are all numbers or all strings; no conversion in this hot path.
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

export function sortOrder(keys: readonly SortKey[], direction: SortDirection): Uint32Array {
  const n = keys.length;
  const order = new Uint32Array(n);
  let valued = 0;
  const nulls: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keys[i] === null) nulls.push(i);
    else order[valued++] = i;
  }
  const sign = direction === 'asc' ? 1 : -1;
  // TypedArray#sort is stable (ES2019+): equal keys keep their original order.
  order.subarray(0, valued).sort((i, j) => sign * compareKeys(keys[i]!, keys[j]!));
  order.set(nulls, valued);
  return order;
}

/** Header clicks cycle: ascending, descending, then back to the result's own order. */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}
