import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../src/lib/db/columnar';
import { chartFromSearch, hasChartParams, searchWithChart, withoutChart } from '../../src/lib/sql/chart-url';
import { defaultChart } from '../../src/lib/sql/chart-spec';

const columns: ResultColumn[] = (
  [
    ['month', 'date'],
    ['platform', 'text'],
    ['n', 'number'],
    ['share', 'number'],
    ['flag', 'boolean'],
    ['n', 'number']
  ] as const
).map(([name, kind], index) => ({ index, name, kind, type: kind.toUpperCase() }));

describe('chart params in the URL', () => {
  it('round-trips every chart the controls can make, keeping q and export', () => {
    const base = new URLSearchParams({ export: 'demo', q: 'abc' });
    for (const type of ['bar', 'line', 'area', 'scatter'] as const) {
      for (const x of [0, 1, 3]) {
        for (const color of [null, 1, 4]) {
          const spec = { type, x, y: 3, color };
          const search = searchWithChart(base, spec, columns);
          expect(search.get('export')).toBe('demo');
          expect(search.get('q')).toBe('abc');
          expect(chartFromSearch(search, columns)).toEqual({ spec, notes: [] });
        }
      }
    }
  });

  it('names columns, not positions: the first column of a repeated name', () => {
    const search = searchWithChart(new URLSearchParams(), { type: 'bar', x: 1, y: 2, color: null }, columns);
    expect(search.toString()).toBe('chart=bar&x=platform&y=n&color=');
    expect(chartFromSearch(new URLSearchParams('y=n'), columns).spec.y).toBe(2);
  });

  it('names every value it ignores and keeps the default for it', () => {
    const { spec, notes } = chartFromSearch(new URLSearchParams('chart=pie&x=nope&y=platform&color=n'), columns);
    expect(spec).toEqual(defaultChart(columns));
    expect(notes).toEqual([
      'Ignored chart=pie: not a chart type (bar, line, area, scatter)',
      'Ignored x=nope: the result has no column of that name',
      'Ignored y=platform: y must be a numeric column, and "platform" is TEXT',
      'Ignored color=n: colour groups come from a text or true/false column, and "n" is NUMBER'
    ]);
  });

  it('applies the valid choices of a partly wrong link', () => {
    const { spec, notes } = chartFromSearch(new URLSearchParams('chart=area&x=month&y=share&color=nope'), columns);
    expect(spec).toEqual({ ...defaultChart(columns), type: 'area', x: 0, y: 3 });
    expect(notes).toHaveLength(1);
  });

  it('tells a link with a chart from one without, and removes only the chart params', () => {
    expect(hasChartParams(new URLSearchParams('q=x&export=demo'))).toBe(false);
    expect(hasChartParams(new URLSearchParams('q=x&color='))).toBe(true);
    expect(withoutChart(new URLSearchParams('q=x&chart=bar&x=a&y=b&color=&export=e')).toString()).toBe('q=x&export=e');
  });
});
