/**
 * Platform vs platform (`queries/platform-compare.ts`) against the plain reference of `platform-compare-expected.ts`:
 * over the fixture export (today and as of days on version boundaries, before a platform was tracked, with an id
 * the export does not have), and over random version histories.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { createContractTables } from '../../scripts/lib/export-io';
import type { Db } from '../../src/lib/db/types';
import { loadPlatformCompare, type PlatformCompareData } from '../../src/lib/platform-compare/load-platform-compare';
import { comparedPlatformsQuery, platformCompareQuery, worstOf } from '../../src/lib/queries/platform-compare';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { expectedPvp, type PvpTables } from './platform-compare-expected';
import { arbHistory, insertRows, openVersionsDb, SECTORED_PLATFORMS, type RefVersion } from './time-reference';

/** The loader's answer in the reference's shape. */
function flat(data: PlatformCompareData) {
  return data.categories.map((c) => ({
    category_id: c.category_id,
    cells: c.cells.map((cell) => ({
      platform_id: cell.platform_id,
      record_ids: cell.items.map((i) => i.record_id),
      titles: cell.items.map((i) => i.title),
      severities: cell.items.map((i) => i.severity),
      clause_texts: cell.items.map((i) => i.clause_text),
      worst: cell.worst,
      tracked: cell.tracked
    })),
    coverage: c.coverage,
    differs: c.differs
  }));
}

describe('platform vs platform over the fixture', () => {
  let fixture: LoadedExport;
  let db: Db;
  const tables: PvpTables = {
    platforms: fixtureRows('platforms'),
    categories: fixtureRows('categories'),
    documents: fixtureRows('documents'),
    provisions: fixtureRows('provisions'),
    provision_versions: fixtureRows('provision_versions')
  };
  beforeAll(async () => {
    fixture = await loadFixture();
    db = nodeDbAdapter(fixture.db);
  });
  afterAll(() => fixture?.db.close());

  const PAIRS: string[][] = [
    ['verbalyn', 'quillora'],
    ['quillora', 'verbalyn'],
    ['pinwheel', 'murmurly', 'kestrelgram'],
    ['verbalyn', 'pinwheel', 'bazaarly', 'tradewick']
  ];
  const DAYS = [null, '2020-01-01', '2021-01-14', '2021-01-15', '2023-03-01', '2024-02-28', '2024-02-29', '2025-06-10', '2026-09-30'];

  it('matches the reference for every pair and day', async () => {
    const seen = new Set<string>();
    for (const ids of PAIRS) {
      for (const asOf of DAYS) {
        const data = await loadPlatformCompare(db, { platforms: ids, asOf });
        expect(data.platforms.map((p) => p.platform_id), `${ids} ${asOf}`).toEqual(ids);
        expect(data.missing).toEqual([]);
        const expected = expectedPvp(tables, ids, asOf);
        expect(flat(data), `${ids} as of ${asOf}`).toEqual(expected);
        for (const c of expected) {
          seen.add(c.coverage);
          for (const cell of c.cells) if (!cell.tracked) seen.add('untracked');
          if (c.cells.some((x) => x.record_ids.length > 1)) seen.add('several');
          if (c.cells.some((x) => x.worst === 'unrated')) seen.add('unrated');
        }
      }
    }
    // The cases the comparison is about all occur, so the equality above means something.
    expect([...seen].sort()).toEqual(['all', 'none', 'several', 'some', 'unrated', 'untracked']);
  });

  it('lists every category, finds gaps and agreements, and keeps the URL order of the columns', async () => {
    const data = await loadPlatformCompare(db, { platforms: ['tradewick', 'verbalyn'], asOf: null });
    expect(data.categories).toHaveLength(tables.categories.length);
    // Tradewick has no provision at all: every category Verbalyn covers is a gap, every other one is "none".
    const verbalyn = new Set(tables.provisions.filter((p) => p.platform_id === 'verbalyn' && p.status === 'active').map((p) => p.category_id));
    expect(verbalyn.size).toBeGreaterThan(0);
    for (const c of data.categories) {
      expect(c.cells.map((x) => x.platform_id)).toEqual(['tradewick', 'verbalyn']);
      expect(c.cells[0]!.items).toEqual([]);
      expect(c.coverage).toBe(verbalyn.has(c.category_id) ? 'some' : 'none');
      expect(c.differs).toBe(verbalyn.has(c.category_id));
    }
  });

  it('names the ids the export does not have and compares the rest', async () => {
    const data = await loadPlatformCompare(db, { platforms: ['nope', 'verbalyn', "x'--"], asOf: null });
    expect(data.missing).toEqual(['nope', "x'--"]);
    expect(data.platforms.map((p) => p.platform_id)).toEqual(['verbalyn']);
    expect(flat(data)).toEqual(expectedPvp(tables, ['verbalyn'], null));
    const none = await loadPlatformCompare(db, { platforms: ['a', 'b'], asOf: null });
    expect(none).toMatchObject({ platforms: [], missing: ['a', 'b'] });
    expect(none.categories).toEqual([]);
  });

  it('binds every id and refuses a malformed request', () => {
    const q = platformCompareQuery({ platforms: ["a'); DROP TABLE x; --", 'b'], asOf: '2024-01-01' });
    expect(q.sql).not.toContain('DROP');
    expect(q.params).toContain("a'); DROP TABLE x; --");
    expect(() => platformCompareQuery({ platforms: [], asOf: null })).toThrow(/1 to 4/);
    expect(() => platformCompareQuery({ platforms: ['a', 'b', 'c', 'd', 'e'], asOf: null })).toThrow(/1 to 4/);
    expect(() => comparedPlatformsQuery({ platforms: ['a', 'a'], asOf: null })).toThrow(/twice/);
    expect(() => platformCompareQuery({ platforms: ['a', 'b'], asOf: '2024-02-30' })).toThrow(/calendar day/);
  });

  it('worstOf reads the scale, with unrated only when nothing is rated', () => {
    expect(worstOf([])).toBeNull();
    expect(worstOf(['unrated', 'low', 'high'])).toBe('high');
    expect(worstOf(['unrated'])).toBe('unrated');
  });
});

