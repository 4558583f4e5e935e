/**
 * An export whose provisions are all unrated (the OTA import: rule-found, severity null) is recognised by every view
 * that charts severity — overview, timeline (severity index), compare (platforms by worst severity), platform profile
 * — from the very numbers it would chart, and an export with ratings is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { onlyUnrated, onlyUnratedIn, ratedCount } from '../../src/lib/components/severity/unrated';
import { standingCounts } from '../../src/lib/compare/summary';
import { loadPlatformPage } from '../../src/lib/platform/load-platform';
import { loadCompare } from '../../src/lib/queries/compare';
import { loadOverview } from '../../src/lib/queries/overview';
import { loadTimeline } from '../../src/lib/queries/timeline';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { readingExports } from '../helpers/reading-exports';

let unrated: LoadedExport;
let rated: LoadedExport;
beforeAll(async () => {
  unrated = await loadExport((await readingExports()).unrated);
  rated = await loadFixture();
});
afterAll(() => {
  unrated?.db.close();
  rated?.db.close();
});

const counts = (list: { severity: string; count: number }[]) => Object.fromEntries(list.map((b) => [b.severity, b.count]));

describe('the helpers', () => {
  it('onlyUnrated: something, none of it rated', () => {
    expect(onlyUnrated({ unrated: 3 })).toBe(true);
    expect(onlyUnrated({ unrated: 3, info: 1 })).toBe(false);
    expect(onlyUnrated({ unrated: 0 })).toBe(false); // nothing at all is another message ("no provisions")
    expect(onlyUnrated({ unrated: 2, none: 5 })).toBe(true); // compare's "no provision" standing is not a rating
    expect(ratedCount({ critical: 1, high: 2, unrated: 7 })).toBe(3);
  });

  it('onlyUnratedIn: no rating in any period, something unrated in one', () => {
    expect(onlyUnratedIn([{ unrated: 0 }, { unrated: 2 }])).toBe(true);
    expect(onlyUnratedIn([{ unrated: 0 }, { unrated: 2, low: 1 }])).toBe(false);
    expect(onlyUnratedIn([])).toBe(false);
  });
});

describe('each view’s own numbers', () => {
  it('overview', async () => {
    const data = await loadOverview(nodeDbAdapter(unrated.db), unrated.manifest);
    expect(data.provisions.active).toBe(fixtureRows('provisions').filter((p) => p.status === 'active').length);
    expect(onlyUnrated(counts(data.by_severity))).toBe(true);
    expect(onlyUnrated(counts((await loadOverview(nodeDbAdapter(rated.db), rated.manifest)).by_severity))).toBe(false);
  });

  it('timeline (the series the index is drawn over)', async () => {
    const spec = { filter: NO_FILTER, from: '2019-01-01', to: '2026-09-28', granularity: 'quarter' as const };
    const points = await loadTimeline(nodeDbAdapter(unrated.db), spec);
    expect(points.some((p) => p.total > 0)).toBe(true);
    expect(onlyUnratedIn(points.map((p) => p.counts))).toBe(true);
    expect(onlyUnratedIn((await loadTimeline(nodeDbAdapter(rated.db), spec)).map((p) => p.counts))).toBe(false);
  });

  it('compare (platforms by worst severity)', async () => {
    const filter = { category: 'data_sharing', asOf: null, platforms: { sectors: [], jurisdictions: [], q: '', platforms: [] }, severities: [] };
    const standings = standingCounts(await loadCompare(nodeDbAdapter(unrated.db), filter));
    expect(standings.unrated).toBeGreaterThan(0);
    expect(onlyUnrated(standings)).toBe(true);
    expect(onlyUnrated(standingCounts(await loadCompare(nodeDbAdapter(rated.db), filter)))).toBe(false);
  });

  it('platform profile', async () => {
    const page = (await loadPlatformPage(nodeDbAdapter(unrated.db), 'pinwheel'))!;
    const used = page.profile.levels.filter((l) => (l.platform_share ?? 0) > 0 || (l.sector_mean_share ?? 0) > 0);
    expect(used.map((l) => l.severity)).toEqual(['unrated']);
    const ratedPage = (await loadPlatformPage(nodeDbAdapter(rated.db), 'pinwheel'))!;
    expect(ratedPage.profile.levels.filter((l) => (l.platform_share ?? 0) > 0).length).toBeGreaterThan(1);
  });
});
