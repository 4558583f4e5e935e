import { describe, expect, it } from 'vitest';
import { exportBase, exportName } from '../../src/lib/db/export-location';

describe('exportName', () => {
  it.each([
    ['', { name: 'demo' }],
    ['?export=', { name: 'demo' }],
    ['?export=tosdr-2021', { name: 'tosdr-2021' }],
    ['?export=bench_1m', { name: 'bench_1m' }],
    ['?export=../secrets', { name: 'demo', rejected: '../secrets' }],
    ['?export=https://evil.example/x', { name: 'demo', rejected: 'https://evil.example/x' }],
    ['?export=Demo', { name: 'demo', rejected: 'Demo' }],
    ['?export=a%2Fb', { name: 'demo', rejected: 'a/b' }]
  ])('%s -> %o', (search, expected) => {
    expect(exportName(new URLSearchParams(search))).toEqual(expected);
  });

  it('places the export under the app base path', () => {
    expect(exportBase('', 'demo')).toBe('/exports/demo');
    expect(exportBase('/termscope', 'demo')).toBe('/termscope/exports/demo');
  });
});