/** Provisions for random versions: the last version's state, active while it is current and not a marker. */
function provisionsOf(versions: readonly RefVersion[]) {
  const byRecord = new Map<string, RefVersion[]>();
  for (const v of versions) byRecord.set(v.record_id, [...(byRecord.get(v.record_id) ?? []), v]);
  return [...byRecord].map(([record_id, vs]) => {
    const last = vs[vs.length - 1]!;
    const active = last.valid_to === null && last.change_kind !== 'removed';
    return {
      record_id,
      platform_id: last.platform_id,
      category_id: last.category_id,
      title: `Title of ${record_id}`,
      severity: last.severity,
      clause_text: `Current text of ${record_id}`,
      status: active ? 'active' : 'removed',
      first_tracked: vs[0]!.valid_from
    };
  });
}

describe('platform vs platform over random histories', () => {
  it('matches the reference today and as of awkward days', async () => {
    const days = fc.constantFrom(null, '2019-12-31', '2020-01-01', '2020-02-29', '2020-03-31', '2021-01-03', '2023-12-31', '2024-02-29');
    const pick = fc.shuffledSubarray(['pa', 'pb', 'pc', 'pz'], { minLength: 2, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(arbHistory, pick, days, async (versions, ids, asOf) => {
        const provisions = provisionsOf(versions);
        const node = await openVersionsDb(versions);
        try {
          await createContractTables(node, ['documents']);
          await insertRows(node, 'provisions', provisions);
          const data = await loadPlatformCompare(nodeDbAdapter(node), { platforms: ids, asOf });
          const tables: PvpTables = {
            platforms: SECTORED_PLATFORMS as unknown as Record<string, unknown>[],
            categories: [
              { category_id: 'cat_a', name: 'Category A', group_name: null },
              { category_id: 'cat_b', name: 'Category B', group_name: null }
            ],
            documents: [],
            provisions,
            provision_versions: versions as unknown as Record<string, unknown>[]
          };
          expect(data.missing).toEqual(ids.filter((id) => id === 'pz'));
          expect(flat(data)).toEqual(expectedPvp(tables, ids, asOf));
        } finally {
          node.close();
        }
      }),
      { numRuns: 60 }
    );
  });
});
