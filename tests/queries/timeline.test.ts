/**
 * The timeline's SQL (delta events + running sums) against the plain as-of rule evaluated bucket by bucket in
 * TypeScript: over the fixture export, and over random histories with instants on and next to bucket boundaries.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { isInForceAsOf } from '../../src/lib/queries/as-of';
import { SEVERITY_KEYS, severityKey } from '../../src/lib/queries/severity';
import {
  historyExtentQuery,
  loadSeverityIndex,
  loadTimeline,
  severityIndexDeltasQuery,
  timelineDeltasQuery,
  type IndexGroup,
  type TimelineSpec
} from '../../src/lib/queries/timeline';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { columnsFromRows, loadVersionIndex } from '../../src/lib/timeline/load-version-index';
import type { VersionIndex } from '../../src/lib/timeline/version-index';
import { NO_FILTER, type VersionFilter } from '../../src/lib/queries/version-filters';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { bucketsFor, GRANULARITIES, type Granularity } from '../../src/lib/timeline/buckets';
import { loadFixture } from '../helpers/fixture';
import {
  arbHistory,
  countBySeverity,
  fixturePlatforms,
  fixtureVersions,
  matches,
  openVersionsDb,
  SECTORED_PLATFORMS,
  type RefPlatform,
  type RefVersion
} from './time-reference';

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function expectedTimeline(versions: readonly RefVersion[], platforms: readonly RefPlatform[], spec: TimelineSpec) {
  const chosen = versions.filter((v) => matches(v, spec.filter, platforms));
  return bucketsFor(spec.from, spec.to, spec.granularity).map((b) => {
    const counts = countBySeverity(chosen.filter((v) => isInForceAsOf(v, b.asOf)));
    return { bucket: b.start, asOf: b.asOf, counts, total: SEVERITY_KEYS.reduce((s, k) => s + counts[k], 0) };
  });
}

function expectedIndex(versions: readonly RefVersion[], platforms: readonly RefPlatform[], spec: TimelineSpec, by: IndexGroup) {
  const chosen = versions.filter((v) => matches(v, spec.filter, platforms));
  const groupOf = (v: RefVersion) => (by === 'platform' ? v.platform_id : (platforms.find((p) => p.platform_id === v.platform_id)?.sector ?? ''));
  // Groups are those with a version that could be in force in the range (as the SQL's first CTE selects them).
  const buckets = bucketsFor(spec.from, spec.to, spec.granularity);
  const firstStart = Date.parse(`${buckets[0]!.start}T00:00:00Z`);
  const end = Date.parse(`${spec.to}T00:00:00Z`) + 86_400_000;
  const candidates = chosen.filter(
    (v) => v.valid_from && v.change_kind !== 'removed' && v.valid_from.getTime() < end && (v.valid_to === null || v.valid_to.getTime() >= firstStart)
  );
  const groups = [...new Set(candidates.map(groupOf))].sort();
  return groups.flatMap((group) =>
    buckets.map((b) => {
      const live = candidates.filter((v) => groupOf(v) === group && isInForceAsOf(v, b.asOf));
      const rated = live.filter((v) => v.severity !== null);
      return {
        group,
        bucket: b.start,
        asOf: b.asOf,
        rated: rated.length,
        unrated: live.length - rated.length,
        index: rated.length === 0 ? null : rated.reduce((s, v) => s + RANK[v.severity!]!, 0) / rated.length
      };
    })
  );
}

const run = (db: NodeDb, q: { sql: string; params: readonly unknown[] }) => db.query(q.sql, q.params);
const timeline = (db: NodeDb, spec: TimelineSpec) => loadTimeline(nodeDbAdapter(db), spec);
const severityIndex = (db: NodeDb, spec: TimelineSpec, by: IndexGroup) => loadSeverityIndex(nodeDbAdapter(db), spec, by);
/** The in-page index over the same database: it must give what the SQL gives. */
const versionIndex = (db: NodeDb) => loadVersionIndex(nodeDbAdapter(db), columnsFromRows(nodeDbAdapter(db)));
const rangeOf = (spec: TimelineSpec) => ({ from: spec.from, to: spec.to, granularity: spec.granularity });

/** Index values to 12 digits: the sums are made in different orders. */
function rounded(rows: readonly object[]): object[] {
  return rows.map((row) => {
    const r = row as { index?: unknown };
    return { ...row, index: typeof r.index === 'number' ? Number(r.index.toFixed(12)) : r.index };
  });
}

