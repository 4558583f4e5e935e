/**
 * The app has two ways to the same tables: the Parquet files loaded into memory (as `loadExport` does, the app's
 * fallback) and the engine file attached read-only (`openEngineFile`, the app's fast path, whose tables are sorted
 * differently). Every statement the views send must give the same rows, in the same order, on both — on the
 * fixture and on random exports of the demo generator (random seed, size and day).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/generate-demo';
import { loadExport, openEngineFile, type LoadedExport } from '../../scripts/lib/export-io';
import type { Row } from '../../src/lib/db/values';
import { buildFixture } from '../helpers/fixture';
import { forRandomDemoExports } from '../helpers/random-demo-exports';
import { viewQueries } from '../helpers/view-queries';
import { tempDirs } from '../scripts/temp';

const tempDir = tempDirs('paths');

/**
 * Runs the view statements on both paths of the export in `dir` (for the compare view, `categories` of its
 * categories); returns how many were compared.
 */
async function compareBothPaths(dir: string, categories = Infinity): Promise<number> {
  let parquet: LoadedExport | undefined;
  let engine: LoadedExport | undefined;
  try {
    parquet = await loadExport(dir);
    engine = await openEngineFile(dir);
    const queries = await viewQueries(parquet.db, parquet.manifest, 4, categories);
    const inOrder = (rows: Row[], unordered?: boolean) => (unordered ? rows.map((r) => JSON.stringify(r)).sort() : rows);
    for (const { name, query, unordered } of queries) {
      const fromParquet = await parquet.db.query(query.sql, query.params);
      const fromEngine = await engine.db.query(query.sql, query.params);
      expect(inOrder(fromEngine, unordered), name).toEqual(inOrder(fromParquet, unordered));
    }
    return queries.length;
  } finally {
    parquet?.db.close();
    engine?.db.close();
  }
}

describe('Parquet tables and the attached engine file answer every view query alike', () => {
  it('on the fixture', async () => {
    expect(await compareBothPaths(await buildFixture())).toBeGreaterThan(200);
  });

  it('on the demo export at its full size (sums over many rows show an order the query leaves open)', async () => {
    const out = join(tempDir(), 'demo-full');
    await generateDemo({ out, today: '2026-11-29', log: () => undefined });
    expect(await compareBothPaths(out, 4)).toBeGreaterThan(150);
  }, 600_000);

  it('on random exports of the demo generator', async () => {
    await forRandomDemoExports({ tempDir, maxProvisions: 500, numRuns: 3 }, async (out) => {
      expect(await compareBothPaths(out, 4)).toBeGreaterThan(150);
    });
  }, 900_000);

  it('with the lock-down applied after attaching: the engine file is still read, nothing else is', async () => {
    const { db } = await openEngineFile(await buildFixture());
    try {
      // The order the app uses: attach first (refused once external access is off), then lock.
      await db.exec('SET enable_external_access = false');
      await db.exec('SET lock_configuration = true');
      expect(await db.query('SELECT count(*) AS n FROM provisions')).toEqual([{ n: 40 }]);
      await expect(db.exec("ATTACH '/tmp/other.duckdb' AS other")).rejects.toThrow(/disabled|external access/i);
      await expect(db.query("SELECT * FROM read_csv('/etc/hostname')")).rejects.toThrow(/disabled|external access/i);
      await expect(db.exec('SET enable_external_access = true')).rejects.toThrow(/locked/i);
    } finally {
      db.close();
    }
  });
});
