/**
 * The compare view's SQL over the fixture export (real Parquet through the export builder), checked against a plain
 * TypeScript computation over the fixture's JSON Lines records: every category, as-of days on version boundaries,
 * platforms with no provision, unrated severities, several provisions of one platform in one category, and every
 * kind of platform and severity filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import type { SeverityKey } from '../../src/lib/queries/severity';
import {
  compareCategoriesQuery,
  compareQuery,
  historyRangeQuery,
  loadCompare,
  platformOptionsQuery,
  type CompareFilter
} from '../../src/lib/queries/compare';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY, expectedCompare, flattenCompare, type PlatformPick } from './compare-expected';

let fixture: LoadedExport;
const rows = (t: Parameters<typeof fixtureRows>[0]) => fixtureRows(t);
const CATEGORIES = fixtureRows<{ category_id: string }>('categories').map((c) => c.category_id);
const TODAY = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fixture = await loadFixture();
});
afterAll(() => fixture?.db.close());

function filter(category: string, asOf: string | null = null, platforms: PlatformPick = ANY, severities: SeverityKey[] = []): CompareFilter {
  return { category, asOf, platforms, severities };
}

/** The flat rows of the query. */
async function run(f: CompareFilter) {
  const q = compareQuery(f);
  return fixture.db.query(q.sql, q.params);
}

/** One row per platform, with its provisions as aligned lists (the shape of the plain reference). */
async function grouped(f: CompareFilter) {
  const list = <T>(items: T[]) => (items.length === 0 ? null : items);
  return (await loadCompare(nodeDbAdapter(fixture.db), f)).map((r) => ({
    platform_id: r.platform_id,
    platform_name: r.platform_name,
    sector: r.sector,
    jurisdiction: r.jurisdiction,
    provisions: r.provisions,
    worst_severity: r.worst_severity,
    record_ids: list(r.items.map((i) => i.record_id)),
    titles: list(r.items.map((i) => i.title)),
    severities: list(r.items.map((i) => (i.severity === 'unrated' ? null : i.severity))),
    clause_texts: list(r.items.map((i) => i.clause_text)),
    document_ids: list(r.items.map((i) => i.document_id)),
    document_titles: list(r.items.map((i) => i.document_title)),
    doc_types: list(r.items.map((i) => i.doc_type)),
    document_last_updated: list(r.items.map((i) => i.document_last_updated)),
    first_tracked: list(r.items.map((i) => i.first_tracked)),
    last_verified: list(r.items.map((i) => i.last_verified)),
    provenance: list(r.items.map((i) => i.provenance))
  }));
}

const reference = (f: CompareFilter) =>
  expectedCompare(rows, { ...f, platforms: { ...f.platforms } as PlatformPick, severities: [...f.severities] });
const flatReference = (f: CompareFilter) => flattenCompare(reference(f));

describe('compareQuery today', () => {
  it.each(CATEGORIES)('%s: one row per platform, as the records say', async (category) => {
    expect(await run(filter(category))).toEqual(flatReference(filter(category)));
    const got = await grouped(filter(category));
    expect(got).toEqual(reference(filter(category)));
    expect(got).toHaveLength(fixtureRows('platforms').length);
  });

  it('lists platforms without a provision as rows with nothing in them, last', async () => {
    const got = await grouped(filter('ai_training_data'));
    const absent = got.filter((r) => r.provisions === 0).map((r) => r.platform_id);
    expect(absent).toEqual(['bazaarly', 'kestrelgram', 'tradewick']);
    expect(got.slice(-3).map((r) => r.platform_id)).toEqual(absent);
    expect(got.at(-1)).toMatchObject({ worst_severity: null, record_ids: null, titles: null });
  });

  it('a category nobody has gives every platform as absent', async () => {
    const got = await grouped(filter('biometric_data'));
    expect(got.every((r) => r.provisions === 0 && r.worst_severity === null)).toBe(true);
  });

  it('several provisions of one platform: worst first, lists aligned, removed ones left out', async () => {
    const pinwheel = (await grouped(filter('data_sharing'))).find((r) => r.platform_id === 'pinwheel')!;
    expect(pinwheel.record_ids).toEqual(['FX-P-018', 'FX-P-019', 'FX-P-020']); // FX-P-024 (critical) was removed
    expect(pinwheel.severities).toEqual(['high', 'medium', 'low']);
    expect(pinwheel.worst_severity).toBe('high');
    expect(pinwheel.document_ids).toEqual(['FX-D-008', 'FX-D-009', 'FX-D-009']);
  });

  it('an unrated provision is unrated, not absent', async () => {
    const murmurly = (await grouped(filter('automated_decisions'))).find((r) => r.platform_id === 'murmurly')!;
    expect(murmurly).toMatchObject({ provisions: 1, worst_severity: 'unrated', severities: [null] });
    const bazaarly = (await grouped(filter('data_retention'))).find((r) => r.platform_id === 'bazaarly')!;
    expect(bazaarly.severities).toEqual(['high', null]); // rated beats unrated
    expect(bazaarly.worst_severity).toBe('high');
  });
});

