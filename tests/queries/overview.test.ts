import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import {
  categoryCoverageQuery,
  loadOverview,
  severityByCategoryQuery,
  severityCountsQuery,
  tableRowCountsQuery
} from '../../src/lib/queries/overview';
import { isOverviewData, overviewMatchesManifest, type OverviewData } from '../../src/lib/queries/overview-data';
import { severityOrderSql, sqlConstant } from '../../src/lib/queries/severity';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { CASE_MANIFEST, caseRows, openCaseDb } from './overview-cases';
import { overviewQueryChecks } from './overview-checks';
import { expectedOverview } from './overview-expected';

let db: NodeDb;
let expected: OverviewData;

beforeAll(async () => {
  db = await openCaseDb();
  expected = expectedOverview(caseRows, CASE_MANIFEST);
});
afterAll(() => db?.close());

const run = (q: { sql: string; params: readonly unknown[] }) => db.query(q.sql, q.params);

describe('overview queries over hand-made edge cases', () => {
  overviewQueryChecks(() => ({ db, manifest: CASE_MANIFEST, expected }));

  it('counts rows per table, in the order asked', async () => {
    const rows = await run(tableRowCountsQuery(['provisions', 'platforms', 'categories']));
    expect(rows).toEqual([
      { table_name: 'provisions', row_count: caseRows('provisions').length },
      { table_name: 'platforms', row_count: caseRows('platforms').length },
      { table_name: 'categories', row_count: caseRows('categories').length }
    ]);
  });

  it('refuses a table name that is not in the contract', () => {
    expect(() => tableRowCountsQuery(['provisions; DROP TABLE x' as never])).toThrow(/Not a contract table/);
    expect(() => tableRowCountsQuery([])).toThrow(/at least one table/);
  });

  it('keeps the unrated provisions, last', async () => {
    const rows = await run(severityCountsQuery());
    expect(rows.at(-1)).toEqual({ severity: null, provisions: 2 });
  });

  it('does not count removed provisions in the severity mix: "gone" has only a removed one', async () => {
    const rows = await run(severityByCategoryQuery());
    expect(rows.find((r) => r.category_id === 'gone')).toMatchObject({ critical: 0, total: 0 });
  });

  it('counts platforms and provisions per category, a category without any at zero', async () => {
    const rows = await run(categoryCoverageQuery());
    expect(rows.find((r) => r.category_id === 'ai_training')).toMatchObject({ platforms: 2, provisions: 3, platform_total: 4 });
    expect(rows.find((r) => r.category_id === 'class_waiver')).toMatchObject({ platforms: 0, provisions: 0 });
  });
});

describe('loadOverview', () => {
  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadOverview(nodeDbAdapter(db), CASE_MANIFEST, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('isOverviewData and overviewMatchesManifest', () => {
  const mutations: [string, (d: Record<string, unknown>) => void][] = [
    ['another version', (d) => (d.overview_version = 2)],
    ['a short label that is not text', (d) => ((d.coverage as Record<string, unknown>[])[0]!.short_label = 5)],
    ['a count that is not a whole number', (d) => ((d.provisions as Record<string, unknown>).active = 1.5)],
    ['a severity missing', (d) => (d.by_severity as unknown[]).pop()],
    ['severities out of order', (d) => (d.by_severity as unknown[]).reverse()],
    ['an unknown table', (d) => ((d.row_counts as Record<string, unknown>).tickets = 3)],
    ['a bad hash', (d) => ((d.tables_sha256 as Record<string, unknown>).platforms = 'abc')],
    ['a category without counts', (d) => delete (d.severity_by_category as Record<string, unknown>[])[0]!.counts],
    ['a coverage row with a numeric name', (d) => ((d.coverage as Record<string, unknown>[])[0]!.name = 5)],
    ['no platform total', (d) => delete d.platform_total]
  ];
  it('accepts an overview.json written before short labels (contract v1): it still paints', () => {
    const copy = structuredClone(expected) as unknown as { coverage: Record<string, unknown>[]; severity_by_category: Record<string, unknown>[] };
    for (const c of [...copy.coverage, ...copy.severity_by_category]) delete c.short_label;
    expect(isOverviewData(copy)).toBe(true);
  });

  it.each(mutations)('rejects data with %s', (_, mutate) => {
    const copy = structuredClone(expected) as unknown as Record<string, unknown>;
    mutate(copy);
    expect(isOverviewData(copy)).toBe(false);
  });

  it('rejects non-objects', () => {
    for (const x of [null, undefined, 3, 'overview', []]) expect(isOverviewData(x)).toBe(false);
  });

  it('tells data computed from other files apart', () => {
    const other = structuredClone(CASE_MANIFEST);
    other.tables.provisions!.sha256 = '5'.repeat(64);
    expect(overviewMatchesManifest(expected, other)).toBe(false);
    const more = structuredClone(CASE_MANIFEST);
    more.tables.snapshots = { file: 'snapshots.parquet', rows: 0, bytes: 1, sha256: '6'.repeat(64) };
    expect(overviewMatchesManifest(expected, more)).toBe(false);
  });
});

describe('severity SQL helpers', () => {
  it('orders the whole scale worst first with null last', async () => {
    const rows = await db.query(
      `SELECT s FROM (VALUES ('info'), (NULL), ('high'), ('low'), ('critical'), ('medium')) AS t(s) ORDER BY ${severityOrderSql('s')}`
    );
    expect(rows.map((r) => r.s)).toEqual(['critical', 'high', 'medium', 'low', 'info', null]);
  });

  it('only quotes contract constants', () => {
    expect(sqlConstant('high')).toBe("'high'");
    expect(() => sqlConstant("x' OR 1=1 --")).toThrow(/Not a contract constant/);
  });
});
