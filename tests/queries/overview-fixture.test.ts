/**
 * The overview queries over the small fixture export (real Parquet, built by the export builder), checked against a
 * plain TypeScript computation over the fixture's JSON Lines records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { tableRowCountsQuery } from '../../src/lib/queries/overview';
import type { OverviewData } from '../../src/lib/queries/overview-data';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { overviewQueryChecks } from './overview-checks';
import { expectedOverview } from './overview-expected';

let fixture: LoadedExport;
let expected: OverviewData;

beforeAll(async () => {
  fixture = await loadFixture();
  expected = expectedOverview((t) => fixtureRows(t), fixture.manifest);
});
afterAll(() => fixture?.db.close());

describe('overview queries over the fixture export', () => {
  it('holds what the queries must handle (else this test proves little)', () => {
    expect(fixture.tables).toHaveLength(7);
    expect(expected.provisions.removed).toBeGreaterThan(0);
    expect(expected.by_severity.every((b) => b.count > 0)).toBe(true);
    expect(expected.coverage.some((c) => c.provisions === 0)).toBe(true);
  });

  it('counts every table', async () => {
    const q = tableRowCountsQuery(fixture.tables);
    const rows = await fixture.db.query(q.sql, q.params);
    expect(Object.fromEntries(rows.map((r) => [r.table_name, r.row_count]))).toEqual(expected.row_counts);
  });

  overviewQueryChecks(() => ({ db: fixture.db, manifest: fixture.manifest, expected }));
});
