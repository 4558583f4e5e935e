/**
 * The change feed's SQL against the same rules written in plain TypeScript (changes-reference.ts), over the fixture
 * and over random histories with gaps, removal markers, unknown starts and missing hashes; plus the fixture's
 * documented raises, lowerings and removals, read from its README rather than derived.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import {
  CHANGE_KINDS,
  changeNeighboursQuery,
  changesCountQuery,
  changeSummaryQuery,
  changesQuery,
  type ChangeKind,
  type ChangeSpec
} from '../../src/lib/queries/changes';
import { SEVERITY_KEYS } from '../../src/lib/queries/severity';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { expectedChanges } from './changes-reference';
import { arbHistory, fixturePlatforms, fixtureVersions, openVersionsDb, SECTORED_PLATFORMS, type RefPlatform, type RefVersion } from './time-reference';

const run = (db: NodeDb, q: { sql: string; params: readonly unknown[] }) => db.query(q.sql, q.params);

/**
 * Where the nearest changes are, the plain way: the feed of the whole history with the spec's filters and kinds, then
 * the UTC day of the last change before the period and of the first one after it.
 */
function expectedNeighbours(versions: readonly RefVersion[], platforms: readonly RefPlatform[], spec: ChangeSpec) {
  const everything = expectedChanges(versions, platforms, new Map(), { ...spec, from: '1900-01-01', to: '2999-12-31' });
  const start = Date.parse(`${spec.from}T00:00:00Z`);
  const end = Date.parse(`${spec.to}T00:00:00Z`) + 86_400_000;
  const day = (d: Date | undefined) => (d === undefined ? null : d.toISOString().slice(0, 10));
  const times = everything.map((c) => c.changed_at).sort((a, b) => a.getTime() - b.getTime());
  return {
    before_day: day(times.filter((t) => t.getTime() < start).at(-1)),
    after_day: day(times.find((t) => t.getTime() >= end))
  };
}

/** The fields both sides have, in one shape. */
function core(r: object) {
  const x = r as Record<string, unknown>;
  return {
    changed_at: (x.changed_at as Date).toISOString(),
    kind: x.kind,
    record_id: x.record_id,
    version: x.version,
    platform_id: x.platform_id,
    category_id: x.category_id,
    old_severity: x.old_severity,
    new_severity: x.new_severity,
    text_changed: x.text_changed,
    recorded_change_kind: x.recorded_change_kind
  };
}

