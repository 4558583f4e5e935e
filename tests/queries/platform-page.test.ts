/** The platform page's loader over the fixture, and the URL state of the platform pages. */
import { describe, expect, it } from 'vitest';
import { loadPlatformPage } from '../../src/lib/platform/load-platform';
import { platformListParams, platformPageParams } from '../../src/lib/platform/params';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { nodeDbAdapter } from '../helpers/node-db-adapter';

const fixture = openedExport(loadFixture);

const db = () => nodeDbAdapter(fixture.loaded.db);

describe('loadPlatformPage', () => {
  it('reads a platform with its documents, provisions, categories and profile', async () => {
    const data = (await loadPlatformPage(db(), 'pinwheel'))!;
    expect(data.platform).toEqual({
      platform_id: 'pinwheel',
      name: 'Pinwheel Social',
      sector: 'Social media',
      jurisdiction: 'US',
      website: 'https://pinwheel.example'
    });
    expect(data.documents.map((d) => d.document_id).sort()).toEqual(['FX-D-007', 'FX-D-008', 'FX-D-009']);
    expect(data.provisions).toHaveLength(fixtureRows('provisions').filter((p) => p.platform_id === 'pinwheel').length);
    expect(data.categories.map((c) => c.category_id)).toContain('data_sharing');
    expect(data.profile.levels.map((l) => l.severity)).toEqual(['critical', 'high', 'medium', 'low', 'info', 'unrated']);
    expect(data.profile.sectorPlatforms).toBe(3);
    expect(data.profile.sectorPlatformsTotal).toBe(3);
  });

  it('a platform without provisions has documents but empty tables and no own shares', async () => {
    const data = (await loadPlatformPage(db(), 'tradewick'))!;
    expect(data.documents).toHaveLength(1);
    expect(data.provisions).toEqual([]);
    expect(data.categories).toEqual([]);
    expect(data.profile.levels.every((l) => l.platform_share === null && l.platform_provisions === 0)).toBe(true);
    expect(data.profile.levels.some((l) => (l.sector_mean_share ?? 0) > 0)).toBe(true);
  });

  it('a platform without a jurisdiction or website reads as null', async () => {
    expect((await loadPlatformPage(db(), 'kestrelgram'))!.platform).toMatchObject({ jurisdiction: null, website: null });
  });

  it('returns null for an unknown or odd id', async () => {
    for (const id of ['nope', '', '../pinwheel', 'pinwheel%00', "pinwheel'--"]) {
      expect(await loadPlatformPage(db(), id), id).toBeNull();
    }
  });
});

describe('platform URL state', () => {
  it('reads the list search and sort, and notes what it ignores', () => {
    expect(platformListParams.parse(new URLSearchParams('q=chat&sort=-active_provisions'))).toEqual({
      value: { q: 'chat', sort: { column: 'active_provisions', direction: 'desc' } },
      notes: []
    });
    const bad = platformListParams.parse(new URLSearchParams(`q=${'x'.repeat(101)}&sort=name;drop`));
    expect(bad.value).toEqual(platformListParams.defaults);
    expect(bad.notes).toHaveLength(2);
  });

  it('reads a platform page’s sorts and page', () => {
    const { value, notes } = platformPageParams.parse(new URLSearchParams('provisionsSort=-severity&provisionsPage=2&documentsSort=-last_verified'));
    expect(notes).toEqual([]);
    expect(value.provisionsSort).toEqual({ column: 'severity', direction: 'desc' });
    expect(value.provisionsPage).toBe(2);
    expect(platformPageParams.parse(new URLSearchParams('provisionsPage=-1&categoriesSort=<b>')).notes).toHaveLength(2);
  });
});
