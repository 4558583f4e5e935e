/**
 * ColumnarResult reads cells lazily from Arrow; it must give exactly the rows the app's row reader gives (and Node's),
 * and its client-side sort must order rows as DuckDB's ORDER BY does. Arrow comes from DuckDB -> Parquet ->
 * parquet-wasm, the way the browser decodes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as parquet from 'parquet-wasm/node';
import { tableFromArrays, tableFromIPC, type Table } from 'apache-arrow';
import { arrowToRows } from '../../src/lib/db/arrow-rows';
import { ColumnarResult } from '../../src/lib/db/columnar';
import { sortOrder } from '../../src/lib/sql/sort-order';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { loadFixture } from '../helpers/fixture';

let db: NodeDb;
const dir = mkdtempSync(join(tmpdir(), 'termscope-columnar-'));
let n = 0;

async function arrowOf(sql: string): Promise<Table> {
  const path = join(dir, `r${n++}.parquet`);
  await db.exec(`COPY (${sql}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
  return tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync(path))).intoIPCStream());
}

function allRows(result: ColumnarResult) {
  return Array.from({ length: result.numRows }, (_, r) =>
    Object.fromEntries(result.columns.map((c) => [c.name, result.cell(r, c.index)]))
  );
}

beforeAll(async () => {
  db = (await loadFixture()).db;
  await db.exec(`CREATE TABLE mixed AS
    SELECT i,
           CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 7919) % 1000 - 500 END AS n,
           CASE WHEN i % 5 = 0 THEN NULL ELSE ((i * 31) % 97)::DOUBLE / 8 END AS d,
           CASE WHEN i % 6 = 0 THEN NULL ELSE chr((65 + (i * 13) % 26)::INTEGER) || chr((97 + i % 26)::INTEGER) || (i % 3)::VARCHAR END AS t,
           CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2020-01-01' + ((i * 37) % 900)::INTEGER END AS day,
           CASE WHEN i % 9 = 0 THEN NULL ELSE TIMESTAMP '2024-02-29 23:30:00' + to_seconds((i * 7777) % 100000) END AS ts,
           CASE WHEN i % 8 = 0 THEN NULL ELSE i % 3 = 0 END AS b
    FROM range(2500) r(i)`);
});
afterAll(() => db?.close());

describe('ColumnarResult', () => {
  it('gives the same cells as arrowToRows and the Node reader, for every contract table', async () => {
    for (const table of ['platforms', 'documents', 'categories', 'provisions', 'provision_versions', 'snapshots']) {
      const arrow = await arrowOf(`SELECT * FROM ${table} ORDER BY 1, 2`);
      const result = new ColumnarResult(arrow);
      const viaNode = await db.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
      expect(result.numRows).toBe(viaNode.length);
      expect(allRows(result)).toEqual(arrowToRows(arrow));
      expect(allRows(result)).toEqual(viaNode);
    }
  });

  it('names DuckDB types and kinds from the Arrow schema', async () => {
    const result = new ColumnarResult(await arrowOf(`SELECT i, n, d, t, day, ts, b, [t, 'x'] AS l FROM mixed LIMIT 3`));
    expect(result.columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['i', 'BIGINT', 'number'],
      ['n', 'BIGINT', 'number'],
      ['d', 'DOUBLE', 'number'],
      ['t', 'VARCHAR', 'text'],
      ['day', 'DATE', 'date'],
      ['ts', 'TIMESTAMP', 'timestamp'],
      ['b', 'BOOLEAN', 'boolean'],
      ['l', 'VARCHAR[]', 'list']
    ]);
  });

  it('reads out-of-range rows as null and shows a 64-bit integer beyond 2^53 exactly', () => {
    const result = new ColumnarResult(tableFromArrays({ n: new BigInt64Array([2n ** 60n, 5n]) }));
    expect(result.cell(0, 0)).toBe('1152921504606846976');
    expect(result.cell(1, 0)).toBe(5);
    expect(result.cell(2, 0)).toBeNull();
    expect(result.sortKeys(0)).toEqual([2 ** 60, 5]);
  });

  it.each(['i', 'n', 'd', 't', 'day', 'ts', 'b'])('sorts column %s as ORDER BY does, nulls last, ties in result order', async (column) => {
    const arrow = await arrowOf('SELECT * FROM mixed ORDER BY i');
    const result = new ColumnarResult(arrow);
    const index = result.columns.findIndex((c) => c.name === column);
    for (const direction of ['asc', 'desc'] as const) {
      const order = sortOrder(result.sortKeys(index), direction);
      const ours = Array.from(order, (r) => result.cell(r, 0));
      const duck = (await db.query(`SELECT i FROM mixed ORDER BY "${column}" ${direction.toUpperCase()} NULLS LAST, i`)).map((r) => r.i);
      expect(ours).toEqual(duck);
    }
  });
});