describe('change feed over the fixture export', () => {
  let fixture: LoadedExport;
  const versions = fixtureVersions();
  const platforms = fixturePlatforms();
  const categoryNames = new Map(fixtureRows<{ category_id: string; name: string }>('categories').map((c) => [c.category_id, c.name]));
  const titles = new Map(fixtureRows<{ record_id: string; title: string }>('provisions').map((p) => [p.record_id, p.title]));
  beforeAll(async () => {
    fixture = await loadFixture();
  });
  afterAll(() => fixture?.db.close());

  const all: ChangeSpec = { filter: NO_FILTER, from: '2019-01-01', to: '2026-10-01', kinds: [] };
  const specs: [string, ChangeSpec][] = [
    ['everything', all],
    ['one category, raised or lowered', { ...all, filter: { ...NO_FILTER, categories: ['data_sharing'] }, kinds: ['raised', 'lowered'] }],
    ['a sector, text changes (with or without a severity move)', { ...all, filter: { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, sectors: ['Generative AI'] } }, kinds: ['text_changed'] }],
    ['platforms, involving critical or unrated', { ...all, filter: { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, platforms: ['pinwheel', 'murmurly'] }, severities: ['critical', 'unrated'] } }],
    ['one UTC day holding a removal at midnight', { ...all, from: '2022-06-30', to: '2022-06-30' }],
    ['the day before it: nothing', { ...all, from: '2022-06-29', to: '2022-06-29' }],
    ['the leap day', { ...all, from: '2024-02-29', to: '2024-02-29' }],
    ['a year end', { ...all, from: '2023-12-31', to: '2024-01-01' }]
  ];

  for (const [name, spec] of specs) {
    it(name, async () => {
      const rows = await run(fixture.db, changesQuery(spec));
      const expected = expectedChanges(versions, platforms, categoryNames, spec);
      expect(rows.map(core)).toEqual(expected.map(core));
      for (const r of rows) {
        expect(r.title).toBe(titles.get(r.record_id as string));
        expect(r.day).toBe((r.changed_at as Date).toISOString().slice(0, 10));
        expect(r.platform_name).toBe(platforms.find((p) => p.platform_id === r.platform_id)!.name);
        expect(r.category_name).toBe(categoryNames.get(r.category_id as string));
      }
      expect(await run(fixture.db, changesCountQuery(spec))).toEqual([{ changes: rows.length }]);
    });
  }

  it('the pages of the feed put together are the feed', async () => {
    const whole = await run(fixture.db, changesQuery(all));
    const pages = [];
    for (let offset = 0; offset < whole.length; offset += 7) pages.push(...(await run(fixture.db, changesQuery(all, { limit: 7, offset }))));
    expect(pages).toEqual(whole);
    expect(whole.length).toBeGreaterThan(40);
  });

  it('finds the raises, lowerings and removals the fixture documents', async () => {
    const rows = await run(fixture.db, changesQuery(all));
    const recordsOf = (kind: ChangeKind) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.record_id))].sort();
    // tests/fixtures/small/README.md: raised FX-P-001, -011, -018, -030; lowered FX-P-003, -007, -022, -036.
    expect(recordsOf('raised')).toEqual(expect.arrayContaining(['FX-P-001', 'FX-P-011', 'FX-P-018', 'FX-P-030']));
    expect(recordsOf('lowered')).toEqual(expect.arrayContaining(['FX-P-003', 'FX-P-007', 'FX-P-022', 'FX-P-036']));
    // Removed provisions: status 'removed', removed_at = the end of the last version.
    const removed = fixtureRows<{ record_id: string; status: string; removed_at: string | null }>('provisions').filter((p) => p.status === 'removed');
    expect(removed.length).toBe(2);
    for (const p of removed) {
      const event = rows.find((r) => r.record_id === p.record_id && r.kind === 'removed');
      expect(event, p.record_id).toBeDefined();
      expect((event!.changed_at as Date).getTime()).toBe(new Date(p.removed_at!).getTime());
      expect(event!.new_severity).toBeNull();
    }
    // Re-rated with the same text: a severity change, and the text is known not to have changed.
    expect(rows.find((r) => r.record_id === 'FX-P-018' && r.version === 2)).toMatchObject({ kind: 'raised', old_severity: 'medium', new_severity: 'high', text_changed: false });
    // Unrated throughout, reworded: a text change between two unrated versions.
    expect(rows.find((r) => r.record_id === 'FX-P-026' && r.version === 2)).toMatchObject({ kind: 'text_changed', old_severity: 'unrated', new_severity: 'unrated', text_changed: true });
    expect(rows.find((r) => r.record_id === 'FX-P-001' && r.version === 1)).toMatchObject({ kind: 'added', old_severity: null, new_severity: 'medium', text_changed: null });
  });

  it('finds the nearest changes around an empty period, with the filters and kinds', async () => {
    const empty: [ChangeSpec, { before_day: string | null; after_day: string | null }][] = [
      // The fixture's history: first version 2019-03-01 (pinwheel), last change 2025-09-01 (verbalyn).
      [{ ...all, from: '2026-01-01', to: '2026-10-01' }, { before_day: '2025-09-01', after_day: null }],
      [{ ...all, from: '2010-01-01', to: '2018-12-31' }, { before_day: null, after_day: '2019-03-01' }],
      [{ ...all, from: '2022-06-29', to: '2022-06-29' }, expectedNeighbours(versions, platforms, { ...all, from: '2022-06-29', to: '2022-06-29' })],
      [{ ...all, filter: { ...NO_FILTER, categories: ['biometric_data'] } }, { before_day: null, after_day: null }]
    ];
    for (const [spec, expected] of empty) {
      expect(await run(fixture.db, changesCountQuery(spec)), JSON.stringify(spec)).toEqual([{ changes: 0 }]);
      const got = await run(fixture.db, changeNeighboursQuery(spec));
      expect(got, JSON.stringify(spec)).toEqual([expected]);
      expect(got[0]).toEqual(expectedNeighbours(versions, platforms, spec));
    }
    // The day before the removal at midnight of 2022-06-30 is empty; the next change is that removal.
    expect(empty[2]![1].after_day).toBe('2022-06-30');
    // Filters and kinds narrow the search: the last raise in data_sharing, not the last change of all.
    const raises: ChangeSpec = { ...all, from: '2026-01-01', to: '2026-10-01', filter: { ...NO_FILTER, categories: ['data_sharing'] }, kinds: ['raised'] };
    const got = await run(fixture.db, changeNeighboursQuery(raises));
    expect(got).toEqual([expectedNeighbours(versions, platforms, raises)]);
    expect(got[0]!.before_day).not.toBe('2025-09-01');
  });

  it('summarises raised vs lowered by category, whatever the kind filter', async () => {
    const spec: ChangeSpec = { ...all, kinds: ['added'] };
    const rows = await run(fixture.db, changeSummaryQuery(spec));
    const feed = expectedChanges(versions, platforms, categoryNames, spec, { withKinds: false });
    type Counts = { raised: number; lowered: number; added: number; removed: number; text_changed: number; changes: number };
    const byCategory = new Map<string, Counts>();
    for (const c of feed) {
      const s = byCategory.get(c.category_id) ?? { raised: 0, lowered: 0, added: 0, removed: 0, text_changed: 0, changes: 0 };
      if (c.kind === 'raised' || c.kind === 'lowered' || c.kind === 'added' || c.kind === 'removed') s[c.kind]++;
      if (c.text_changed) s.text_changed++;
      s.changes++;
      byCategory.set(c.category_id, s);
    }
    const expected = [...byCategory.entries()]
      .map(([category_id, s]) => ({ category_id, category_name: categoryNames.get(category_id)!, ...s }))
      .sort((a, b) => b.raised - a.raised || b.lowered - a.lowered || b.changes - a.changes || a.category_name.localeCompare(b.category_name));
    expect(rows).toEqual(expected);
    expect(rows.reduce((s, r) => s + (r.raised as number), 0)).toBeGreaterThan(0);
  });
});

