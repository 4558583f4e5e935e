/**
 * Strips (worst severity per platform over time, one category) against a plain TypeScript reading of the versions:
 * at every instant where something starts or ends, and just before it, the segment holding that instant must show the
 * worst version in force then — or there must be no segment when nothing is in force.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { isInForceAsOf } from '../../src/lib/queries/as-of';
import { SEVERITY_KEYS, severityKey } from '../../src/lib/queries/severity';
import { stripPlatformsQuery, stripSegmentsQuery, STRIP_SORTS, type StripSort, type StripSpec } from '../../src/lib/queries/strips';
import { loadFixture } from '../helpers/fixture';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { arbHistory, fixturePlatforms, fixtureVersions, matches, openVersionsDb, SECTORED_PLATFORMS, type RefPlatform, type RefVersion } from './time-reference';

const run = (db: NodeDb, q: { sql: string; params: readonly unknown[] }) => db.query(q.sql, q.params);
const POS = (s: string | null) => SEVERITY_KEYS.indexOf(severityKey(s));

function relevant(versions: readonly RefVersion[], platforms: readonly RefPlatform[], spec: StripSpec) {
  const start = Date.parse(`${spec.from}T00:00:00Z`);
  const end = Date.parse(`${spec.to}T00:00:00Z`) + 86_400_000;
  const chosen = versions.filter(
    (v) =>
      v.valid_from !== null &&
      v.change_kind !== 'removed' &&
      matches(v, { ...spec.filter, categories: [spec.category] }, platforms) &&
      v.valid_from.getTime() < end &&
      (v.valid_to === null || v.valid_to.getTime() > start)
  );
  return { start, end, chosen };
}

/** The worst version in force at instant t among `list` (ties: lowest record id, then version), and how many are. */
function worstAt(list: readonly RefVersion[], t: number) {
  const live = list
    .filter((v) => v.valid_from!.getTime() <= t && (v.valid_to === null || t < v.valid_to.getTime()))
    .sort((a, b) => POS(a.severity) - POS(b.severity) || (a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0) || a.version - b.version);
  return live.length === 0 ? null : { v: live[0]!, n: live.length };
}

async function checkSegments(db: NodeDb, versions: readonly RefVersion[], platforms: readonly RefPlatform[], spec: StripSpec) {
  const { start, end, chosen } = relevant(versions, platforms, spec);
  const ids = [...new Set(chosen.map((v) => v.platform_id))].sort();
  const rows = await run(db, stripSegmentsQuery(spec, ids));
  for (const id of ids) {
    const mine = chosen.filter((v) => v.platform_id === id);
    const segs = rows.filter((r) => r.platform_id === id).map((r) => ({ row: r, from: (r.seg_from as Date).getTime(), to: (r.seg_to as Date).getTime() }));
    segs.forEach((s, i) => {
      expect(s.from).toBeLessThan(s.to);
      if (i > 0) expect(segs[i - 1]!.to).toBeLessThanOrEqual(s.from);
      expect(s.from).toBeGreaterThanOrEqual(start);
      expect(s.to).toBeLessThanOrEqual(end);
    });
    const instants = new Set<number>([start, end - 1]);
    for (const v of mine) for (const t of [v.valid_from!.getTime(), v.valid_to?.getTime()]) if (t !== undefined) [t - 1, t].forEach((x) => instants.add(x));
    for (const t of instants) {
      if (t < start || t >= end) continue;
      const want = worstAt(mine, t);
      const seg = segs.find((s) => s.from <= t && t < s.to);
      if (!want) {
        expect(seg, `${id} at ${new Date(t).toISOString()}: nothing in force`).toBeUndefined();
        continue;
      }
      expect(seg, `${id} at ${new Date(t).toISOString()}`).toBeDefined();
      expect({ record_id: seg!.row.record_id, version: seg!.row.version, severity: seg!.row.severity, in_force: seg!.row.in_force }).toEqual({
        record_id: want.v.record_id,
        version: want.v.version,
        severity: want.v.severity,
        in_force: want.n
      });
      expect(seg!.row.valid_from).toEqual(want.v.valid_from);
      expect(seg!.row.valid_to).toEqual(want.v.valid_to);
    }
  }
  return rows;
}

function expectedPlatforms(versions: readonly RefVersion[], platforms: readonly RefPlatform[], spec: StripSpec, sort: StripSort) {
  const { start, end, chosen } = relevant(versions, platforms, spec);
  const ids = [...new Set(chosen.map((v) => v.platform_id))];
  const rows = ids.map((id) => {
    const mine = chosen.filter((v) => v.platform_id === id);
    const p = platforms.find((x) => x.platform_id === id)!;
    const changes = mine.flatMap((v) => [v.valid_from!.getTime(), v.valid_to?.getTime() ?? -1]).filter((t) => t >= start && t < end);
    const atEnd = mine.filter((v) => isInForceAsOf(v, spec.to)).sort((a, b) => POS(a.severity) - POS(b.severity));
    return {
      platform_id: id,
      name: p.name,
      sector: p.sector,
      provisions: new Set(mine.map((v) => v.record_id)).size,
      first_at: new Date(Math.min(...mine.map((v) => v.valid_from!.getTime()))),
      last_change: changes.length ? new Date(Math.max(...changes)) : null,
      worst_at_end: atEnd.length ? severityKey(atEnd[0]!.severity) : null,
      in_force_at_end: atEnd.length,
      platforms: ids.length
    };
  });
  const by = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    const name = a.name < b.name ? -1 : a.name > b.name ? 1 : a.platform_id < b.platform_id ? -1 : 1;
    const worst = (r: typeof a) => (r.in_force_at_end === 0 ? SEVERITY_KEYS.length : SEVERITY_KEYS.indexOf(r.worst_at_end!));
    switch (sort) {
      case 'name':
        return name;
      case 'first':
        return a.first_at.getTime() - b.first_at.getTime() || name;
      case 'worst':
        return worst(a) - worst(b) || name;
      case 'changed':
        return (b.last_change?.getTime() ?? -Infinity) - (a.last_change?.getTime() ?? -Infinity) || name;
    }
  };
  return rows.sort(by);
}