describe('timeline over the fixture export', () => {
  let fixture: LoadedExport;
  let index: VersionIndex;
  const versions = fixtureVersions();
  const platforms = fixturePlatforms();
  beforeAll(async () => {
    fixture = await loadFixture();
    index = await versionIndex(fixture.db);
  });
  afterAll(() => fixture?.db.close());

  const filters: [string, VersionFilter][] = [
    ['everything', NO_FILTER],
    ['one category', { ...NO_FILTER, categories: ['ai_training_data'] }],
    ['platforms and severities', { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, platforms: ['pinwheel', 'murmurly'] }, severities: ['high', 'unrated'] }],
    ['a sector', { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, sectors: ['Social media'] } }],
    ['a name search and a jurisdiction', { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, q: 'WHEEL', jurisdictions: ['US', 'DE'] } }]
  ];
  const ranges: [string, string][] = [
    ['2019-01-01', '2026-10-01'], // the whole history, removed provisions included
    ['2023-12-25', '2024-01-08'], // a year end: FX-P-003 v1 ends at 2024-01-01T00:00Z
    ['2024-02-26', '2024-03-04'], // FX-P-001 v2 starts on the leap day
    ['2022-06-29', '2022-07-01'] // FX-P-024 removed at 2022-06-30T00:00Z
  ];

  for (const [name, filter] of filters) {
    for (const g of GRANULARITIES) {
      for (const [from, to] of ranges) {
        it(`${name}, ${g}, ${from} … ${to}`, async () => {
          const spec: TimelineSpec = { filter, from, to, granularity: g };
          const expected = expectedTimeline(versions, platforms, spec);
          expect(await timeline(fixture.db, spec)).toEqual(expected);
          expect(index.timeline(spec.filter, rangeOf(spec))).toEqual(expected);
        });
      }
    }
  }

  it('sees the boundaries it is meant to test (else the cases above prove little)', () => {
    const day = (spec: Omit<TimelineSpec, 'filter'>) => expectedTimeline(versions, platforms, { ...spec, filter: NO_FILTER });
    const yearEnd = day({ from: '2023-12-31', to: '2024-01-01', granularity: 'day' });
    expect(yearEnd[0]!.counts.high - yearEnd[1]!.counts.high).toBeGreaterThan(0); // FX-P-003 re-rated high -> medium at midnight
    const leap = day({ from: '2024-02-28', to: '2024-02-29', granularity: 'day' });
    expect(leap[1]!.counts.high - leap[0]!.counts.high).toBeGreaterThan(0);
    const removal = day({ from: '2022-06-29', to: '2022-06-30', granularity: 'day' });
    expect(removal[0]!.counts.critical - removal[1]!.counts.critical).toBe(1); // FX-P-024 is gone as of the day its removal begins
  });

  it('ends with the current state: the last bucket equals the active provisions by severity', async () => {
    const points = await timeline(fixture.db, { filter: NO_FILTER, from: '2019-01-01', to: '2026-10-01', granularity: 'quarter' });
    const current = await fixture.db.query('SELECT severity, count(*) AS n FROM provisions WHERE status = ? GROUP BY severity', ['active']);
    const last = points.at(-1)!;
    for (const r of current) expect(last.counts[severityKey(r.severity)], String(r.severity)).toBe(r.n);
    expect(last.asOf).toBe('2026-10-01');
  });

  for (const by of ['sector', 'platform'] as const) {
    for (const g of ['day', 'month', 'quarter'] as const) {
      it(`severity index by ${by}, ${g}`, async () => {
        const filter = by === 'platform' ? { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, platforms: ['pinwheel', 'murmurly', 'chattersmith'] } } : NO_FILTER;
        const spec: TimelineSpec = { filter, from: g === 'day' ? '2024-02-20' : '2020-01-01', to: g === 'day' ? '2024-03-10' : '2026-10-01', granularity: g };
        const rows = await severityIndex(fixture.db, spec, by);
        expect(rounded(rows)).toEqual(rounded(expectedIndex(versions, platforms, spec, by)));
        expect(rounded(index.severityIndex(spec.filter, rangeOf(spec), by))).toEqual(rounded(rows));
        // FX-P-026 (murmurly) is unrated throughout: the index must leave it out, not count it as a level.
        expect(rows.some((r) => r.unrated !== 0)).toBe(true);
      });
    }
  }

  it('describes the extent of the history', async () => {
    const [row] = await run(fixture.db, historyExtentQuery());
    const starts = versions.map((v) => v.valid_from!.getTime());
    const ends = versions.flatMap((v) => (v.valid_to ? [v.valid_to.getTime()] : []));
    expect(row).toEqual({
      versions: versions.length,
      undated: 0,
      markers: 0,
      first_day: new Date(Math.min(...starts)).toISOString().slice(0, 10),
      last_day: new Date(Math.max(...starts, ...ends)).toISOString().slice(0, 10)
    });
  });
});