describe('change feed over random histories', () => {
  it('equals the plain rules: gaps, markers, unknown starts, missing hashes', async () => {
    const arbSpec = fc.record({
      from: fc.constantFrom('2019-12-31', '2020-01-01', '2020-02-29', '2023-12-31'),
      days: fc.integer({ min: 0, max: 2000 }),
      kinds: fc.subarray([...CHANGE_KINDS]),
      severities: fc.subarray([...SEVERITY_KEYS], { maxLength: 2 }),
      platforms: fc.constantFrom(ALL_PLATFORMS, { ...ALL_PLATFORMS, sectors: ['Social media'] }, { ...ALL_PLATFORMS, q: 'et' })
    });
    await fc.assert(
      fc.asyncProperty(arbHistory, arbSpec, async (versions, s) => {
        const to = new Date(Date.parse(`${s.from}T00:00:00Z`) + s.days * 86_400_000).toISOString().slice(0, 10);
        const spec: ChangeSpec = { filter: { ...NO_FILTER, severities: s.severities, platforms: s.platforms }, from: s.from, to, kinds: s.kinds };
        const db = await openVersionsDb(versions);
        try {
          const rows = await run(db, changesQuery(spec));
          const expected = expectedChanges(versions, SECTORED_PLATFORMS, new Map(), spec);
          // No categories table rows here: names are null in SQL and '' in the reference; order by the rest.
          const key = (r: ReturnType<typeof core>) => JSON.stringify(r);
          expect(rows.map(core).map(key).sort()).toEqual(expected.map(core).map(key).sort());
          expect(rows.map((r) => (r.changed_at as Date).getTime())).toEqual(expected.map((r) => r.changed_at.getTime()));
          expect(await run(db, changeNeighboursQuery(spec))).toEqual([expectedNeighbours(versions, SECTORED_PLATFORMS, spec)]);
        } finally {
          db.close();
        }
      }),
      { numRuns: 80 }
    );
  });
});

describe('changesQuery input', () => {
  it('refuses unknown kinds, reversed ranges and bad pages; binds values', () => {
    const spec: ChangeSpec = { filter: { ...NO_FILTER, categories: ["'); DROP TABLE x; --"] }, from: '2024-01-01', to: '2024-02-01', kinds: [] };
    expect(changesQuery(spec).sql).not.toContain('DROP');
    expect(() => changesQuery({ ...spec, kinds: ['deleted' as never] })).toThrow(/change kind/);
    expect(() => changesQuery({ ...spec, from: '2024-03-01' })).toThrow(/before it starts/);
    expect(() => changesQuery({ ...spec, from: '2024-02-30' })).toThrow();
    expect(() => changesQuery(spec, { limit: 0, offset: 0 })).toThrow(/page/);
  });
});

describe('the feed’s download columns', () => {
  it('are the query’s columns, in its order', async () => {
    const { CHANGE_EXPORT_COLUMNS } = await import('../../src/lib/changes/feed');
    const { CHANGE_COLUMNS } = await import('../../src/lib/queries/changes');
    expect(CHANGE_EXPORT_COLUMNS.map((c) => c.key)).toEqual([...CHANGE_COLUMNS]);
  });
});
