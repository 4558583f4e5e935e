/**
 * DuckDB in Node (`@duckdb/node-api`, the same engine version as the browser's duckdb-wasm) for scripts and tests.
 * Rows come back in the app's shape (`src/lib/db/values.ts`) so results from both engines compare directly.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Db } from '../../src/lib/db/types';
import { isoDay, toNumber, type Cell, type Row } from '../../src/lib/db/values';

export interface NodeDb {
  connection: DuckDBConnection;
  /** Runs one statement with `?` parameters bound positionally; rows in the app's shape. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs statements that return nothing useful. */
  exec(sql: string): Promise<void>;
  close(): void;
}

function normalise(type: string, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (type === 'DATE' && value instanceof Date) return isoDay(value);
  if (typeof value === 'bigint') return toNumber(value);
  if (Array.isArray(value)) {
    const inner = type.endsWith('[]') ? type.slice(0, -2) : '';
    return value.map((v) => normalise(inner, v));
  }
  return value as Cell;
}

export async function openNodeDb(path = ':memory:', options: Record<string, string> = {}): Promise<NodeDb> {
  const instance = await DuckDBInstance.create(path, options);
  const connection = await instance.connect();
  // Node's DuckDB has ICU built in and takes the process time zone (tests pin America/Los_Angeles); duckdb-wasm
  // has no ICU and works in UTC. Pin UTC so TIMESTAMPTZ casts and date parts agree between the two engines.
  // (It cannot go into the instance options: they are applied before ICU is loaded.)
  await connection.run("SET TimeZone = 'UTC'");
  return {
    connection,
    async query(sql, params = []) {
      const reader = await connection.runAndReadAll(sql, params as DuckDBValue[]);
      const names = reader.columnNames();
      const types = reader.columnTypes().map((t) => t.toString());
      return reader.getRowObjectsJS().map((raw) => {
        const row: Row = {};
        names.forEach((name, i) => (row[name] = normalise(types[i]!, raw[name])));
        return row;
      });
    },
    async exec(sql) {
      await connection.run(sql);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/** A NodeDb as the app's `Db` interface, so page-level loaders (e.g. `loadOverview`) run in Node scripts. */
export function asAppDb(node: NodeDb): Db {
  return {
    async query(query, options = {}) {
      // node-api cannot cancel a running statement; an abort is honoured before and after it.
      options.signal?.throwIfAborted();
      const rows = await node.query(query.sql, query.params);
      options.signal?.throwIfAborted();
      return rows;
    }
  };
}
