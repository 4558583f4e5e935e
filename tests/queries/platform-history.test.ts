/**
 * The platform history the platform page and platform vs platform draw (`platform-compare/history.ts`), over the
 * fixture: the range is the timeline's default one (first day of the history to the export's today), the counts per
 * bucket equal the as-of rule applied to the platform's versions in plain TypeScript, the index has one series per
 * platform, and the newest changes are the head of the change feed filtered to the platform.
 */
import { describe, expect, it } from 'vitest';
import { loadPlatformHistory, loadRecentChanges, RECENT_CHANGES } from '../../src/lib/platform-compare/history';
import { changesQuery } from '../../src/lib/queries/changes';
import { SEVERITY_KEYS } from '../../src/lib/queries/severity';
import { readChanges } from '../../src/lib/changes/feed';
import { bucketsFor } from '../../src/lib/timeline/buckets';
import { exportToday } from '../../src/lib/time/today';
import { loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { countBySeverity, fixtureVersions, inForce } from './time-reference';

const fixture = openedExport(loadFixture);

describe('platform history over the fixture', () => {
  it('counts what is in force per bucket, over the default range ending on the export’s today', async () => {
    const db = nodeDbAdapter(fixture.loaded.db);
    const today = exportToday(fixture.loaded.manifest);
    const versions = fixtureVersions();
    const first = versions.filter((v) => v.valid_from).map((v) => v.valid_from!.toISOString().slice(0, 10)).sort()[0]!;
    for (const ids of [['verbalyn'], ['pinwheel', 'tradewick']]) {
      const history = (await loadPlatformHistory(db, ids, today))!;
      expect(history.range.from).toBe(first);
      expect(history.range.to).toBe(today);
      const mine = versions.filter((v) => ids.includes(v.platform_id));
      const buckets = bucketsFor(history.range.from, history.range.to, history.range.granularity);
      expect(history.points.map((p) => p.counts)).toEqual(buckets.map((b) => countBySeverity(inForce(mine, b.asOf))));
      expect(history.points.some((p) => SEVERITY_KEYS.some((k) => p.counts[k] > 0))).toBe(true);
      expect(new Set(history.index.map((r) => r.group))).toEqual(new Set(ids.length > 1 ? ids.filter((id) => mine.some((v) => v.platform_id === id)) : []));
    }
  });

  it('the newest changes are the head of the feed filtered to the platform', async () => {
    const db = nodeDbAdapter(fixture.loaded.db);
    const history = (await loadPlatformHistory(db, ['verbalyn'], exportToday(fixture.loaded.manifest)))!;
    const recent = await loadRecentChanges(db, history.spec);
    const q = changesQuery(recent.spec);
    const all = readChanges(await fixture.loaded.db.query(q.sql, q.params));
    expect(recent.total).toBe(all.length);
    expect(recent.rows).toEqual(all.slice(0, RECENT_CHANGES));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.platformId === 'verbalyn')).toBe(true);
  });

  it('refuses an empty list of platforms', async () => {
    await expect(loadPlatformHistory(nodeDbAdapter(fixture.loaded.db), [], '2026-10-01')).rejects.toThrow(/at least one platform/);
  });
});