describe('compareQuery as of a day', () => {
  // Days around version boundaries in the fixture (tests/fixtures/small/README.md).
  const DAYS = [
    '2019-01-01', // before anything was tracked
    '2019-12-31',
    '2020-01-01', // FX-P-034 v2 starts at midnight
    '2022-06-29',
    '2022-06-30', // FX-P-024 removed at midnight (valid_to)
    '2023-12-31',
    '2024-01-01', // FX-P-003 severity lowered at midnight of the new year
    '2024-02-28',
    '2024-02-29', // FX-P-001 v2 on the leap day
    '2024-07-31',
    '2024-08-01', // FX-P-009 removed
    '2025-06-10',
    TODAY
  ];
  for (const category of CATEGORIES) {
    it.each(DAYS)(`${category} as of %s`, async (day) => {
      expect(await run(filter(category, day))).toEqual(flatReference(filter(category, day)));
      expect(await grouped(filter(category, day))).toEqual(reference(filter(category, day)));
    });
  }

  it('a version boundary moves the severity on exactly that day', async () => {
    const at = async (day: string) => (await grouped(filter('data_sharing', day))).find((r) => r.platform_id === 'verbalyn')!;
    expect((await at('2023-12-31')).severities).toEqual(['high']);
    expect((await at('2024-01-01')).severities).toEqual(['medium']);
    const pin = async (day: string) => (await grouped(filter('data_sharing', day))).find((r) => r.platform_id === 'pinwheel')!;
    expect((await pin('2022-06-29')).record_ids).toContain('FX-P-024');
    expect((await pin('2022-06-30')).record_ids).not.toContain('FX-P-024');
  });

  it('compares only the platforms tracked by then: none before tracking began, then one by one', async () => {
    // The fixture has no tracked_since: each platform counts from its first document (pinwheel 2019-03-01, bazaarly
    // 2019-06-01, quillora 2020-02-03, …, tradewick 2024-03-04).
    expect(await grouped(filter('ai_training_data', '2019-01-01'))).toEqual([]);
    expect((await grouped(filter('ai_training_data', '2019-05-31'))).map((r) => r.platform_id)).toEqual(['pinwheel']);
    const june = await grouped(filter('ai_training_data', '2019-06-01'));
    expect(june.map((r) => [r.platform_id, r.provisions])).toEqual([['bazaarly', 0], ['pinwheel', 0]]);
    expect((await grouped(filter('ai_training_data', '2024-03-03'))).map((r) => r.platform_id)).not.toContain('tradewick');
    expect((await grouped(filter('ai_training_data', '2024-03-04'))).map((r) => r.platform_id)).toContain('tradewick');
  });

  it.each(CATEGORIES)('as of today from the history equals the current provisions (%s)', async (category) => {
    expect(await run(filter(category, TODAY))).toEqual(await run(filter(category, null)));
  });
});

