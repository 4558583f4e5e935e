/**
 * The CSVs of the charts and summaries (`view-tables.ts`): each file, read back with an independent CSV reader, holds
 * the numbers a plain TypeScript reading of the same rows gives — over the fixture export through the app's own
 * queries (overview, change summary, the matrix cell panel with its citations), and over random inputs with awkward
 * text (quotes, commas, leading "=") for every builder.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { rowsToCsv } from '../../src/lib/export/csv';
import { needsFormulaGuard } from '../../src/lib/export/formula-guard';
import {
  categoryCoverageExport,
  cellProvisionsExport,
  changeSummaryExport,
  searchCountsExport,
  severityBreakdownExport,
  severityByCategoryExport,
  severityIndexExport,
  standingExport,
  stripsExport,
  tableRowsExport,
  type TableExport
} from '../../src/lib/export/view-tables';
import { loadOverview } from '../../src/lib/queries/overview';
import { changeSummaryQuery, type ChangeSpec } from '../../src/lib/queries/changes';
import { readSummary, type CategorySummary } from '../../src/lib/changes/feed';
import { loadCellProvisions } from '../../src/lib/queries/matrix';
import { loadCitations } from '../../src/lib/citations/load-citations';
import type { CitationRecord } from '../../src/lib/citations/record';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import type { CategorySeverity } from '../../src/lib/queries/overview-data';
import type { TimelinePoint, IndexPoint } from '../../src/lib/timeline/series';
import type { StripPlatform, StripSegment } from '../../src/lib/timeline/strips';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { expectedOverview } from '../queries/overview-expected';
import { expectedChanges } from '../queries/changes-reference';
import { scoped } from '../queries/compare-expected';
import { fixturePlatforms, fixtureVersions } from '../queries/time-reference';
import { readCsv, type Parsed } from './csv-read';

/** The six levels, worst first, typed out again (not imported from the app). */
const LEVELS = ['critical', 'high', 'medium', 'low', 'info', 'unrated'] as const;
const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** A cell as the reader gives it back: null for nothing, numbers and dates as the file writes them. */
const num = (n: number | null) => (n === null ? null : String(n));
const iso = (d: Date | null) => (d === null ? null : d.toISOString().replace('.000Z', 'Z'));
/** Text as the CSV writer guards it against formulas (its rules are tested in csv.test.ts). */
const text = (s: string | null) => (s === null ? null : needsFormulaGuard(s) ? `'${s}` : s);

function read(table: TableExport): { header: Parsed; body: Parsed[] } {
  const [header, ...body] = readCsv(rowsToCsv(table.rows, table.columns));
  return { header: header!, body };
}

const awkward = fc.oneof(fc.constantFrom('=SUM(A1)', 'a, "quoted" name', '+1', '@x', 'Ünïcode — dash', 'line\nbreak'), fc.string({ minLength: 1, maxLength: 12 }));
const arbCounts = fc.record(Object.fromEntries(LEVELS.map((k) => [k, fc.nat(50)])) as Record<(typeof LEVELS)[number], fc.Arbitrary<number>>);

let fixture: LoadedExport;
beforeAll(async () => {
  fixture = await loadFixture();
});
afterAll(() => fixture?.db.close());

describe("the overview's severity by category", () => {
  const header = ['category_id', 'category', 'group', ...LEVELS, 'total'];
  const expectedBody = (rows: readonly CategorySeverity[]) =>
    rows.map((r) => [text(r.category_id), text(r.name), text(r.group_name), ...LEVELS.map((k) => num(r.counts[k])), num(LEVELS.reduce((n, k) => n + r.counts[k], 0))]);

  it('over the fixture: every category, the counts of active provisions the plain reading gives', async () => {
    const data = await loadOverview(nodeDbAdapter(fixture.db), fixture.manifest);
    const { header: got, body } = read(severityByCategoryExport(data.severity_by_category));
    expect(got).toEqual(header);
    const reference = expectedOverview((t) => fixtureRows(t), fixture.manifest).severity_by_category;
    expect(body).toEqual(expectedBody(reference));
    // Totals of the file are the active provisions of the fixture.
    const active = fixtureRows<{ status: string }>('provisions').filter((p) => p.status === 'active').length;
    expect(body.reduce((n, r) => n + Number(r.at(-1)), 0)).toBe(active);
  });

  it('over random rows with awkward names', () => {
    const arbRow = fc.record({ category_id: awkward, name: awkward, group_name: fc.option(awkward), counts: arbCounts });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 8 }), (raw) => {
        const rows = raw.map((r) => ({ ...r, total: LEVELS.reduce((n, k) => n + r.counts[k], 0) }));
        expect(read(severityByCategoryExport(rows)).body).toEqual(expectedBody(rows));
      }),
      { numRuns: 100 }
    );
  });
});

