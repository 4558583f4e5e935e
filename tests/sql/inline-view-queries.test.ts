/**
 * "Open in SQL console" sends a view's statement with its parameters written in (`inlineParams`). For every statement
 * the views send (`viewQueries`: overview, compare, matrix and its cell panel, platform pages, platform vs platform,
 * provision pages, timeline, strips, changes; `linkedQueries`: the rest that carry a link), on the fixture and on
 * random exports of the demo generator, the inlined text run without parameters gives exactly the rows of the bound
 * statement, and the console's read-only guard accepts it.
 */
import { describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { inlineParams } from '../../src/lib/sql/inline-params';
import { refusal } from '../../src/lib/sql/guard';
import { buildFixture } from '../helpers/fixture';
import { forRandomDemoExports } from '../helpers/random-demo-exports';
import { linkedQueries } from '../helpers/linked-queries';
import { viewQueries } from '../helpers/view-queries';
import { tempDirs } from '../scripts/temp';

const tempDir = tempDirs('inline');

function sortedRows(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
}

async function inlinedAlikeBound(dir: string, categories = Infinity): Promise<number> {
  let loaded: LoadedExport | undefined;
  try {
    loaded = await loadExport(dir);
    const { db, manifest } = loaded;
    const queries = [...(await viewQueries(db, manifest, 4, categories)), ...(await linkedQueries(db, manifest))];
    let withRows = 0;
    for (const { name, query, unordered } of queries) {
      const sql = inlineParams(query);
      expect(refusal(sql), name).toBeNull();
      // Same engine, same data, same statement: the rows come back in the same order too, unless the statement
      // promises no order (it then runs on several threads and its rows may come in any order).
      const bound = await db.query(query.sql, query.params);
      const inlined = await db.query(sql);
      if (unordered) expect(sortedRows(inlined), name).toEqual(sortedRows(bound));
      else expect(inlined, name).toEqual(bound);
      if (bound.length > 0) withRows++;
    }
    // Equal empty results would prove little: most statements find rows.
    expect(withRows / queries.length).toBeGreaterThan(0.7);
    return queries.length;
  } finally {
    loaded?.db.close();
  }
}

describe('inlined view statements give the rows of the bound ones', () => {
  it('on the fixture', async () => {
    expect(await inlinedAlikeBound(await buildFixture())).toBeGreaterThan(200);
  }, 300_000);

  it('on random exports of the demo generator', async () => {
    await forRandomDemoExports({ tempDir, maxProvisions: 400, numRuns: 2 }, async (out) => {
      expect(await inlinedAlikeBound(out, 3)).toBeGreaterThan(150);
    });
  }, 900_000);
});
