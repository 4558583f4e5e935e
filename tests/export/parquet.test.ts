import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import { arrowToParquet, inferType, rowsToArrow, rowsToParquet } from '../../src/lib/export/parquet';
import type { ExportColumn } from '../../src/lib/export/source';
import type { Row } from '../../src/lib/db/values';

let db: NodeDb;
let dir: string;
let files = 0;

beforeAll(async () => {
  db = await openNodeDb();
  dir = mkdtempSync(join(tmpdir(), 'termscope-parquet-'));
});
afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes the bytes to a file and reads it back with DuckDB: rows, column types, codecs. */
async function readBack(bytes: Uint8Array) {
  const path = join(dir, `t${files++}.parquet`);
  writeFileSync(path, bytes);
  const rows = await db.query('SELECT * FROM read_parquet(?)', [path]);
  const types = await db.query('SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))', [path]);
  const codecs = await db.query('SELECT DISTINCT compression FROM parquet_metadata(?)', [path]);
  return {
    rows,
    types: Object.fromEntries(types.map((t) => [t.column_name, t.column_type])),
    codecs: codecs.map((c) => c.compression)
  };
}

const columns: ExportColumn[] = [
  { key: 'record_id', label: 'Record', type: 'VARCHAR' },
  { key: 'regulations', label: 'Regulations', type: 'VARCHAR[]' },
  { key: 'version', label: 'Version', type: 'INTEGER' },
  { key: 'rows', label: 'Rows', type: 'BIGINT' },
  { key: 'share', label: 'Share', type: 'DOUBLE' },
  { key: 'changed', label: 'Changed', type: 'BOOLEAN' },
  { key: 'last_updated', label: 'Last updated', type: 'DATE' },
  { key: 'first_tracked', label: 'First tracked', type: 'TIMESTAMP' }
];

const rows: Row[] = [
  {
    record_id: 'CA-P-004267',
    regulations: ['GDPR Art. 6', 'CCPA'],
    version: 2147483647,
    rows: 9007199254740991,
    share: 0.1 + 0.2,
    changed: true,
    last_updated: '2024-02-29',
    first_tracked: new Date(Date.UTC(2024, 1, 29, 23, 30, 0, 123))
  },
  {
    record_id: 'emoji 🧑‍⚖️, "quotes", e\u0301',
    regulations: [],
    version: -2147483648,
    rows: -1,
    share: -0,
    changed: false,
    last_updated: '1969-12-31',
    first_tracked: new Date(Date.UTC(1969, 11, 31, 23, 59, 59))
  },
  {
    record_id: '=cmd',
    regulations: ['a', null as unknown as string, ''],
    version: null,
    rows: null,
    share: null,
    changed: null,
    last_updated: null,
    first_tracked: null
  },
  { record_id: '', regulations: null, version: 0, rows: 0, share: 1e300, changed: null, last_updated: '2000-01-01', first_tracked: new Date(0) }
];

describe('rows -> Parquet -> DuckDB read_parquet', () => {
  it('reads back the same values and the contract types, ZSTD-compressed', async () => {
    const back = await readBack(rowsToParquet(parquetWasm, rows, columns));
    expect(back.types).toEqual({
      record_id: 'VARCHAR',
      regulations: 'VARCHAR[]',
      version: 'INTEGER',
      rows: 'BIGINT',
      share: 'DOUBLE',
      changed: 'BOOLEAN',
      last_updated: 'DATE',
      first_tracked: 'TIMESTAMP'
    });
    expect(back.codecs).toEqual(['ZSTD']);
    // -0 reads back as -0: compare with Object.is semantics on the values the rows hold.
    expect(back.rows).toEqual(rows);
  });

  it('writes SNAPPY when asked', async () => {
    const back = await readBack(rowsToParquet(parquetWasm, rows, columns, { compression: 'snappy' }));
    expect(back.codecs).toEqual(['SNAPPY']);
    expect(back.rows).toEqual(rows);
  });

  it('keeps only the listed columns, in their order, named by key', async () => {
    const back = await readBack(rowsToParquet(parquetWasm, rows, [columns[6]!, columns[0]!]));
    expect(Object.keys(back.rows[0]!)).toEqual(['last_updated', 'record_id']);
    expect(back.rows.map((r) => r.last_updated)).toEqual(rows.map((r) => r.last_updated));
  });

  it('splits large results into row groups', async () => {
    const many: Row[] = Array.from({ length: 25_000 }, (_, i) => ({ i, label: `row ${i}` }));
    const bytes = rowsToParquet(parquetWasm, many, [{ key: 'i', label: 'i', type: 'INTEGER' }, { key: 'label', label: 'label' }], { rowGroupSize: 10_000 });
    const path = join(dir, 'groups.parquet');
    writeFileSync(path, bytes);
    const groups = await db.query('SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata(?)', [path]);
    expect(groups).toEqual([{ n: 3 }]);
    const sums = await db.query('SELECT count(*) AS n, sum(i) AS total FROM read_parquet(?)', [path]);
    expect(sums).toEqual([{ n: 25_000, total: (24_999 * 25_000) / 2 }]);
  });
});

