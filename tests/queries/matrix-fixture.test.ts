/**
 * The severity matrix's SQL over the fixture export against a plain TypeScript computation over its records: cells
 * today and as of version-boundary days, platform filters, the rows and columns, and the provisions behind a cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import {
  loadCellProvisions,
  loadMatrix,
  matrixCategoriesQuery,
  matrixCellProvisionsQuery,
  matrixCellsQuery,
  matrixPlatformsQuery
} from '../../src/lib/queries/matrix';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY, expectedMatrixCells, scoped, type PlatformPick } from './compare-expected';

let fixture: LoadedExport;
const rows = (t: Parameters<typeof fixtureRows>[0]) => fixtureRows(t);
const TODAY = new Date().toISOString().slice(0, 10);
const KEYS = ['critical', 'high', 'medium', 'low', 'info', 'unrated'];

beforeAll(async () => {
  fixture = await loadFixture();
});
afterAll(() => fixture?.db.close());

const run = (q: { sql: string; params: readonly unknown[] }) => fixture.db.query(q.sql, q.params as never);

describe('matrixCellsQuery', () => {
  const days: (string | null)[] = [null, '2019-01-01', '2020-01-01', '2022-06-29', '2022-06-30', '2024-01-01', '2024-02-29', TODAY];
  const filters: [string, PlatformPick][] = [
    ['all platforms', ANY],
    ['a sector', { ...ANY, sectors: ['Social media'] }],
    ['a search', { ...ANY, q: 'ly' }],
    ['a hand-picked set', { ...ANY, platforms: ['murmurly', 'tradewick'] }]
  ];
  for (const [name, platforms] of filters) {
    it.each(days)(`${name}, as of %s`, async (day) => {
      expect(await run(matrixCellsQuery({ asOf: day, platforms }))).toEqual(expectedMatrixCells(rows, day, platforms));
    });
  }

  it('as of today from the history equals today from the provisions', async () => {
    expect(await run(matrixCellsQuery({ asOf: TODAY, platforms: ANY }))).toEqual(await run(matrixCellsQuery({ asOf: null, platforms: ANY })));
  });

  it('holds the cases that matter: unrated-only cells, several provisions, empty rows', async () => {
    const cells = await run(matrixCellsQuery({ asOf: null, platforms: ANY }));
    expect(cells).toContainEqual({ platform_id: 'murmurly', category_id: 'automated_decisions', provisions: 1, worst_order: 5 });
    expect(cells).toContainEqual({ platform_id: 'pinwheel', category_id: 'data_sharing', provisions: 3, worst_order: 1 });
    expect(cells.some((c) => c.platform_id === 'tradewick')).toBe(false);
    expect(cells.some((c) => c.category_id === 'biometric_data')).toBe(false);
  });
});

describe('loadMatrix', () => {
  it('keeps platforms without provisions as rows, once tracked, and every category as a column', async () => {
    // tradewick (no provisions) is tracked from its document's first_tracked, 2024-03-04.
    const before = await loadMatrix(nodeDbAdapter(fixture.db), { asOf: '2024-03-03', platforms: ANY });
    expect(before.platforms.map((p) => p.platform_id)).not.toContain('tradewick');
    expect(before.platforms).toHaveLength(fixtureRows('platforms').length - 1);
    const data = await loadMatrix(nodeDbAdapter(fixture.db), { asOf: '2024-03-04', platforms: ANY });
    expect(data.platforms.map((p) => p.platform_id).sort()).toEqual(fixtureRows('platforms').map((p) => p.platform_id).sort());
    expect(data.categories).toHaveLength(fixtureRows('categories').length);
    expect(data.cells.has('tradewick')).toBe(false);
    const expected = expectedMatrixCells(rows, '2024-03-04', ANY);
    let count = 0;
    for (const [platform, row] of data.cells) {
      for (const [category, cell] of row) {
        count++;
        const e = expected.find((x) => x.platform_id === platform && x.category_id === category)!;
        expect(cell).toEqual({ provisions: e.provisions, worst: KEYS[e.worst_order as number] });
      }
    }
    expect(count).toBe(expected.length);
  });

  it('rows by name and columns by group then name', async () => {
    expect((await run(matrixPlatformsQuery({ platforms: { ...ANY, jurisdictions: ['US'] } }))).map((r) => r.platform_id)).toEqual([
      'pinwheel',
      'tradewick',
      'verbalyn'
    ]);
    const columns = await run(matrixCategoriesQuery());
    const expected = fixtureRows('categories')
      .map((c) => ({ category_id: c.category_id, name: c.name, group_name: c.group_name ?? null, short_label: c.short_label ?? null }))
      .sort((a, b) => String(a.group_name).localeCompare(String(b.group_name)) || String(a.name).localeCompare(String(b.name)));
    expect(columns).toEqual(expected);
  });
});

describe('the provisions behind a cell', () => {
  it.each([
    [null, 'pinwheel', 'data_sharing'],
    ['2022-06-29', 'pinwheel', 'data_sharing'],
    [null, 'bazaarly', 'data_retention'],
    [null, 'tradewick', 'data_retention'],
    ['2024-01-01', 'verbalyn', 'data_sharing']
  ] as const)('as of %s, %s × %s', async (asOf, platform, category) => {
    const got = await run(matrixCellProvisionsQuery({ asOf, platform, category }));
    const order = (s: string | null) => (s === null ? 5 : KEYS.indexOf(s));
    const documents = new Map(fixtureRows('documents').map((d) => [d.document_id, d]));
    const expected = scoped(rows, asOf, category, [])
      .filter((s) => s.platform_id === platform)
      .sort((a, b) => order(a.severity) - order(b.severity) || (a.record_id < b.record_id ? -1 : 1))
      .map((s) => ({
        record_id: s.record_id,
        title: s.title,
        severity: s.severity,
        document_id: s.document_id,
        document_title: documents.get(s.document_id!)!.title,
        doc_type: documents.get(s.document_id!)!.doc_type,
        clause_text: s.clause_text,
        ...s.provenance
      }));
    expect(got).toEqual(expected);
    const typed = await loadCellProvisions(nodeDbAdapter(fixture.db), { asOf, platform, category });
    expect(typed.map((t) => t.severity)).toEqual(expected.map((e) => e.severity ?? 'unrated'));
  });
});