describe('strips over the fixture export', () => {
  let fixture: LoadedExport;
  const versions = fixtureVersions();
  const platforms = fixturePlatforms();
  beforeAll(async () => {
    fixture = await loadFixture();
  });
  afterAll(() => fixture?.db.close());

  const specs: StripSpec[] = [
    { category: 'data_sharing', filter: { platforms: ALL_PLATFORMS, severities: [] }, from: '2019-01-01', to: '2026-10-01' },
    { category: 'ai_training_data', filter: { platforms: ALL_PLATFORMS, severities: [] }, from: '2023-06-01', to: '2025-06-30' },
    { category: 'data_sharing', filter: { platforms: { ...ALL_PLATFORMS, sectors: ['Social media'] }, severities: ['medium', 'critical'] }, from: '2022-06-30', to: '2024-01-01' },
    { category: 'automated_decisions', filter: { platforms: { ...ALL_PLATFORMS, platforms: ['murmurly', 'kestrelgram'] }, severities: [] }, from: '2019-01-01', to: '2026-10-01' }
  ];

  for (const spec of specs) {
    it(`segments: ${spec.category} ${spec.from} … ${spec.to} ${JSON.stringify(spec.filter)}`, async () => {
      const rows = await checkSegments(fixture.db, versions, platforms, spec);
      expect(rows.length).toBeGreaterThan(0);
    });
    for (const sort of STRIP_SORTS) {
      it(`platforms by ${sort}: ${spec.category} ${spec.from} … ${spec.to}`, async () => {
        const all = await run(fixture.db, stripPlatformsQuery(spec, sort, { limit: 100, offset: 0 }));
        expect(all).toEqual(expectedPlatforms(versions, platforms, spec, sort));
        const paged = [
          ...(await run(fixture.db, stripPlatformsQuery(spec, sort, { limit: 2, offset: 0 }))),
          ...(await run(fixture.db, stripPlatformsQuery(spec, sort, { limit: 2, offset: 2 }))),
          ...(await run(fixture.db, stripPlatformsQuery(spec, sort, { limit: 2, offset: 4 })))
        ];
        expect(paged).toEqual(all.slice(0, 6));
      });
    }
  }

  it('shows pinwheel at its worst: FX-P-024 (critical) until its removal, then FX-P-018 (high)', async () => {
    const spec = specs[0]!;
    const rows = await run(fixture.db, stripSegmentsQuery(spec, ['pinwheel']));
    const at = (iso: string) => rows.find((r) => (r.seg_from as Date) <= new Date(iso) && new Date(iso) < (r.seg_to as Date));
    expect(at('2022-06-29T23:59:59Z')).toMatchObject({ record_id: 'FX-P-024', severity: 'critical' });
    expect(at('2022-06-30T00:00:00Z')).toMatchObject({ record_id: 'FX-P-018', severity: 'high', version: 2 });
  });
});

describe('strips over random histories', () => {
  it('match the worst version in force at every boundary instant', async () => {
    const arbSpec = fc.record({
      category: fc.constantFrom('cat_a', 'cat_b'),
      from: fc.constantFrom('2019-12-31', '2020-01-01', '2020-03-01', '2023-12-31'),
      days: fc.integer({ min: 0, max: 1600 }),
      severities: fc.subarray([...SEVERITY_KEYS], { maxLength: 3 }),
      sort: fc.constantFrom(...STRIP_SORTS)
    });
    await fc.assert(
      fc.asyncProperty(arbHistory, arbSpec, async (versions, s) => {
        const to = new Date(Date.parse(`${s.from}T00:00:00Z`) + s.days * 86_400_000).toISOString().slice(0, 10);
        const spec: StripSpec = { category: s.category, filter: { platforms: ALL_PLATFORMS, severities: s.severities }, from: s.from, to };
        const db = await openVersionsDb(versions);
        try {
          await checkSegments(db, versions, SECTORED_PLATFORMS, spec);
          expect(await run(db, stripPlatformsQuery(spec, s.sort, { limit: 10, offset: 0 }))).toEqual(expectedPlatforms(versions, SECTORED_PLATFORMS, spec, s.sort));
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 }
    );
  });

  it('an empty page of platforms asks for nothing', async () => {
    const db = await openVersionsDb([]);
    try {
      const spec: StripSpec = { category: 'cat_a', filter: { platforms: ALL_PLATFORMS, severities: [] }, from: '2020-01-01', to: '2020-02-01' };
      expect(await run(db, stripSegmentsQuery(spec, []))).toEqual([]);
      expect(await run(db, stripPlatformsQuery(spec, 'name', { limit: 10, offset: 0 }))).toEqual([]);
      expect(() => stripPlatformsQuery(spec, 'size' as never, { limit: 10, offset: 0 })).toThrow();
    } finally {
      db.close();
    }
  });
});
