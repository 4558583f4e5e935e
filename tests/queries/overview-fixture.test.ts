/**
 * The overview queries over the small fixture export (real Parquet, built by the export builder), checked against a
 * plain TypeScript computation over the fixture's JSON Lines records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import {
  categoryCoverageQuery,
  loadOverview,
  provisionStatusQuery,
  severityByCategoryQuery,
  severityCountsQuery,
  tableRowCountsQuery
} from '../../src/lib/queries/overview';
import { isOverviewData, overviewMatchesManifest, type OverviewData } from '../../src/lib/queries/overview-data';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { expectedOverview } from './overview-expected';

let fixture: LoadedExport;
let expected: OverviewData;

beforeAll(async () => {
  fixture = await loadFixture();
  expected = expectedOverview((t) => fixtureRows(t), fixture.manifest);
});
afterAll(() => fixture?.db.close());

const run = (q: { sql: string; params: readonly unknown[] }) => fixture.db.query(q.sql, q.params);

describe('overview queries over the fixture export', () => {
  it('holds what the queries must handle (else this test proves little)', () => {
    expect(fixture.tables).toHaveLength(7);
    expect(expected.provisions.removed).toBeGreaterThan(0);
    expect(expected.by_severity.every((b) => b.count > 0)).toBe(true);
    expect(expected.coverage.some((c) => c.provisions === 0)).toBe(true);
  });

  it('counts every table', async () => {
    const rows = await run(tableRowCountsQuery(fixture.tables));
    expect(Object.fromEntries(rows.map((r) => [r.table_name, r.row_count]))).toEqual(expected.row_counts);
  });

  it('counts provisions by status', async () => {
    expect(await run(provisionStatusQuery())).toEqual([
      { status: 'active', provisions: expected.provisions.active },
      { status: 'removed', provisions: expected.provisions.removed }
    ]);
  });

  it('counts active provisions by severity, worst first, unrated last', async () => {
    expect(await run(severityCountsQuery())).toEqual(
      expected.by_severity.map((b) => ({ severity: b.severity === 'unrated' ? null : b.severity, provisions: b.count }))
    );
  });

  it('gives every category its severity mix', async () => {
    expect(await run(severityByCategoryQuery())).toEqual(
      expected.severity_by_category.map(({ counts, ...c }) => ({ ...c, ...counts, total: c.total }))
    );
  });

  it('gives every category its platform coverage', async () => {
    expect(await run(categoryCoverageQuery())).toEqual(
      expected.coverage.map((c) => ({ ...c, platform_total: expected.platform_total }))
    );
  });

  it('loadOverview returns the same numbers as checkable JSON tied to the manifest', async () => {
    const data = await loadOverview(nodeDbAdapter(fixture.db), fixture.manifest);
    expect(data).toEqual(expected);
    const json: unknown = JSON.parse(JSON.stringify(data));
    expect(isOverviewData(json)).toBe(true);
    expect(overviewMatchesManifest(json as OverviewData, fixture.manifest)).toBe(true);
  });
});
