/**
 * The shared table's sort (src/lib/components/table/sort.ts), used by compare, the matrix and the provision and
 * platform pages: kinds order as a reader expects, unknowns last both ways, ties keep the query's order.
 */
import { describe, expect, it } from 'vitest';
import type { TableColumn } from '../../src/lib/components/table/columns';
import { defaultSortKey, nextSort, sortRows } from '../../src/lib/components/table/sort';
import { tableSource } from '../../src/lib/components/table/table-source';
import { csvText } from '../../src/lib/export/csv';
import { readCsv } from '../export/csv-read';

interface R {
  id: string;
  name: string | null;
  n: number | null;
  day: string | null;
  at: Date | null;
  sev: string | null;
  tags: string[] | null;
}

const rows: R[] = [
  { id: 'a', name: 'item 10', n: 3, day: '2024-02-29', at: new Date('2024-01-01T00:00:00Z'), sev: 'low', tags: ['b'] },
  { id: 'b', name: 'Item 9', n: null, day: null, at: null, sev: null, tags: null },
  { id: 'c', name: 'élan', n: -1, day: '2023-12-31', at: new Date('2025-01-01T00:00:00Z'), sev: 'critical', tags: ['a', 'z'] },
  { id: 'd', name: null, n: 3, day: '2024-01-01', at: new Date('2023-06-01T12:00:00Z'), sev: 'unrated', tags: [] },
  { id: 'e', name: 'Alpha', n: 20, day: '2024-02-29', at: new Date('2024-01-01T00:00:00Z'), sev: 'info', tags: ['c'] }
];

const columns: TableColumn<R>[] = [
  { key: 'name', label: 'Name', kind: 'text', value: (r) => r.name },
  { key: 'n', label: 'N', kind: 'number', value: (r) => r.n },
  { key: 'day', label: 'Day', kind: 'date', value: (r) => r.day },
  { key: 'at', label: 'At', kind: 'timestamp', value: (r) => r.at },
  { key: 'sev', label: 'Severity', kind: 'severity', value: (r) => r.sev },
  { key: 'tags', label: 'Tags', kind: 'list', value: (r) => r.tags },
  { key: 'len', label: 'Name length', kind: 'number', value: (r) => r.name, sortKey: (r) => r.name?.length ?? null }
];

const ids = (column: string, direction: 'asc' | 'desc') => sortRows(rows, columns, { column, direction }).map((r) => r.id);

describe('sortRows', () => {
  it.each([
    ['name', 'asc', ['e', 'c', 'b', 'a', 'd']], // collation ignores case and accents, numbers inside text in order
    ['name', 'desc', ['a', 'b', 'c', 'e', 'd']], // unknown still last
    ['n', 'asc', ['c', 'a', 'd', 'e', 'b']], // ties (a, d) keep input order
    ['n', 'desc', ['e', 'a', 'd', 'c', 'b']],
    ['day', 'asc', ['c', 'd', 'a', 'e', 'b']],
    ['at', 'desc', ['c', 'a', 'e', 'd', 'b']],
    ['sev', 'desc', ['c', 'a', 'e', 'd', 'b']], // critical > low > info > unrated, then null
    ['sev', 'asc', ['d', 'e', 'a', 'c', 'b']],
    ['tags', 'asc', ['c', 'a', 'e', 'b', 'd']], // by first item; empty and null lists are unknown
    ['len', 'asc', ['c', 'e', 'b', 'a', 'd']]
  ] as const)('%s %s', (column, direction, expected) => {
    expect(ids(column, direction)).toEqual(expected);
  });

  it('keeps the input order without a sort or for an unknown column', () => {
    expect(sortRows(rows, columns, null).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sortRows(rows, columns, { column: 'nope', direction: 'asc' }).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('does not change its input', () => {
    const before = rows.map((r) => r.id);
    sortRows(rows, columns, { column: 'n', direction: 'desc' });
    expect(rows.map((r) => r.id)).toEqual(before);
  });

  it('ranks unrated below every level and above unknown', () => {
    expect(defaultSortKey('severity', 'info')).toBeGreaterThan(defaultSortKey('severity', 'unrated') as number);
    expect(defaultSortKey('severity', 'unrated')).toBe(0);
    expect(defaultSortKey('severity', null)).toBeNull();
    expect(defaultSortKey('severity', 'bogus')).toBeNull();
  });
});

describe('nextSort', () => {
  const name = columns[0]!;
  const sev = columns[4]!;
  it('toggles the sorted column and starts others at their first direction', () => {
    expect(nextSort(null, name)).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort({ column: 'name', direction: 'asc' }, name)).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, name)).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort({ column: 'name', direction: 'asc' }, sev)).toEqual({ column: 'sev', direction: 'desc' });
  });
});

describe('tableSource', () => {
  it('writes every row in the given order with the column labels', () => {
    const sorted = sortRows(rows, columns.slice(0, 3), { column: 'n', direction: 'desc' });
    const csv = readCsv(csvText(tableSource(sorted, columns.slice(0, 3))));
    expect(csv[0]).toEqual(['Name', 'N', 'Day']);
    expect(csv.slice(1)).toEqual(sorted.map((r) => [r.name, r.n === null ? null : String(r.n), r.day]));
  });
});