describe('compareQuery filters', () => {
  const cases: [string, PlatformPick, SeverityKey[]][] = [
    ['one sector', { ...ANY, sectors: ['Social media'] }, []],
    ['two sectors', { ...ANY, sectors: ['Marketplace', 'Generative AI'] }, []],
    ['jurisdictions', { ...ANY, jurisdictions: ['US', 'DE'] }, []],
    ['name search, any case', { ...ANY, q: 'SMITH' }, []],
    ['id search', { ...ANY, q: 'kestrel' }, []],
    ['search with LIKE characters matches them literally', { ...ANY, q: '%' }, []],
    ['search with an underscore', { ...ANY, q: '_' }, []],
    ['hand-picked platforms', { ...ANY, platforms: ['tradewick', 'pinwheel', 'nonexistent'] }, []],
    ['sector and jurisdiction together', { ...ANY, sectors: ['Generative AI'], jurisdictions: ['US'] }, []],
    ['high and critical only', ANY, ['critical', 'high']],
    ['unrated only', ANY, ['unrated']],
    ['info and unrated', ANY, ['info', 'unrated']],
    ['SQL-ish values are plain values', { ...ANY, sectors: ["x' OR '1'='1"], q: "'; DROP TABLE provisions; --" }, []]
  ];
  for (const category of ['ai_training_data', 'data_sharing', 'data_retention', 'automated_decisions']) {
    it.each(cases)(`${category}: %s`, async (_name, platforms, severities) => {
      expect(await run(filter(category, null, platforms, severities))).toEqual(flatReference(filter(category, null, platforms, severities)));
      expect(await run(filter(category, '2023-06-30', platforms, severities))).toEqual(
        flatReference(filter(category, '2023-06-30', platforms, severities))
      );
    });
  }

  it('a severity filter makes platforms without a matching provision absent', async () => {
    const got = await grouped(filter('data_sharing', null, ANY, ['critical']));
    expect(got.filter((r) => (r.provisions as number) > 0).map((r) => r.platform_id)).toEqual(['bazaarly']);
    expect(got).toHaveLength(fixtureRows('platforms').length);
  });

  it('an unknown category is every platform without a provision, and the tables are untouched', async () => {
    const got = await grouped(filter("nope'; DROP TABLE provisions; --"));
    expect(got.every((r) => r.provisions === 0)).toBe(true);
    expect(await fixture.db.query('SELECT count(*) AS n FROM provisions')).toEqual([{ n: fixtureRows('provisions').length }]);
  });
});

describe('loadCompare', () => {
  it('gives typed rows whose items follow the lists', async () => {
    const f = filter('data_retention', '2024-06-30');
    const typed = await loadCompare(nodeDbAdapter(fixture.db), f);
    const expected = reference(f);
    for (const [i, row] of typed.entries()) {
      const e = expected[i]!;
      expect(row.items.map((x) => x.record_id)).toEqual(e.record_ids ?? []);
      expect(row.items.map((x) => x.severity)).toEqual(((e.severities as (string | null)[]) ?? []).map((s) => s ?? 'unrated'));
      expect(row.worst_severity).toBe(e.worst_severity);
    }
  });
});

describe('picker queries', () => {
  it('categories with the platforms that have them today, by group then name', async () => {
    const q = compareCategoriesQuery();
    const got = await fixture.db.query(q.sql, q.params);
    const active = fixtureRows('provisions').filter((p) => p.status === 'active');
    const expected = fixtureRows('categories')
      .map((c) => ({
        category_id: c.category_id,
        name: c.name,
        group_name: c.group_name ?? null,
        platforms: new Set(active.filter((p) => p.category_id === c.category_id).map((p) => p.platform_id)).size
      }))
      .sort((a, b) => String(a.group_name).localeCompare(String(b.group_name)) || String(a.name).localeCompare(String(b.name)));
    expect(got).toEqual(expected);
  });

  it('platform options by name', async () => {
    const q = platformOptionsQuery();
    const got = await fixture.db.query(q.sql, q.params);
    const expected = fixtureRows('platforms')
      .map((p) => ({ platform_id: p.platform_id, name: p.name, sector: p.sector ?? null, jurisdiction: p.jurisdiction ?? null }))
      .sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
    expect(got).toEqual(expected);
  });

  it('history range is the first and last valid_from day', async () => {
    const q = historyRangeQuery();
    const days = fixtureRows('provision_versions').map((v) => String(v.valid_from).slice(0, 10)).sort();
    expect(await fixture.db.query(q.sql, q.params)).toEqual([{ first_day: days[0], last_day: days.at(-1) }]);
  });
});

describe('a history without clause texts', () => {
  let bare: LoadedExport;
  beforeAll(async () => {
    bare = await loadFixture();
    await bare.db.exec(`UPDATE provision_versions SET clause_text = NULL WHERE record_id = 'FX-P-001'`);
  });
  afterAll(() => bare?.db.close());

  const clauseOf = async (day: string) => {
    const q = compareQuery(filter('ai_training_data', day, { ...ANY, platforms: ['verbalyn'] }));
    return (await bare.db.query(q.sql, q.params)).map((r) => r.clause_text);
  };

  it('shows the current text only for the version still current, and an older wording as unknown', async () => {
    const current = fixtureRows('provisions').find((p) => p.record_id === 'FX-P-001')!.clause_text;
    expect(await clauseOf(TODAY)).toEqual([current]);
    expect(await clauseOf('2024-03-01')).toEqual([null]);
  });
});
