import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../src/lib/db/columnar';
import type { Cell } from '../../src/lib/db/values';
import { chartData, chartProblem, defaultChart, MAX_BARS, MAX_CHART_ROWS, type ChartSource } from '../../src/lib/sql/chart-spec';

function source(columns: [string, ResultColumn['kind']][], rows: Cell[][]): ChartSource {
  return {
    numRows: rows.length,
    columns: columns.map(([name, kind], index) => ({ index, name, kind, type: kind })),
    cell: (r, c) => rows[r]?.[c] ?? null
  };
}

describe('defaultChart', () => {
  it.each([
    ['a date column becomes x of a line', [['n', 'number'], ['month', 'date'], ['kind', 'text']], { type: 'line', x: 1, y: 0, color: 2 }],
    ['a text column becomes the bars', [['platform', 'text'], ['provisions', 'number']], { type: 'bar', x: 0, y: 1, color: null }],
    ['two numbers make a scatter', [['a', 'number'], ['b', 'number']], { type: 'scatter', x: 0, y: 1, color: null }],
    ['a second text column colours the bars', [['platform', 'text'], ['severity', 'text'], ['n', 'number']], { type: 'bar', x: 0, y: 2, color: 1 }],
    ['nothing numeric leaves y empty', [['a', 'text']], { type: 'bar', x: 0, y: null, color: null }]
  ] as const)('%s', (_name, columns, expected) => {
    expect(defaultChart(source(columns as never, []).columns)).toEqual(expected);
  });
});

describe('chartProblem', () => {
  const columns = source([['t', 'text'], ['n', 'number']], []).columns;
  it('says what is missing or wrong', () => {
    expect(chartProblem({ type: 'bar', x: null, y: 1, color: null }, columns)).toMatch(/column for x/);
    expect(chartProblem({ type: 'bar', x: 0, y: 0, color: null }, columns)).toMatch(/y must be a number: "t"/);
    expect(chartProblem({ type: 'line', x: 0, y: 1, color: null }, columns)).toMatch(/ordered x/);
    expect(chartProblem({ type: 'bar', x: 0, y: 1, color: null }, columns)).toBeNull();
  });
});

describe('chartData', () => {
  it('sums bars that share an x and colour, skips NULLs, and says so', () => {
    const s = source(
      [['platform', 'text'], ['severity', 'text'], ['n', 'number']],
      [['a', 'high', 1], ['a', 'high', 2], ['a', 'low', 4], ['b', 'high', null], [null, 'low', 3], ['b', null, 5]]
    );
    const data = chartData(s, { type: 'bar', x: 0, y: 2, color: 1 });
    expect(data.series).toEqual([
      { key: 'high', points: [{ x: 'a', y: 3 }] },
      { key: 'low', points: [{ x: 'a', y: 4 }] },
      { key: 'NULL', points: [{ x: 'b', y: 5 }] }
    ]);
    expect([data.summed, data.nullsSkipped, data.xScale]).toEqual([1, 2, 'band']);
  });

  it('puts dates on a time scale in x order', () => {
    const data = chartData(source([['day', 'date'], ['n', 'number']], [['2024-03-01', 2], ['2024-01-01', 1]]), { type: 'line', x: 0, y: 1, color: null });
    expect(data.xScale).toBe('time');
    expect(data.series[0]!.points).toEqual([
      { x: new Date(Date.UTC(2024, 0, 1)), y: 1 },
      { x: new Date(Date.UTC(2024, 2, 1)), y: 2 }
    ]);
  });

  it('caps rows and bars', () => {
    const rows = Array.from({ length: MAX_CHART_ROWS + 10 }, (_, i) => [`c${i}`, i] as Cell[]);
    const data = chartData(source([['c', 'text'], ['n', 'number']], rows), { type: 'bar', x: 0, y: 1, color: null });
    expect(data.rowsUsed).toBe(MAX_CHART_ROWS);
    expect(data.series[0]!.points).toHaveLength(MAX_BARS);
    expect(data.barsDropped).toBe(MAX_CHART_ROWS - MAX_BARS);
  });
});
