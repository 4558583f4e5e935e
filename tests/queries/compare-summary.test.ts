/**
 * What the compare view says besides the table (coverage, platforms per worst severity, per sector), and the URL
 * schema of the view, over the rows of the real query on the fixture, checked against counts made by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { coverage, standingCounts, standingsBySector } from '../../src/lib/compare/summary';
import { compareParams } from '../../src/lib/compare/params';
import { defaultCategory } from '../../src/lib/compare/CompareModel.svelte';
import { loadCompare, type ComparePlatformRow } from '../../src/lib/queries/compare';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY } from './compare-expected';

let fixture: LoadedExport;
let rows: ComparePlatformRow[];

beforeAll(async () => {
  fixture = await loadFixture();
  rows = await loadCompare(nodeDbAdapter(fixture.db), { category: 'ai_training_data', asOf: null, platforms: ANY, severities: [] });
});
afterAll(() => fixture?.db.close());

describe('coverage and standings of ai_training_data today', () => {
  // By hand from tests/fixtures/small: verbalyn critical (FX-P-001); quillora high (FX-P-006) + info (FX-P-039);
  // chattersmith high (FX-P-011) + medium (FX-P-012); pinwheel critical (FX-P-017); murmurly high (FX-P-025);
  // kestrelgram, bazaarly and tradewick have none.
  it('found in 5 of 8, the other three named', () => {
    const c = coverage(rows);
    expect(c).toMatchObject({ found: 5, total: 8, share: 5 / 8 });
    expect(c.absent.map((p) => p.platform_id)).toEqual(['bazaarly', 'kestrelgram', 'tradewick']);
  });

  it('platforms per worst severity', () => {
    expect(standingCounts(rows)).toEqual({ critical: 2, high: 3, medium: 0, low: 0, info: 0, unrated: 0, none: 3 });
  });

  it('per sector, most platforms first', () => {
    expect(standingsBySector(rows)).toEqual([
      { sector: 'Generative AI', total: 3, counts: { critical: 1, high: 2, medium: 0, low: 0, info: 0, unrated: 0, none: 0 } },
      { sector: 'Social media', total: 3, counts: { critical: 1, high: 1, medium: 0, low: 0, info: 0, unrated: 0, none: 1 } },
      { sector: 'Marketplace', total: 2, counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0, unrated: 0, none: 2 } }
    ]);
  });

  it('every platform is counted once, whatever its number of provisions', () => {
    const total = Object.values(standingCounts(rows)).reduce((a, b) => a + b, 0);
    expect(total).toBe(fixtureRows('platforms').length);
  });
});

describe('an unrated-only platform stands as unrated', () => {
  it('automated_decisions: murmurly is unrated, bazaarly and tradewick none', async () => {
    const r = await loadCompare(nodeDbAdapter(fixture.db), { category: 'automated_decisions', asOf: null, platforms: ANY, severities: [] });
    expect(standingCounts(r)).toMatchObject({ unrated: 1, none: 2 });
  });
});

describe('defaultCategory', () => {
  it('is the category found in the most platforms, the first of a tie', () => {
    const c = (category_id: string, count: number) => ({ category_id, name: category_id, group_name: null, count });
    expect(defaultCategory([c('a', 2), c('b', 5), c('c', 5)])?.category_id).toBe('b');
    expect(defaultCategory([])).toBeNull();
  });
});

describe('compare URL', () => {
  it('reads a full link and writes it back the same', () => {
    const search = new URLSearchParams(
      'category=ai_training_data&asOf=2024-02-29&sector=Social%20media&sector=Generative%20AI&jurisdiction=US&q=chat&platform=pinwheel&severity=unrated&severity=critical&sort=-last_verified&page=3&showEmpty=true'
    );
    const { value, notes } = compareParams.parse(search);
    expect(notes).toEqual([]);
    expect(value).toEqual({
      category: 'ai_training_data',
      asOf: '2024-02-29',
      sector: ['Generative AI', 'Social media'],
      jurisdiction: ['US'],
      q: 'chat',
      platform: ['pinwheel'],
      severity: ['critical', 'unrated'],
      sort: { column: 'last_verified', direction: 'desc' },
      page: 3,
      showEmpty: true
    });
    expect(compareParams.parse(compareParams.serialize(value)).value).toEqual(value);
  });

  it('ignores tampered values with a note each, and keeps the rest', () => {
    const search = new URLSearchParams(
      "category=x'%20OR%201=1&asOf=2023-02-30&severity=urgent&sort=-password&page=-1&platform=a%20b&sector=%00bad&utm_source=mail&q=ok"
    );
    const { value, notes } = compareParams.parse(search);
    expect(value).toEqual({ ...compareParams.defaults, q: 'ok' });
    expect(notes).toHaveLength(8);
    for (const key of ['category', 'asOf', 'severity', 'sort', 'page', 'platform', 'sector', 'utm_source']) {
      expect(notes.some((n) => n.startsWith(`Ignored ${key}=`)), key).toBe(true);
    }
  });
});
