/**
 * The loading panel's sizes, rendered on the server (svelte/server) with the loader's progress records: a small table
 * says its size in bytes or kilobytes, never "0.0 MB"; the total and each table's rows read as the rest of the app.
 */
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import LoadProgress from '../../src/lib/components/app/LoadProgress.svelte';
import type { TableProgress } from '../../src/lib/db/types';
import { formatBytes } from '../../src/lib/format/number';

const table = (table: TableProgress['table'], bytesTotal: number, rows: number): TableProgress => ({
  table,
  file: `${table}.parquet`,
  phase: 'fetching',
  bytesLoaded: 0,
  bytesTotal,
  rows,
  rowsLoaded: 0
});

/** The text of the rendered panel, tags and comments removed, spaces collapsed. */
function textOf(progress: TableProgress[]): string {
  const { body } = render(LoadProgress, { props: { progress, status: 'loading' } });
  return body.replace(/<!--.*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('LoadProgress', () => {
  test('small tables say their size in bytes and kilobytes, never 0.0 MB', () => {
    const text = textOf([table('categories', 2_345, 18), table('platforms', 640, 3), table('provisions', 3_456_789, 12_345)]);
    expect(text).not.toMatch(/\b0\.0 MB/);
    // Each line: rows and the file's size, as formatBytes and formatCount give them (decimal units).
    expect(text).toContain('categories downloading 18 rows · 2.3 kB');
    expect(text).toContain('platforms downloading 3 rows · 640 B');
    expect(text).toContain('provisions downloading 12,345 rows · 3.5 MB');
    // The total is the sum of the three files.
    expect(text).toContain(`Loading the export (${formatBytes(2_345 + 640 + 3_456_789, 'en-US')}): 0%`);
  });
});
