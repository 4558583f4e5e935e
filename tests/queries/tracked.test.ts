/**
 * As-of denominators count only the platforms tracked by that day (`src/lib/queries/tracked.ts`): compare's "found
 * in N of M", the matrix's rows and the overview's platform total, against the rule written again in plain
 * TypeScript (compare-expected.ts `trackedFromDays`). Over a variant of the fixture whose platforms carry
 * `tracked_since` (v1.1) — before their first evidence, after it (the evidence wins), absent — plus a platform with a
 * tracked_since and nothing else, and one with no date at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { loadCompare } from '../../src/lib/queries/compare';
import { loadMatrix } from '../../src/lib/queries/matrix';
import { loadOverview } from '../../src/lib/queries/overview';
import { trackedFromSql } from '../../src/lib/queries/tracked';
import { buildEditedFixture, type EditedFixture } from '../helpers/edited-fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY, expectedCompare, trackedBy, trackedFromDays } from './compare-expected';

const TRACKED_SINCE: Record<string, string> = {
  verbalyn: '2018-01-01', // before its first document (2020-06-01): counted from 2018
  murmurly: '2024-01-01', // after its versions began (2020-05-05): a provision in force then proves it was tracked
  kestrelgram: '2021-08-01', // a week before its document (2021-08-08)
  tradewick: '2026-01-01' // after its document (2024-03-04)
};
const EXTRA = [
  { platform_id: 'driftwood', name: 'Driftwood', sector: 'Marketplace', jurisdiction: 'US', website: null, tracked_since: '2022-01-01' },
  { platform_id: 'nowhere', name: 'Nowhere Inc', sector: null, jurisdiction: null, website: null }
];
const DAYS = ['2017-12-31', '2018-01-01', '2019-06-01', '2020-05-05', '2021-07-31', '2021-08-01', '2021-12-31', '2022-01-01', '2024-03-03', '2024-03-04', '2025-12-31'];

let edited: EditedFixture;
let loaded: LoadedExport;
beforeAll(async () => {
  edited = await buildEditedFixture(
    { platforms: (records) => [...records.map((p) => ({ ...p, ...(TRACKED_SINCE[p.platform_id as string] ? { tracked_since: TRACKED_SINCE[p.platform_id as string] } : {}) })), ...EXTRA] },
    { dataAsOf: '2026-09-30' }
  );
  loaded = await loadExport(edited.dir);
}, 60_000);
afterAll(async () => {
  loaded?.db.close();
  await edited?.remove();
});

describe('the day a platform is tracked from', () => {
  it('is the earliest of tracked_since and the evidence; null without any date', async () => {
    const rows = await loaded.db.query(`SELECT platform_id, CAST(tracked_from AS VARCHAR) AS tracked_from FROM (${trackedFromSql()}) ORDER BY platform_id`);
    const expected = trackedFromDays(edited.rows);
    expect(rows).toEqual(edited.rows('platforms').map((p) => String(p.platform_id)).sort().map((id) => ({ platform_id: id, tracked_from: expected.get(id) ?? null })));
    // Written out, so the reference is checked too.
    expect(Object.fromEntries(rows.map((r) => [r.platform_id, r.tracked_from]))).toEqual({
      bazaarly: '2019-06-01',
      chattersmith: '2022-02-02',
      driftwood: '2022-01-01',
      kestrelgram: '2021-08-01',
      murmurly: '2020-05-05',
      nowhere: null,
      pinwheel: '2019-03-01',
      quillora: '2020-02-03',
      tradewick: '2024-03-04',
      verbalyn: '2018-01-01'
    });
  });
});

describe('as-of denominators', () => {
  it.each(DAYS)('compare as of %s compares the platforms tracked by then, as the records say', async (day) => {
    for (const category of ['ai_training_data', 'data_sharing', 'biometric_data']) {
      const got = await loadCompare(nodeDbAdapter(loaded.db), { category, asOf: day, platforms: ANY, severities: [] });
      const expected = expectedCompare(edited.rows, { category, asOf: day, platforms: ANY, severities: [] });
      expect(got.map((r) => [r.platform_id, r.provisions])).toEqual(expected.map((r) => [r.platform_id, r.provisions]));
      expect(new Set(got.map((r) => r.platform_id))).toEqual(trackedBy(edited.rows, day));
      // Found never exceeds compared: a platform with a provision in force is tracked.
      for (const r of got) if (r.provisions > 0) expect(trackedBy(edited.rows, day).has(r.platform_id)).toBe(true);
    }
  });

  it('counts a platform without any date on every day, and one with only tracked_since from that day', async () => {
    const ids = async (day: string) =>
      (await loadCompare(nodeDbAdapter(loaded.db), { category: 'data_sharing', asOf: day, platforms: ANY, severities: [] })).map((r) => r.platform_id);
    expect(await ids('2017-12-31')).toEqual(['nowhere']);
    expect((await ids('2018-01-01')).sort()).toEqual(['nowhere', 'verbalyn']);
    expect(await ids('2021-12-31')).not.toContain('driftwood');
    expect(await ids('2022-01-01')).toContain('driftwood');
    // Today (the latest state) compares every platform.
    expect(
      (await loadCompare(nodeDbAdapter(loaded.db), { category: 'data_sharing', asOf: null, platforms: ANY, severities: [] })).length
    ).toBe(edited.rows('platforms').length);
  });

  it.each(DAYS)('the matrix as of %s has a row for each platform tracked by then, and each cell its row', async (day) => {
    const data = await loadMatrix(nodeDbAdapter(loaded.db), { asOf: day, platforms: { ...ANY, sectors: ['Marketplace', 'Social media'] } });
    const chosen = new Set(edited.rows('platforms').filter((p) => p.sector === 'Marketplace' || p.sector === 'Social media').map((p) => String(p.platform_id)));
    const expected = [...trackedBy(edited.rows, day)].filter((id) => chosen.has(id)).sort();
    expect(data.platforms.map((p) => p.platform_id).sort()).toEqual(expected);
    for (const platform of data.cells.keys()) expect(expected).toContain(platform);
  });

  it.each(DAYS)('the overview as of %s counts coverage out of the platforms tracked by then', async (day) => {
    const data = await loadOverview(nodeDbAdapter(loaded.db), loaded.manifest, { asOf: day });
    expect(data.platform_total).toBe(trackedBy(edited.rows, day).size);
    for (const c of data.coverage) expect(c.platforms).toBeLessThanOrEqual(data.platform_total);
    // The latest state: every platform of the export.
    expect((await loadOverview(nodeDbAdapter(loaded.db), loaded.manifest)).platform_total).toBe(edited.rows('platforms').length);
  });
});
