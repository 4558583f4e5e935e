/**
 * The platform pages' queries over the fixture export (real Parquet in Node DuckDB), checked against the same answers
 * computed in plain TypeScript from the fixture's JSON Lines records.
 */
import { describe, expect, it } from 'vitest';
import {
  platformCategoriesQuery,
  platformDocumentsQuery,
  platformProvisionsQuery,
  platformQuery,
  platformSeverityProfileQuery,
  platformsQuery
} from '../../src/lib/queries/platform';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { byId, cmp, instant, listedProvision, rank, SCALE, type Rec } from './fixture-reference';

const { run } = openedExport(loadFixture);

const provisions = fixtureRows('provisions');
const documents = fixtureRows('documents');
const platforms = fixtureRows('platforms');
const categories = fixtureRows('categories');

const worst = (rows: Rec[]) => (rows.length === 0 ? null : (rows.map((r) => r.severity).sort((a, b) => rank(a) - rank(b))[0] ?? null));
const active = provisions.filter((p) => p.status === 'active');

function platformRow(p: Rec): Rec {
  return {
    platform_id: p.platform_id,
    name: p.name,
    sector: p.sector ?? null,
    jurisdiction: p.jurisdiction ?? null,
    website: p.website ?? null,
    tracked_since: p.tracked_since ?? null
  };
}

describe('the fixture holds the cases these tests are about', () => {
  it('has a platform with no provisions, several provisions of one platform in one category, unrated and removed ones', () => {
    expect(platforms.some((pl) => !provisions.some((p) => p.platform_id === pl.platform_id))).toBe(true);
    const pinwheelSharing = provisions.filter((p) => p.platform_id === 'pinwheel' && p.category_id === 'data_sharing');
    expect(pinwheelSharing.length).toBeGreaterThan(2);
    expect(pinwheelSharing.some((p) => p.status === 'removed')).toBe(true);
    expect(active.some((p) => p.severity === null)).toBe(true);
  });
});

describe('platformsQuery', () => {
  function expected(filter: (p: Rec) => boolean): Rec[] {
    return platforms
      .filter(filter)
      .sort((a, b) => cmp(a.name, b.name) || cmp(a.platform_id, b.platform_id))
      .map((pl) => {
        const mine = provisions.filter((p) => p.platform_id === pl.platform_id);
        const mineActive = mine.filter((p) => p.status === 'active');
        return {
          ...platformRow(pl),
          documents: documents.filter((d) => d.platform_id === pl.platform_id).length,
          active_provisions: mineActive.length,
          removed_provisions: mine.length - mineActive.length,
          worst_severity: worst(mineActive)
        };
      });
  }

  it('lists every platform with its counts and worst active severity', async () => {
    const rows = await run(platformsQuery());
    expect(rows).toEqual(expected(() => true));
    expect(rows.find((r) => r.platform_id === 'tradewick')).toMatchObject({ active_provisions: 0, documents: 1, worst_severity: null });
  });

  it('searches name, id and sector, case-insensitively, as plain text', async () => {
    const has = (p: Rec, term: string) =>
      [p.name, p.platform_id, p.sector ?? ''].some((v) => String(v).toLowerCase().includes(term.toLowerCase()));
    for (const term of ['social', 'SOCIAL', 'wick', 'Generative AI', 'zzz', '%', '_', "'", '  pinwheel  ']) {
      expect(await run(platformsQuery(term)), term).toEqual(expected((p) => has(p, term.trim())));
    }
    expect(await run(platformsQuery('   '))).toHaveLength(platforms.length);
  });
});

describe('platformQuery', () => {
  it('returns each platform, and nothing for an unknown or odd id', async () => {
    for (const pl of platforms) expect(await run(platformQuery(pl.platform_id as string))).toEqual([platformRow(pl)]);
    for (const id of ['nope', '', "pinwheel' OR '1'='1", 'PINWHEEL']) expect(await run(platformQuery(id)), id).toEqual([]);
  });
});

describe('platformDocumentsQuery', () => {
  it('gives every platform its documents with provision counts by status', async () => {
    for (const pl of platforms) {
      const want = documents
        .filter((d) => d.platform_id === pl.platform_id)
        .sort((a, b) => cmp(a.title, b.title) || cmp(a.document_id, b.document_id))
        .map((d) => {
          const mine = provisions.filter((p) => p.document_id === d.document_id);
          return {
            document_id: d.document_id,
            title: d.title,
            doc_type: d.doc_type,
            source_url: d.source_url ?? null,
            last_updated: d.last_updated ?? null,
            first_tracked: instant(d.first_tracked),
            last_verified: instant(d.last_verified),
            active_provisions: mine.filter((p) => p.status === 'active').length,
            removed_provisions: mine.filter((p) => p.status === 'removed').length
          };
        });
      expect(await run(platformDocumentsQuery(pl.platform_id as string)), pl.platform_id as string).toEqual(want);
    }
  });
});