describe("the overview's tables, severity breakdown and categories", () => {
  it('over the fixture: rows per table, provisions per level with their share, platforms per category, as the plain reading gives', async () => {
    const data = await loadOverview(nodeDbAdapter(fixture.db), fixture.manifest);
    const reference = expectedOverview((t) => fixtureRows(t), fixture.manifest);

    const tables = read(tableRowsExport(data.row_counts));
    expect(tables.header).toEqual(['table', 'rows']);
    expect(tables.body).toEqual(Object.entries(reference.row_counts).map(([t, n]) => [t, num(n!)]));
    // Every table of the manifest, with the row count the manifest declares.
    expect(tables.body.map((r) => r[0])).toEqual(Object.keys(fixture.manifest.tables).filter((t) => fixture.manifest.tables[t as keyof typeof fixture.manifest.tables]));

    const active = fixtureRows<{ status: string }>('provisions').filter((p) => p.status === 'active').length;
    const levels = read(severityBreakdownExport(data.by_severity, data.provisions.active));
    expect(levels.header).toEqual(['severity', 'provisions', 'share_of_counted']);
    expect(levels.body.map((r) => r[0])).toEqual([...LEVELS]);
    const perLevel = LEVELS.map((k) => reference.by_severity.find((b) => b.severity === k)!.count);
    expect(levels.body.map((r) => Number(r[1]))).toEqual(perLevel);
    expect(perLevel.reduce((a, b) => a + b, 0)).toBe(active);
    levels.body.forEach((r, i) => expect(Number(r[2])).toBeCloseTo(perLevel[i]! / active, 12));

    const coverage = read(categoryCoverageExport(data.coverage, data.platform_total));
    expect(coverage.header).toEqual(['category_id', 'category', 'group', 'platforms_with_provision', 'platforms_in_export', 'provisions']);
    expect(coverage.body).toEqual(
      reference.coverage.map((c) => [text(c.category_id), text(c.name), text(c.group_name), num(c.platforms), num(reference.platform_total), num(c.provisions)])
    );
    expect(reference.platform_total).toBe(fixtureRows('platforms').length);
  });

  it('no provisions counted: every level 0 with no share', () => {
    const zero = LEVELS.map((severity) => ({ severity, count: 0 }));
    expect(read(severityBreakdownExport(zero, 0)).body).toEqual(LEVELS.map((k) => [k, '0', null]));
  });
});

describe("the search's counts", () => {
  it('one row per name, platforms then categories, in the order given, with their results', () => {
    const arb = fc.array(fc.record({ id: awkward, label: awkward, n: fc.nat(5000) }), { maxLength: 6 });
    fc.assert(
      fc.property(arb, arb, (platforms, categories) => {
        const { header, body } = read(searchCountsExport(platforms, categories));
        expect(header).toEqual(['by', 'id', 'name', 'results']);
        expect(body).toEqual([
          ...platforms.map((f) => ['platform', text(f.id), text(f.label), num(f.n)]),
          ...categories.map((f) => ['category', text(f.id), text(f.label), num(f.n)])
        ]);
      }),
      { numRuns: 100 }
    );
  });
});

