/**
 * The checks both overview test files make, each over its own export (the fixture export, the hand-made edge cases):
 * every overview query, and loadOverview, against the plain computation of overview-expected.ts over the same rows.
 */
import { expect, it } from 'vitest';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import type { Manifest } from '../../src/lib/contract/schema';
import type { Query } from '../../src/lib/db/types';
import {
  categoryCoverageQuery,
  loadOverview,
  provisionStatusQuery,
  severityByCategoryQuery,
  severityCountsQuery
} from '../../src/lib/queries/overview';
import { isOverviewData, overviewMatchesManifest, type OverviewData } from '../../src/lib/queries/overview-data';
import { nodeDbAdapter } from '../helpers/node-db-adapter';

export interface OverviewSource {
  db: NodeDb;
  manifest: Manifest;
  /** expectedOverview() over the rows `db` holds. */
  expected: OverviewData;
}

/** Declares the shared tests inside the caller's describe block; `source` is read when they run (after beforeAll). */
export function overviewQueryChecks(source: () => OverviewSource): void {
  const run = (q: Query) => source().db.query(q.sql, q.params);

  it('counts provisions by status', async () => {
    const { expected } = source();
    expect(await run(provisionStatusQuery())).toEqual([
      { status: 'active', provisions: expected.provisions.active },
      { status: 'removed', provisions: expected.provisions.removed }
    ]);
  });

  it('counts active provisions by severity, worst first, unrated last, severities without any left out', async () => {
    const present = source().expected.by_severity.filter((b) => b.count > 0);
    expect(await run(severityCountsQuery())).toEqual(
      present.map((b) => ({ severity: b.severity === 'unrated' ? null : b.severity, provisions: b.count }))
    );
  });

  it('gives every category its severity mix, most provisions first', async () => {
    expect(await run(severityByCategoryQuery())).toEqual(
      source().expected.severity_by_category.map((c) => ({
        category_id: c.category_id,
        name: c.name,
        group_name: c.group_name,
        short_label: c.short_label,
        ...c.counts,
        total: c.total
      }))
    );
  });

  it('gives every category its platform coverage out of all platforms', async () => {
    const { expected } = source();
    expect(await run(categoryCoverageQuery())).toEqual(expected.coverage.map((c) => ({ ...c, platform_total: expected.platform_total })));
  });

  it('loadOverview returns the same numbers as checkable JSON tied to the manifest', async () => {
    const { db, manifest, expected } = source();
    const data = await loadOverview(nodeDbAdapter(db), manifest);
    expect(data).toEqual(expected);
    const json: unknown = JSON.parse(JSON.stringify(data));
    expect(json).toEqual(data);
    expect(isOverviewData(json)).toBe(true);
    expect(overviewMatchesManifest(json as OverviewData, manifest)).toBe(true);
  });
}
