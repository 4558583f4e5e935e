/**
 * Fast bulk insert into a contract table: rows are buffered column by column and handed to DuckDB as whole data
 * chunks (about 4x faster than appending value by value through @duckdb/node-api's row appender).
 */
import {
  BOOLEAN,
  DATE,
  DuckDBDataChunk,
  INTEGER,
  LIST,
  TIMESTAMP,
  VARCHAR,
  dateValue,
  listValue,
  timestampValue,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue
} from '@duckdb/node-api';
import { tableSpec, type ColumnType, type TableName } from '../../src/lib/contract/schema';
import type { NodeDb } from './duckdb-node';

/**
 * A value in the form the appender takes: VARCHAR string, VARCHAR[] string[], INTEGER number, BOOLEAN boolean,
 * DATE days since 1970-01-01 (number), TIMESTAMP microseconds since 1970-01-01T00:00Z (bigint), or null.
 */
export type ContractValue = string | number | boolean | bigint | readonly string[] | null;

const CHUNK_ROWS = 2048; // DuckDB's vector size: one data chunk holds at most this many rows.

function duckType(type: ColumnType): DuckDBType {
  switch (type) {
    case 'VARCHAR':
      return VARCHAR;
    case 'VARCHAR[]':
      return LIST(VARCHAR);
    case 'INTEGER':
      return INTEGER;
    case 'BOOLEAN':
      return BOOLEAN;
    case 'DATE':
      return DATE;
    case 'TIMESTAMP':
      return TIMESTAMP;
  }
}

function toDuck(type: ColumnType, value: ContractValue): DuckDBValue {
  if (value === null) return null;
  switch (type) {
    case 'VARCHAR[]':
      return listValue(value as readonly string[]);
    case 'DATE':
      return dateValue(value as number);
    case 'TIMESTAMP':
      return timestampValue(value as bigint);
    default:
      return value as DuckDBValue;
  }
}

export class TableAppender {
  private readonly types: ColumnType[];
  private readonly duckTypes: DuckDBType[];
  private columns: DuckDBValue[][];
  private buffered = 0;
  /** Rows appended so far (flushed or not). */
  rows = 0;

  private constructor(
    private readonly appender: DuckDBAppender,
    readonly table: TableName
  ) {
    this.types = tableSpec(table).columns.map((c) => c.type);
    this.duckTypes = this.types.map(duckType);
    this.columns = this.types.map(() => []);
  }

  /** The table must exist with exactly the contract's columns (see `createContractTables`). */
  static async open(db: NodeDb, table: TableName): Promise<TableAppender> {
    return new TableAppender(await db.connection.createAppender(table), table);
  }

  /** One row, values in contract column order. */
  append(row: readonly ContractValue[]): void {
    if (row.length !== this.types.length) {
      throw new Error(`${this.table}: row has ${row.length} values, the contract has ${this.types.length} columns`);
    }
    for (let i = 0; i < row.length; i++) this.columns[i]!.push(toDuck(this.types[i]!, row[i]!));
    this.rows++;
    if (++this.buffered === CHUNK_ROWS) this.flushChunk();
  }

  private flushChunk(): void {
    if (this.buffered === 0) return;
    const chunk = DuckDBDataChunk.create(this.duckTypes, this.buffered);
    chunk.setColumns(this.columns);
    this.appender.appendDataChunk(chunk);
    this.columns = this.types.map(() => []);
    this.buffered = 0;
  }

  /** Writes buffered rows into the table; later appends continue after them. */
  flush(): void {
    this.flushChunk();
    this.appender.flushSync();
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }
}