describe("compare's standing and sector bars", () => {
  it('one row per bar, platforms per worst severity and with no provision, their total', () => {
    const arbBar = fc.record({ id: awkward, label: awkward, counts: fc.record({ ...Object.fromEntries(LEVELS.map((k) => [k, fc.nat(30)])), none: fc.nat(30) }) });
    fc.assert(
      fc.property(fc.array(arbBar, { maxLength: 8 }), fc.constantFrom('sector', 'worst_severity'), (raw, key) => {
        const rows = raw.map((r) => ({ ...r, counts: r.counts as Record<(typeof LEVELS)[number] | 'none', number>, total: Object.values(r.counts).reduce((a, b) => a + b, 0) }));
        const { header, body } = read(standingExport(rows, key));
        expect(header).toEqual([key, `${key}_label`, ...LEVELS, 'no_provision', 'platforms']);
        expect(body).toEqual(rows.map((r) => [text(r.id), text(r.label), ...LEVELS.map((k) => num(r.counts[k])), num(r.counts.none), num(r.total)]));
      }),
      { numRuns: 100 }
    );
  });
});

describe('the severity index', () => {
  /** Mean rank of the rated provisions, typed out again. */
  function mean(counts: Record<string, number>): number | null {
    let n = 0;
    let sum = 0;
    for (const [k, c] of Object.entries(counts)) {
      if (k in RANK) {
        n += c;
        sum += RANK[k]! * c;
      }
    }
    return n === 0 ? null : sum / n;
  }

  it('one row per period and line: everything shown, then each group (absent groups as nothing rated)', () => {
    const days = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];
    const arb = fc.record({
      counts: fc.array(arbCounts, { minLength: 1, maxLength: 4 }),
      groups: fc.uniqueArray(fc.record({ id: awkward, label: awkward }), { maxLength: 3, selector: (g) => g.id }),
      seed: fc.array(fc.record({ rated: fc.nat(9), unrated: fc.nat(9), index: fc.option(fc.double({ min: 0, max: 4, noNaN: true })), skip: fc.boolean() }), { minLength: 12, maxLength: 12 })
    });
    fc.assert(
      fc.property(arb, ({ counts, groups, seed }) => {
        const points: TimelinePoint[] = counts.map((c, i) => ({ bucket: days[i]!, asOf: days[i]!, counts: c, total: LEVELS.reduce((n, k) => n + c[k], 0) }));
        const rows: IndexPoint[] = [];
        points.forEach((p, i) =>
          groups.forEach((g, j) => {
            const s = seed[(i * 3 + j) % seed.length]!;
            if (!s.skip) rows.push({ group: g.id, bucket: p.bucket, asOf: p.asOf, rated: s.rated, unrated: s.unrated, index: s.index });
          })
        );
        const { header, body } = read(severityIndexExport(points, rows, groups));
        expect(header).toEqual(['bucket_start', 'state_at_end_of', 'group', 'group_label', 'severity_index', 'rated', 'unrated']);
        const expected: Parsed[] = [];
        for (const p of points) {
          expected.push([p.bucket, p.asOf, 'all', 'All shown', num(mean(p.counts)), num(p.total - p.counts.unrated), num(p.counts.unrated)]);
          for (const g of groups) {
            const r = rows.find((x) => x.group === g.id && x.bucket === p.bucket);
            expected.push([p.bucket, p.asOf, text(g.id), text(g.label), num(r?.index ?? null), num(r?.rated ?? 0), num(r?.unrated ?? 0)]);
          }
        }
        expect(body).toEqual(expected);
      }),
      { numRuns: 100 }
    );
  });
});

