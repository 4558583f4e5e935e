/**
 * Arranging the matrix (columns chosen and ordered, rows sorted, CSV) over the fixture's real matrix data, checked
 * against the cells computed by hand from its records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { csvText } from '../../src/lib/export/csv';
import { arrangeColumns, categoryCoverage, matrixRows, sortMatrixRows } from '../../src/lib/matrix/arrange';
import { matrixSource } from '../../src/lib/matrix/matrix-source';
import { matrixParams } from '../../src/lib/matrix/params';
import { loadMatrix, type MatrixData } from '../../src/lib/queries/matrix';
import { readCsv } from '../export/csv-read';
import { loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY } from './compare-expected';

let fixture: LoadedExport;
let data: MatrixData;

beforeAll(async () => {
  fixture = await loadFixture();
  data = await loadMatrix(nodeDbAdapter(fixture.db), { asOf: null, platforms: ANY });
});
afterAll(() => fixture?.db.close());

const all = { categories: [], groups: [] };

describe('columns', () => {
  it('group order is the query order; filters by group and by hand', () => {
    const coverage = categoryCoverage(data);
    expect(arrangeColumns(data.categories, all, 'group', coverage).map((c) => c.category_id)).toEqual(data.categories.map((c) => c.category_id));
    expect(arrangeColumns(data.categories, { categories: [], groups: ['AI & automation'] }, 'group', coverage).map((c) => c.category_id)).toEqual([
      'automated_decisions',
      'ai_training_data'
    ]);
    expect(arrangeColumns(data.categories, { categories: ['mandatory_arbitration', 'data_retention'], groups: [] }, 'name', coverage).map((c) => c.category_id)).toEqual([
      'data_retention',
      'mandatory_arbitration'
    ]);
  });

  it('coverage order: most platforms first, ties by name (data_retention and data_sharing 7, biometric_data 0 last)', () => {
    const coverage = categoryCoverage(data);
    expect(coverage.get('data_sharing')).toBe(7);
    expect(coverage.get('data_retention')).toBe(7);
    expect(coverage.get('biometric_data')).toBeUndefined();
    const ids = arrangeColumns(data.categories, all, 'coverage', coverage).map((c) => c.category_id);
    expect(ids.slice(0, 2)).toEqual(['data_retention', 'data_sharing']);
    expect(ids.at(-1)).toBe('biometric_data');
  });
});

describe('rows', () => {
  const columns = () => arrangeColumns(data.categories, all, 'group', categoryCoverage(data));

  it('worst and covered over the shown columns only', () => {
    const rows = matrixRows(data, columns());
    const murmurly = rows.find((r) => r.platform_id === 'murmurly')!;
    expect(murmurly).toMatchObject({ worst: 'high', covered: 5 });
    expect(rows.find((r) => r.platform_id === 'tradewick')).toMatchObject({ worst: null, covered: 0 });
    const onlyAutomated = matrixRows(data, columns().filter((c) => c.category_id === 'automated_decisions'));
    expect(onlyAutomated.find((r) => r.platform_id === 'murmurly')).toMatchObject({ worst: 'unrated', covered: 1 });
  });

  it('sorted by one category: worst first, unrated after info, none last in both directions', () => {
    const rows = matrixRows(data, columns());
    const desc = sortMatrixRows(rows, { column: 'category', direction: 'desc' }, 'automated_decisions').map((r) => r.platform_id);
    // chattersmith critical; quillora, kestrelgram high; verbalyn, pinwheel medium; murmurly unrated; none: bazaarly, tradewick
    expect(desc).toEqual(['chattersmith', 'kestrelgram', 'quillora', 'pinwheel', 'verbalyn', 'murmurly', 'bazaarly', 'tradewick']);
    const asc = sortMatrixRows(rows, { column: 'category', direction: 'asc' }, 'automated_decisions').map((r) => r.platform_id);
    expect(asc.slice(-2)).toEqual(['bazaarly', 'tradewick']);
    expect(asc[0]).toBe('murmurly');
  });

  it('sorted by name, by covered', () => {
    const rows = matrixRows(data, columns());
    expect(sortMatrixRows(rows, { column: 'platform', direction: 'desc' }, null).map((r) => r.name)[0]).toBe('Verbalyn AI');
    const covered = sortMatrixRows(rows, { column: 'covered', direction: 'desc' }, null);
    expect(covered.map((r) => r.covered)).toEqual([...covered.map((r) => r.covered)].sort((a, b) => b - a));
  });
});

describe('CSV', () => {
  it('one row per platform, a severity and a count per shown category', () => {
    const columns = arrangeColumns(data.categories, { categories: ['automated_decisions', 'data_sharing'], groups: [] }, 'group', categoryCoverage(data));
    const rows = sortMatrixRows(matrixRows(data, columns), { column: 'platform', direction: 'asc' }, null);
    const csv = readCsv(csvText(matrixSource(rows, columns)));
    expect(csv[0]).toEqual([
      'Platform',
      'Platform ID',
      'Sector',
      'Jurisdiction',
      'Worst severity',
      'Categories with provisions',
      'Automated decision-making',
      'Data sharing with third parties',
      'Automated decision-making (provisions)',
      'Data sharing with third parties (provisions)'
    ]);
    const murmurly = csv.find((r) => r[1] === 'murmurly')!;
    expect(murmurly.slice(4)).toEqual(['low', '2', 'unrated', 'low', '1', '1']);
    const tradewick = csv.find((r) => r[1] === 'tradewick')!;
    expect(tradewick.slice(4)).toEqual([null, '0', null, null, '0', '0']);
    expect(csv).toHaveLength(1 + data.platforms.length);
  });
});

describe('matrix URL', () => {
  it('tampered values are noted and dropped', () => {
    const { value, notes } = matrixParams.parse(new URLSearchParams('columns=random&sort=sideways&by=%3Cscript%3E&cellPlatform=a;b&asOf=tomorrow'));
    expect(value).toEqual(matrixParams.defaults);
    expect(notes).toHaveLength(5);
  });
});