describe('platformProvisionsQuery', () => {
  it('lists every provision of every platform: active first, worst first, then category and title', async () => {
    for (const pl of platforms) {
      const want = provisions
        .filter((p) => p.platform_id === pl.platform_id)
        .map((p) => ({ p, c: byId(categories, 'category_id', p.category_id), d: byId(documents, 'document_id', p.document_id) }))
        .sort(
          (a, b) =>
            (a.p.status === 'active' ? 0 : 1) - (b.p.status === 'active' ? 0 : 1) ||
            rank(a.p.severity) - rank(b.p.severity) ||
            cmp(a.c.name, b.c.name) ||
            cmp(a.p.title, b.p.title) ||
            cmp(a.p.record_id, b.p.record_id)
        )
        .map(({ p, c, d }) => ({
          ...listedProvision(p, c),
          document_id: p.document_id,
          document_title: d.title,
          removed_at: instant(p.removed_at)
        }));
      expect(await run(platformProvisionsQuery(pl.platform_id as string)), pl.platform_id as string).toEqual(want);
    }
  });

  it('a platform without provisions has an empty list; a removed provision comes last', async () => {
    expect(await run(platformProvisionsQuery('tradewick'))).toEqual([]);
    const pinwheel = await run(platformProvisionsQuery('pinwheel'));
    expect(pinwheel.at(-1)).toMatchObject({ record_id: 'FX-P-024', status: 'removed' });
  });
});

describe('platformCategoriesQuery', () => {
  it('gives each category with active provisions, their number and the worst of them', async () => {
    for (const pl of platforms) {
      const mine = active.filter((p) => p.platform_id === pl.platform_id);
      const want = categories
        .filter((c) => mine.some((p) => p.category_id === c.category_id))
        .sort(
          (a, b) =>
            (a.group_name == null ? 1 : 0) - (b.group_name == null ? 1 : 0) ||
            cmp(a.group_name, b.group_name) ||
            cmp(a.name, b.name) ||
            cmp(a.category_id, b.category_id)
        )
        .map((c) => {
          const inCat = mine.filter((p) => p.category_id === c.category_id);
          return { category_id: c.category_id, name: c.name, group_name: c.group_name ?? null, provisions: inCat.length, worst_severity: worst(inCat) };
        });
      expect(await run(platformCategoriesQuery(pl.platform_id as string)), pl.platform_id as string).toEqual(want);
    }
  });

  it('several provisions in one category: the worst active one counts, a removed critical one does not', async () => {
    const rows = await run(platformCategoriesQuery('pinwheel'));
    expect(rows.find((r) => r.category_id === 'data_sharing')).toMatchObject({ provisions: 3, worst_severity: 'high' });
    const murmurly = await run(platformCategoriesQuery('murmurly'));
    expect(murmurly.find((r) => r.category_id === 'automated_decisions')).toMatchObject({ worst_severity: null });
  });
});

describe('platformSeverityProfileQuery', () => {
  const KEYS = [...SCALE, 'unrated'];
  const keyOf = (p: Rec) => (p.severity ?? 'unrated') as string;

  /** Shares of each level among a platform's active provisions; null when it has none. */
  function shares(platformId: unknown): Record<string, number> | null {
    const mine = active.filter((p) => p.platform_id === platformId);
    if (mine.length === 0) return null;
    return Object.fromEntries(KEYS.map((k) => [k, mine.filter((p) => keyOf(p) === k).length / mine.length]));
  }

  function expected(pl: Rec) {
    const peers = pl.sector == null ? [] : platforms.filter((o) => o.sector === pl.sector);
    const peerShares = peers.map((o) => shares(o.platform_id)).filter((s) => s !== null);
    const own = shares(pl.platform_id);
    return KEYS.map((k) => ({
      severity: k,
      platform_provisions: active.filter((p) => p.platform_id === pl.platform_id && keyOf(p) === k).length,
      platform_share: own === null ? null : own[k]!,
      sector_mean_share: peerShares.length === 0 ? null : peerShares.reduce((sum, s) => sum + s[k]!, 0) / peerShares.length,
      sector_platforms: peerShares.length,
      sector_platforms_total: peers.length
    }));
  }

  it('gives every platform its shares beside the unweighted mean of its sector’s platforms', async () => {
    for (const pl of platforms) {
      const rows = await run(platformSeverityProfileQuery(pl.platform_id as string));
      const want = expected(pl);
      expect(rows.map(({ platform_share, sector_mean_share, ...rest }) => rest), pl.platform_id as string).toEqual(
        want.map(({ platform_share, sector_mean_share, ...rest }) => rest)
      );
      rows.forEach((row, i) => {
        for (const key of ['platform_share', 'sector_mean_share'] as const) {
          const w = want[i]![key];
          if (w === null) expect(row[key], `${pl.platform_id} ${row.severity} ${key}`).toBeNull();
          else expect(row[key] as number, `${pl.platform_id} ${row.severity} ${key}`).toBeCloseTo(w, 12);
        }
      });
    }
  });

  it('shares add up to one; a platform without provisions has none but its sector still has a mean', async () => {
    const pinwheel = await run(platformSeverityProfileQuery('pinwheel'));
    expect(pinwheel.reduce((s, r) => s + (r.platform_share as number), 0)).toBeCloseTo(1, 12);
    expect(pinwheel.reduce((s, r) => s + (r.sector_mean_share as number), 0)).toBeCloseTo(1, 12);
    const tradewick = await run(platformSeverityProfileQuery('tradewick'));
    expect(tradewick.every((r) => r.platform_share === null && r.platform_provisions === 0)).toBe(true);
    // Marketplace: Bazaarly has provisions, Tradewick none; the mean is Bazaarly's profile, not halved by a zero.
    expect(tradewick[0]).toMatchObject({ sector_platforms: 1, sector_platforms_total: 2 });
    expect(tradewick.reduce((s, r) => s + (r.sector_mean_share as number), 0)).toBeCloseTo(1, 12);
  });

  it('an unknown platform gets rows without numbers', async () => {
    const rows = await run(platformSeverityProfileQuery('nope'));
    expect(rows.map((r) => r.severity)).toEqual(KEYS);
    expect(rows.every((r) => r.platform_share === null && r.sector_mean_share === null && r.sector_platforms_total === 0)).toBe(true);
  });
});