describe('timeline over random histories', () => {
  const arbSpec = fc.record({
    from: fc.constantFrom('2019-12-30', '2020-01-01', '2020-02-29', '2020-03-31', '2020-12-29', '2023-12-31'),
    days: fc.integer({ min: 0, max: 1600 }),
    granularity: fc.constantFrom<Granularity>(...GRANULARITIES),
    severities: fc.subarray([...SEVERITY_KEYS]),
    platforms: fc.constantFrom(ALL_PLATFORMS, { ...ALL_PLATFORMS, sectors: ['Social media'] }, { ...ALL_PLATFORMS, platforms: ['pa', 'pc'] }, { ...ALL_PLATFORMS, jurisdictions: ['US'], q: 'a' }),
    categories: fc.constantFrom([], ['cat_b'])
  });

  it('counts per bucket equal the as-of rule applied to each bucket’s last day', async () => {
    await fc.assert(
      fc.asyncProperty(arbHistory, arbSpec, async (versions, s) => {
        if (s.granularity === 'day' && s.days > 400) s.days = 400;
        const to = new Date(Date.parse(`${s.from}T00:00:00Z`) + s.days * 86_400_000).toISOString().slice(0, 10);
        const spec: TimelineSpec = {
          filter: { categories: s.categories, platforms: s.platforms, severities: s.severities },
          from: s.from,
          to,
          granularity: s.granularity
        };
        const db = await openVersionsDb(versions);
        try {
          const expected = expectedTimeline(versions, SECTORED_PLATFORMS, spec);
          expect(await timeline(db, spec)).toEqual(expected);
          const expectedIdx = rounded(expectedIndex(versions, SECTORED_PLATFORMS, spec, 'sector'));
          expect(rounded(await severityIndex(db, spec, 'sector'))).toEqual(expectedIdx);
          const index = await versionIndex(db);
          expect(index.timeline(spec.filter, rangeOf(spec))).toEqual(expected);
          expect(rounded(index.severityIndex(spec.filter, rangeOf(spec), 'sector'))).toEqual(expectedIdx);
          const byPlatform = rounded(expectedIndex(versions, SECTORED_PLATFORMS, spec, 'platform'));
          expect(rounded(index.severityIndex(spec.filter, rangeOf(spec), 'platform'))).toEqual(byPlatform);
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 }
    );
  });

  it('counts nothing for unknown starts and removal markers, and an export with only those', async () => {
    const only: RefVersion[] = [
      { record_id: 'R-1', version: 1, platform_id: 'pa', category_id: 'cat_a', severity: 'high', valid_from: null, valid_to: null, change_kind: 'added', clause_sha256: null, clause_text: null },
      { record_id: 'R-2', version: 1, platform_id: 'pa', category_id: 'cat_a', severity: 'high', valid_from: new Date('2020-01-01T00:00:00Z'), valid_to: null, change_kind: 'removed', clause_sha256: null, clause_text: null }
    ];
    const db = await openVersionsDb(only);
    try {
      const points = await timeline(db, { filter: NO_FILTER, from: '2019-12-30', to: '2020-01-05', granularity: 'day' });
      expect(points.map((r) => r.total)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(await run(db, timelineDeltasQuery({ filter: NO_FILTER, from: '2019-12-30', to: '2020-01-05', granularity: 'day' }))).toEqual([]);
      expect(await severityIndex(db, { filter: NO_FILTER, from: '2019-12-30', to: '2020-01-05', granularity: 'day' }, 'sector')).toEqual([]);
      expect((await run(db, historyExtentQuery()))[0]).toMatchObject({ versions: 2, undated: 1, markers: 1 });
    } finally {
      db.close();
    }
  });
});

describe('timeline query input', () => {
  it('binds every value and refuses what is not a granularity or a range', () => {
    const q = timelineDeltasQuery({ filter: { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, q: "x'; DROP TABLE provisions; --" } }, from: '2024-01-01', to: '2024-02-01', granularity: 'month' });
    expect(q.sql).not.toContain('DROP');
    expect(() => timelineDeltasQuery({ filter: NO_FILTER, from: '2024-01-01', to: '2024-02-01', granularity: 'year' as never })).toThrow(/granularity/);
    expect(() => timelineDeltasQuery({ filter: NO_FILTER, from: '2024-02-01', to: '2024-01-01', granularity: 'day' })).toThrow(/before it starts/);
    expect(() => severityIndexDeltasQuery({ filter: NO_FILTER, from: '2024-01-01', to: '2024-02-01', granularity: 'day' }, 'document' as never)).toThrow();
  });
});