describe('the strips', () => {
  it('one row per period, platforms in the order drawn, periods in time order within each', () => {
    const t0 = Date.UTC(2024, 0, 1);
    const arbSeg = fc.record({
      p: fc.nat(3),
      start: fc.integer({ min: 0, max: 1000 }),
      len: fc.integer({ min: 1, max: 100 }),
      severity: fc.constantFrom(...LEVELS),
      recordId: awkward,
      version: fc.integer({ min: 1, max: 5 }),
      open: fc.boolean(),
      inForce: fc.integer({ min: 1, max: 4 })
    });
    fc.assert(
      fc.property(fc.uniqueArray(awkward, { minLength: 1, maxLength: 4 }), fc.array(arbSeg, { maxLength: 12 }), (names, raw) => {
        const platforms: StripPlatform[] = names.map((name, i) => ({ platformId: `p${i}`, name, sector: null, provisions: 1, firstAt: new Date(t0), lastChange: null, worstAtEnd: null, total: names.length }));
        // Segments of a platform do not overlap (as the query makes them): start times made distinct per platform.
        const seen = new Set<string>();
        const segments: StripSegment[] = raw
          .filter((s) => s.p < names.length && !seen.has(`${s.p}/${s.start}`) && seen.add(`${s.p}/${s.start}`))
          .map((s) => ({
            platformId: `p${s.p}`,
            from: new Date(t0 + s.start * 3_600_000),
            to: new Date(t0 + (s.start + s.len) * 3_600_000),
            severity: s.severity,
            recordId: s.recordId,
            version: s.version,
            validFrom: new Date(t0 + s.start * 3_600_000 - 1000),
            validTo: s.open ? null : new Date(t0 + (s.start + s.len) * 3_600_000),
            inForce: s.inForce
          }));
        const { header, body } = read(stripsExport(platforms, segments));
        expect(header).toEqual(['platform_id', 'platform', 'from', 'to', 'severity', 'record_id', 'version', 'valid_from', 'valid_to', 'provisions_in_force']);
        const expected: Parsed[] = [];
        for (const p of platforms) {
          const mine = segments.filter((s) => s.platformId === p.platformId).sort((a, b) => a.from.getTime() - b.from.getTime());
          for (const s of mine) {
            expected.push([p.platformId, text(p.name), iso(s.from), iso(s.to), s.severity, text(s.recordId), String(s.version), iso(s.validFrom), iso(s.validTo), String(s.inForce)]);
          }
        }
        expect(body).toEqual(expected);
      }),
      { numRuns: 100 }
    );
  });
});

describe('the change summary', () => {
  it('over the fixture: per category, the changes of each kind the plain rules give (all kinds, whatever the feed shows)', async () => {
    const categoryNames = new Map(fixtureRows<{ category_id: string; name: string }>('categories').map((c) => [c.category_id, c.name]));
    for (const spec of [
      { filter: NO_FILTER, from: '2019-01-01', to: '2026-10-01', kinds: ['added'] },
      { filter: NO_FILTER, from: '2023-01-01', to: '2024-12-31', kinds: [] }
    ] as ChangeSpec[]) {
      const summary = readSummary(await fixture.db.query(changeSummaryQuery(spec).sql, changeSummaryQuery(spec).params as never));
      const { header, body } = read(changeSummaryExport(summary));
      expect(header).toEqual(['category_id', 'category', 'lowered', 'raised', 'added', 'removed', 'reworded', 'changes']);
      const feed = expectedChanges(fixtureVersions(), fixturePlatforms(), categoryNames, spec, { withKinds: false });
      const byCategory = new Map<string, number[]>();
      for (const c of feed) {
        const s = byCategory.get(c.category_id) ?? [0, 0, 0, 0, 0, 0];
        const at = ['lowered', 'raised', 'added', 'removed'].indexOf(c.kind);
        if (at >= 0) s[at]!++;
        if (c.text_changed) s[4]!++;
        s[5]!++;
        byCategory.set(c.category_id, s);
      }
      // Same rows as the table, in its order (the query's); each row's numbers are the reference's.
      expect(body.map((r) => r[0])).toEqual(summary.map((s) => s.categoryId));
      expect(new Set(body.map((r) => r[0]))).toEqual(new Set(byCategory.keys()));
      for (const r of body) {
        expect(r[1]).toBe(categoryNames.get(r[0]!));
        expect(r.slice(2).map(Number)).toEqual(byCategory.get(r[0]!));
      }
      expect(body.length).toBeGreaterThan(0);
    }
  });

  it('over random rows', () => {
    const arbRow = fc.record({
      categoryId: awkward,
      categoryName: fc.option(awkward),
      raised: fc.nat(20),
      lowered: fc.nat(20),
      added: fc.nat(20),
      removed: fc.nat(20),
      textChanged: fc.nat(20),
      changes: fc.nat(100)
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 8 }), (rows: CategorySummary[]) => {
        expect(read(changeSummaryExport(rows)).body).toEqual(
          rows.map((r) => [text(r.categoryId), text(r.categoryName ?? r.categoryId), ...[r.lowered, r.raised, r.added, r.removed, r.textChanged, r.changes].map(String)])
        );
      }),
      { numRuns: 100 }
    );
  });
});

