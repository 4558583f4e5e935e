/**
 * The overview as of a past day, over the fixture export, against the plain computation of overview-expected.ts run
 * on the provisions as they stood then (each in-force version standing in for its provision, by `isInForceAsOf` over
 * the fixture's JSON Lines records). Days on version boundaries: a removal at midnight, a leap-day re-rating, a
 * year end. As of today the live path (status 'active') and the history agree.
 */
import { describe, expect, it } from 'vitest';
import { isInForceAsOf } from '../../src/lib/queries/as-of';
import { loadOverview, provisionStatusQuery } from '../../src/lib/queries/overview';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { trackedBy } from './compare-expected';
import { expectedOverview, type Rec } from './overview-expected';
import { fixtureVersions } from './time-reference';

const fixture = openedExport(loadFixture);

/** The fixture's provisions as of the end of `day`: in force -> active with that version's fields; seen before -> removed. */
function provisionsAsOf(day: string): Rec[] {
  const end = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  const versions = fixtureVersions();
  return fixtureRows('provisions').flatMap((p) => {
    const mine = versions.filter((v) => v.record_id === p.record_id);
    const live = mine.find((v) => isInForceAsOf(v, day));
    if (live) return [{ ...p, status: 'active', severity: live.severity, category_id: live.category_id, platform_id: live.platform_id }];
    const seen = mine.some((v) => v.valid_from !== null && v.valid_from.getTime() < end && v.change_kind !== 'removed');
    return seen ? [{ ...p, status: 'removed' }] : [];
  });
}

function expectedAsOf(day: string) {
  const expected = expectedOverview((t) => (t === 'provisions' ? provisionsAsOf(day) : fixtureRows(t)), fixture.loaded.manifest);
  // Row counts are the export's tables, whatever the day.
  expected.row_counts = expectedOverview((t) => fixtureRows(t), fixture.loaded.manifest).row_counts;
  // Coverage is out of the platforms tracked by then.
  expected.platform_total = trackedBy((t) => fixtureRows(t), day).size;
  return expected;
}

describe('overview as of a day', () => {
  const days = [
    '2019-02-28', // almost nothing yet
    '2022-06-29', // FX-P-024 (critical) still in force …
    '2022-06-30', // … and removed at midnight: gone as of this day
    '2023-12-31', // FX-P-003 still high
    '2024-01-01', // FX-P-003 re-rated medium at midnight
    '2024-02-29', // FX-P-001 raised on the leap day
    '2024-08-01', // FX-P-009 removed
    '2026-10-01' // the fixture's present
  ];
  it.each(days)('%s equals the plain computation over the versions in force', async (day) => {
    const data = await loadOverview(nodeDbAdapter(fixture.loaded.db), fixture.loaded.manifest, { asOf: day });
    expect(data).toEqual(expectedAsOf(day));
  });

  it('sees the boundaries it is meant to test', () => {
    const before = expectedAsOf('2022-06-29');
    const after = expectedAsOf('2022-06-30');
    expect(after.provisions.removed - before.provisions.removed).toBe(1);
    const yearEnd = expectedAsOf('2023-12-31').by_severity.find((b) => b.severity === 'high')!.count;
    const newYear = expectedAsOf('2024-01-01').by_severity.find((b) => b.severity === 'high')!.count;
    expect(yearEnd - newYear).toBe(1);
  });

  it('as of the present equals the current state read from provisions', async () => {
    const db = nodeDbAdapter(fixture.loaded.db);
    const today = await loadOverview(db, fixture.loaded.manifest);
    const fromHistory = await loadOverview(db, fixture.loaded.manifest, { asOf: '2026-10-01' });
    expect(fromHistory).toEqual(today);
  });

  it('returns both statuses, zeros included, and refuses a day that is not one', async () => {
    const q = provisionStatusQuery('2019-01-01');
    expect(await fixture.loaded.db.query(q.sql, q.params)).toEqual([
      { status: 'active', provisions: 0 },
      { status: 'removed', provisions: 0 }
    ]);
    expect(() => provisionStatusQuery('2023-02-29')).toThrow();
  });

  it('says when the export has no history to read a past day from', async () => {
    const { provision_versions: _, ...tables } = fixture.loaded.manifest.tables;
    await expect(loadOverview(nodeDbAdapter(fixture.loaded.db), { ...fixture.loaded.manifest, tables }, { asOf: '2024-01-01' })).rejects.toThrow(/provision_versions/);
  });
});

describe('the overview’s asOf parameter', () => {
  it('reads a day from the URL and ignores a malformed one with a note', async () => {
    const { overviewParams } = await import('../../src/lib/overview/params');
    expect(overviewParams.parse(new URLSearchParams('asOf=2024-02-29&export=demo'))).toEqual({ value: { asOf: '2024-02-29' }, notes: [] });
    const bad = overviewParams.parse(new URLSearchParams('asOf=2023-02-29'));
    expect(bad.value.asOf).toBeNull();
    expect(bad.notes).toEqual(['Ignored asOf=2023-02-29: not a calendar day']);
    expect(overviewParams.serialize({ asOf: null }).toString()).toBe('');
  });
});
