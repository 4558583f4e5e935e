/**
 * The browser converts Arrow results to rows (`arrow-rows.ts`); Node tests read rows through `duckdb-node.ts`. Both must
 * give the same values, or a query checked in Node would not be the query the page shows. Here the same contract
 * table goes both ways: DuckDB -> rows, and DuckDB -> Parquet -> parquet-wasm (as the browser decodes it) -> Arrow ->
 * arrowToRows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as parquet from 'parquet-wasm/node';
import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { arrowToRows } from '../../src/lib/db/arrow-rows';
import { columnDefinitions } from '../../src/lib/contract/schema';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';

let db: NodeDb;
const dir = mkdtempSync(join(tmpdir(), 'termscope-arrow-'));

beforeAll(async () => {
  db = await openNodeDb();
  await db.exec(`CREATE TABLE provisions (${columnDefinitions('provisions')})`);
  await db.exec(`INSERT INTO provisions VALUES
    ('P1', 'D1', 'acme', 'ai_training_data', 'Trains on inputs', 'high', 'sum', 'impact', ['Opt out', 'Delete history'],
     '=cmd', 'analysis', ['GDPR Art. 6'], [], TIMESTAMP '2024-02-29 23:30:00', TIMESTAMP '2025-12-31 23:59:59.999',
     'active', NULL, 'positive', 'good', '42', 'https://tosdr.org/en/point/42', 'analyst', NULL),
    ('P2', NULL, 'acme', 'arbitration', 'Ärger — 仲裁 🤝', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     'removed', TIMESTAMP '2000-01-01 00:00:00', NULL, NULL, NULL, NULL, 'rule', 'ota.arbitration')`);
});

afterAll(() => db.close());

describe('arrowToRows', () => {
  it('gives the same rows as the Node reader for every contract type', async () => {
    const path = join(dir, 'provisions.parquet');
    await db.exec(`COPY provisions TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
    const decoded = parquet.readParquet(new Uint8Array(readFileSync(path)));
    const viaArrow = arrowToRows(tableFromIPC(decoded.intoIPCStream()));
    const viaNode = await db.query('SELECT * FROM provisions');
    expect(viaArrow).toEqual(viaNode);
    expect(viaArrow[0]!.first_tracked).toEqual(new Date(Date.UTC(2024, 1, 29, 23, 30)));
    expect(viaArrow[1]!.severity).toBeNull();
  });

  it('turns days into ISO dates without a time-zone shift, and 64-bit integers into numbers', async () => {
    const rows = await db.query(`SELECT DATE '2024-02-29' AS d, DATE '1999-12-31' AS e, 42::BIGINT AS n`);
    expect(rows).toEqual([{ d: '2024-02-29', e: '1999-12-31', n: 42 }]);
    const path = join(dir, 'days.parquet');
    await db.exec(`COPY (SELECT DATE '2024-02-29' AS d, DATE '1999-12-31' AS e, 42::BIGINT AS n) TO '${path}' (FORMAT parquet)`);
    const arrow = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync(path))).intoIPCStream());
    expect(arrowToRows(arrow)).toEqual(rows);
  });

  it('refuses an integer too large for a JavaScript number instead of rounding it', () => {
    const table = tableFromArrays({ n: new BigInt64Array([2n ** 60n]) });
    expect(() => arrowToRows(table)).toThrow(/too large/);
  });

  it('keeps an empty result empty, with no phantom rows', () => {
    expect(arrowToRows(tableFromArrays({ n: new Int32Array([]) }))).toEqual([]);
  });
});
