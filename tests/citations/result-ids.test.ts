/** Which provisions a SQL console result names (`citations/result-ids.ts`). */
import { describe, expect, it } from 'vitest';
import { resultRecordIds } from '../../src/lib/citations/result-ids';
import type { ExportCell, ExportSource } from '../../src/lib/export/source';

function source(names: string[], rows: ExportCell[][]): ExportSource {
  return { columns: names.map((name) => ({ name })), numRows: rows.length, cell: (r, c) => rows[r]![c]! };
}

describe('resultRecordIds', () => {
  it('reads the record_id column in row order, each id once, skipping nulls, blanks, lists and instants', () => {
    const result = source(['n', 'record_id'], [
      [1, 'B'],
      [2, 'A'],
      [3, 'B'],
      [4, null],
      [5, '  '],
      [6, 42],
      [7, 7n],
      [8, ['x']],
      [9, new Date(0)],
      [10, ' C ']
    ]);
    expect(resultRecordIds(result)).toEqual(['B', 'A', '42', '7', 'C']);
  });

  it('is null without a column named exactly record_id', () => {
    expect(resultRecordIds(source(['Record_ID', 'record_id_2'], [['a', 'b']]))).toBeNull();
    expect(resultRecordIds(source(['record_id'], []))).toEqual([]);
  });
});
