/** The console's own SQL (schema browser), on the fixture export in Node DuckDB. The examples: examples.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { TABLES, type TableName } from '../../src/lib/contract/schema';
import { buildSchema, loadSchema } from '../../src/lib/queries/sql-console';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';

let db: NodeDb;
beforeAll(async () => {
  db = (await loadFixture()).db;
});
afterAll(() => db?.close());

describe('schema browser', () => {
  it('lists the export tables in contract order with exact row counts, contract columns, types and descriptions', async () => {
    const schema = await loadSchema(nodeDbAdapter(db));
    expect(schema.map((t) => t.name)).toEqual(TABLES.map((t) => t.name));
    for (const table of schema) {
      const spec = TABLES.find((t) => t.name === table.name)!;
      expect(table.rows).toBe(fixtureRows(table.name as TableName).length);
      expect(table.description).toBe(spec.description);
      expect(table.kind).toBe('table');
      expect(table.columns.map((c) => [c.name, c.type, c.description])).toEqual(spec.columns.map((c) => [c.name, c.type, c.description]));
    }
  });

  it('shows tables and views the analyst made, after the export tables, with estimated rows', async () => {
    await db.exec('CREATE TEMP TABLE my_notes AS SELECT record_id, 1 AS score FROM provisions LIMIT 3');
    await db.exec('CREATE VIEW high_only AS SELECT record_id FROM provisions WHERE severity = \'high\'');
    try {
      const schema = await loadSchema(nodeDbAdapter(db));
      const extra = schema.slice(TABLES.length);
      expect(extra.map((t) => [t.name, t.kind, t.rows, t.temporary, t.description])).toEqual([
        ['high_only', 'view', null, false, null],
        ['my_notes', 'table', 3, true, null]
      ]);
      expect(extra[1]!.columns).toEqual([
        { name: 'record_id', type: 'VARCHAR', description: null },
        { name: 'score', type: 'INTEGER', description: null }
      ]);
    } finally {
      await db.exec('DROP VIEW high_only');
      await db.exec('DROP TABLE my_notes');
    }
  });

  it('keeps a temporary table that shadows an export table apart from it', () => {
    const rows = [
      { table_name: 'platforms', kind: 'table', column_name: 'x', data_type: 'INTEGER', temporary: true },
      { table_name: 'platforms', kind: 'table', column_name: 'platform_id', data_type: 'VARCHAR', temporary: false }
    ];
    const schema = buildSchema(rows, new Map([['platforms', 8], ['temp.platforms', 1]]));
    expect(schema.map((t) => [t.name, t.temporary, t.rows, t.description !== null])).toEqual([
      ['platforms', false, 8, true],
      ['platforms', true, 1, false]
    ]);
  });
});
