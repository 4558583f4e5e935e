/**
 * "Since your last visit" (src/lib/watch/since.ts) on the fixture export: the changes to followed platforms OR in
 * followed categories, against the change rules written again in TypeScript (tests/queries/changes-reference.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { loadSinceLastVisit, mergeChanges, SINCE_LIMIT } from '../../src/lib/watch/since';
import { readChanges } from '../../src/lib/changes/feed';
import { changesQuery } from '../../src/lib/queries/changes';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { expectedChanges } from '../queries/changes-reference';
import { fixturePlatforms, fixtureVersions } from '../queries/time-reference';

const key = (c: { record_id: string; version: number; kind: string }) => `${c.record_id} v${c.version} ${c.kind}`;

describe('changes since the last visit, over the fixture export', () => {
  let fixture: LoadedExport;
  const versions = fixtureVersions();
  const platforms = fixturePlatforms();
  const categoryNames = new Map(fixtureRows<{ category_id: string; name: string }>('categories').map((c) => [c.category_id, c.name]));
  beforeAll(async () => {
    fixture = await loadFixture();
  });
  afterAll(() => fixture?.db.close());

  const cases: [string, { platforms: string[]; categories: string[] }, string, string][] = [
    ['two platforms and a category, over the whole history', { platforms: ['pinwheel', 'murmurly'], categories: ['data_sharing'] }, '2019-01-01', '2026-10-01'],
    ['a category only, since mid-2022', { platforms: [], categories: ['data_sharing', 'ai_training_data'] }, '2022-06-30', '2026-10-01'],
    ['a platform only, on one day', { platforms: ['pinwheel'], categories: [] }, '2022-06-30', '2022-06-30'],
    ['a platform not in the export', { platforms: ['no-such-platform'], categories: [] }, '2019-01-01', '2026-10-01']
  ];

  for (const [name, follows, from, to] of cases) {
    it(name, async () => {
      const got = await loadSinceLastVisit(nodeDbAdapter(fixture.db), follows, from, to);
      const spec = { filter: NO_FILTER, from, to, kinds: [] };
      const byPlatform = expectedChanges(versions, platforms, categoryNames, { ...spec, filter: { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, platforms: follows.platforms } } });
      const byCategory = expectedChanges(versions, platforms, categoryNames, { ...spec, filter: { ...NO_FILTER, categories: follows.categories } });
      expect(got.platformChanges).toBe(follows.platforms.length > 0 ? byPlatform.length : null);
      expect(got.categoryChanges).toBe(follows.categories.length > 0 ? byCategory.length : null);
      // Either question, each change once, newest first: the reference over all versions, kept when it matches one.
      const wanted = expectedChanges(versions, platforms, categoryNames, spec).filter(
        (c) => follows.platforms.includes(c.platform_id) || follows.categories.includes(c.category_id)
      );
      expect(got.latest.map((c) => key({ record_id: c.recordId, version: c.version, kind: c.kind }))).toEqual(wanted.slice(0, SINCE_LIMIT).map(key));
    });
  }

  it('the fixture has changes for the cases above to mean something', () => {
    const all = expectedChanges(versions, platforms, categoryNames, { filter: NO_FILTER, from: '2019-01-01', to: '2026-10-01', kinds: [] });
    expect(all.filter((c) => c.category_id === 'data_sharing').length).toBeGreaterThan(0);
    expect(all.filter((c) => c.platform_id === 'pinwheel').length).toBeGreaterThan(0);
  });

  it('merges two results without duplicates and stops at the limit', async () => {
    const all = readChanges(await fixture.db.query(changesQuery({ filter: NO_FILTER, from: '2019-01-01', to: '2026-10-01', kinds: [] }).sql, changesQuery({ filter: NO_FILTER, from: '2019-01-01', to: '2026-10-01', kinds: [] }).params));
    expect(all.length).toBeGreaterThan(4);
    const odd = all.filter((_, i) => i % 2 === 1);
    expect(mergeChanges(all, odd, all.length)).toEqual(all);
    expect(mergeChanges(odd, all, 3)).toEqual(all.slice(0, 3));
  });
});