describe('the matrix cell panel', () => {
  type Rec = Record<string, unknown>;
  const at = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));

  /** The capture a citation names, the plain way: the document's newest snapshot at or before `last_verified`. */
  function captureOf(p: Rec, snapshots: Rec[]): Rec | null {
    const verified = at(p.last_verified);
    if (p.document_id === null || verified === null) return null;
    const candidates = snapshots
      .filter((s) => s.document_id === p.document_id && at(s.captured_at)!.getTime() <= verified.getTime())
      .sort((a, b) => at(b.captured_at)!.getTime() - at(a.captured_at)!.getTime() || String(b.snapshot_id).localeCompare(String(a.snapshot_id)));
    return candidates[0] ?? null;
  }

  it('over the fixture, every cell today and on a past day: its provisions worst first, provenance, last verified and capture', async () => {
    const db = nodeDbAdapter(fixture.db);
    const provisions = new Map(fixtureRows<Rec>('provisions').map((p) => [p.record_id as string, p]));
    const documents = new Map(fixtureRows<Rec>('documents').map((d) => [d.document_id as string, d]));
    const snapshots = fixtureRows<Rec>('snapshots');
    const platforms = fixtureRows<Rec>('platforms').map((p) => p.platform_id as string);
    const categories = fixtureRows<Rec>('categories').map((c) => c.category_id as string);
    let captured = 0;
    let cells = 0;
    for (const asOf of [null, '2024-02-29']) {
      for (const platform of platforms) {
        for (const category of categories) {
          const list = await loadCellProvisions(db, { asOf, platform, category });
          const context = { withSnapshots: true, permalinkOf: () => '', publisher: '', accessed: '' };
          const { records } = list.length ? await loadCitations(db, list.map((p) => p.record_id), context) : { records: [] as CitationRecord[] };
          const { header, body } = read(cellProvisionsExport(list, new Map(records.map((r) => [r.recordId, r]))));
          expect(header).toEqual([
            'record_id', 'title', 'severity', 'document_id', 'document_title', 'doc_type', 'last_verified', 'classified_by',
            'source_rating', 'source_id', 'source_url', 'snapshot_id', 'captured_at', 'capture_sha256', 'archive_url'
          ]);
          const expected = scoped((t) => fixtureRows(t), asOf, category, [])
            .filter((s) => s.platform_id === platform)
            .sort((a, b) => (RANK[b.severity ?? ''] ?? -1) - (RANK[a.severity ?? ''] ?? -1) || (a.record_id < b.record_id ? -1 : 1))
            .map((s) => {
              const p = provisions.get(s.record_id)!;
              const d = s.document_id === null ? undefined : documents.get(s.document_id);
              const c = captureOf(p, snapshots);
              if (c) captured++;
              return [
                s.record_id, text(s.title), s.severity ?? 'unrated', s.document_id, text((d?.title ?? null) as string | null), (d?.doc_type ?? null) as string | null,
                iso(at(p.last_verified)), (p.classified_by ?? null) as string | null, text((p.source_rating ?? null) as string | null),
                (p.source_id ?? null) as string | null, (p.source_url ?? null) as string | null,
                (c?.snapshot_id ?? null) as string | null, iso(at(c?.captured_at)), (c?.sha256 ?? null) as string | null, (c?.archive_url ?? null) as string | null
              ];
            });
          expect(body, `${platform} × ${category} as of ${asOf}`).toEqual(expected);
          if (body.length) cells++;
        }
      }
    }
    // The fixture exercises both: cells with provisions, and provisions whose capture is cited.
    expect(cells).toBeGreaterThan(10);
    expect(captured).toBeGreaterThan(0);
  });
});