describe('types from the values when not declared', () => {
  const untyped: Row[] = [
    { t: 'x', n: 1, f: 1, b: true, ts: new Date(0), l: ['a'], none: null, day: '2024-01-01' },
    { t: null, n: 2, f: 1.5, b: null, ts: null, l: null, none: null, day: null }
  ];

  it.each([
    ['t', 'VARCHAR'],
    ['n', 'BIGINT'],
    ['f', 'DOUBLE'],
    ['b', 'BOOLEAN'],
    ['ts', 'TIMESTAMP'],
    ['l', 'VARCHAR[]'],
    ['none', 'VARCHAR'],
    ['day', 'VARCHAR']
  ])('%s -> %s', (key, type) => {
    expect(inferType(untyped, key)).toBe(type);
  });

  it('refuses a column that mixes kinds', () => {
    expect(() => inferType([{ a: 'x' }, { a: 1 }], 'a')).toThrow(/Column "a" mixes kinds of values \(row 2 holds 1\); give the column a type/);
  });

  it('writes inferred types DuckDB reads back', async () => {
    const back = await readBack(rowsToParquet(parquetWasm, untyped, Object.keys(untyped[0]!).map((key) => ({ key, label: key }))));
    expect(back.types).toMatchObject({ t: 'VARCHAR', n: 'BIGINT', f: 'DOUBLE', ts: 'TIMESTAMP', l: 'VARCHAR[]', day: 'VARCHAR' });
    expect(back.rows).toEqual(untyped);
  });
});

describe('bad values say where they are', () => {
  it.each<[string, ExportColumn, Row, RegExp]>([
    ['text in an INTEGER column', { key: 'v', label: 'v', type: 'INTEGER' }, { v: 'x' }, /row 1, column "v": expected INTEGER, got "x"/],
    ['an INTEGER out of range', { key: 'v', label: 'v', type: 'INTEGER' }, { v: 2 ** 31 }, /expected INTEGER, got 2147483648/],
    ['a fraction in a BIGINT column', { key: 'v', label: 'v', type: 'BIGINT' }, { v: 1.5 }, /expected BIGINT, got 1.5/],
    ['not a calendar day', { key: 'v', label: 'v', type: 'DATE' }, { v: '2023-02-29' }, /Not a calendar day/],
    ['an invalid Date', { key: 'v', label: 'v', type: 'TIMESTAMP' }, { v: new Date(NaN) }, /expected TIMESTAMP, got an invalid Date/],
    ['a number in a list', { key: 'v', label: 'v', type: 'VARCHAR[]' }, { v: [1] }, /expected VARCHAR\[\], got \[1\]/],
    ['a missing field', { key: 'w', label: 'w', type: 'VARCHAR' }, { v: 'x' }, /row 1 has no field "w"/]
  ])('%s', (_what, column, row, message) => {
    expect(() => rowsToArrow([row], [column])).toThrow(message);
  });
});

describe('Arrow -> Parquet', () => {
  it('writes an Arrow table (as the SQL console holds its results) and DuckDB reads it back', async () => {
    const table = tableFromArrays({
      id: ['a', 'b', 'c'],
      n: Int32Array.from([1, -2, 3]),
      x: Float64Array.from([0.5, NaN, -Infinity])
    });
    const back = await readBack(arrowToParquet(parquetWasm, table));
    expect(back.types).toEqual({ id: 'VARCHAR', n: 'INTEGER', x: 'DOUBLE' });
    expect(back.rows).toEqual([
      { id: 'a', n: 1, x: 0.5 },
      { id: 'b', n: -2, x: NaN },
      { id: 'c', n: 3, x: -Infinity }
    ]);
  });
});
