/**
 * Error positions from DuckDB's own messages: the statements run on @duckdb/node-api (the browser's engine version),
 * and the offset found must point at the token DuckDB complains about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import { codePointOffsetToIndex, parseSqlError } from '../../src/lib/sql/error-position';

let db: NodeDb;
beforeAll(async () => {
  db = await openNodeDb();
  await db.exec('CREATE TABLE platforms (platform_id VARCHAR, name VARCHAR)');
});
afterAll(() => db?.close());

async function messageOf(sql: string): Promise<string> {
  try {
    await db.query(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected an error from ${sql}`);
}

const long = `'${'a'.repeat(90)}'`;

describe('parseSqlError on DuckDB messages', () => {
  it.each([
    ['SELECT nme FROM platforms', 'nme', /^Binder Error: Referenced column "nme" not found/],
    ['SELECT * FORM platforms', 'platforms', /^Parser Error: syntax error at or near "platforms"$/],
    ['SELECT 1,\n  nope(2)\nFROM platforms', 'nope', /^Catalog Error: Scalar Function with name nope does not exist/],
    ['SELECT * FROM nosuch', 'nosuch', /^Catalog Error: Table with name nosuch/],
    [`SELECT ${long}, ${long}, xx, ${long} FROM platforms`, 'xx', /Referenced column "xx"/],
    ["SELECT 'é—仲', zz FROM platforms", 'zz', /Referenced column "zz"/],
    ["SELECT '🤝한', yy FROM platforms", 'yy', /Referenced column "yy"/],
    ["SELECT CAST('x' AS INTEGER)", "CAST('x'", /^Conversion Error/]
  ])('%j points at %j', async (sql, token, message) => {
    const parsed = parseSqlError(await messageOf(sql), sql);
    expect(parsed.message).toMatch(message);
    expect(parsed.message).not.toMatch(/LINE \d+:/);
    expect(parsed.offset).not.toBeNull();
    expect(sql.slice(parsed.offset!)).toMatch(new RegExp(`^${token.replace(/[()]/g, '\\$&')}`));
  });

  it('puts "at end of input" at the end of the statement', async () => {
    const sql = 'SELECT * FROM platforms WHERE name = 1 +';
    const parsed = parseSqlError(await messageOf(sql), sql);
    expect(parsed.message).toMatch(/syntax error at end of input/);
    expect(parsed.offset).toBe(sql.length);
  });

  it('gives no position when DuckDB names none', () => {
    expect(parseSqlError('Invalid Input Error: Cannot change configuration option "threads" - the configuration has been locked', 'SET threads=1')).toEqual({
      message: 'Invalid Input Error: Cannot change configuration option "threads" - the configuration has been locked',
      offset: null
    });
  });
});

describe('parseSqlError on duckdb-wasm JSON errors', () => {
  // As duckdb-wasm 1.32 reports parser errors (recorded in Chromium): DuckDB's error object, position in code points.
  const wasm = (message: string, position: number) =>
    JSON.stringify({ exception_type: 'Parser', exception_message: message, error_subtype: 'SYNTAX_ERROR', position: String(position) });

  it('uses the position field and drops the excerpt', () => {
    const sql = 'SELEC 1';
    expect(parseSqlError(wasm('syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^', 0), sql)).toEqual({
      message: 'Parser Error: syntax error at or near "SELEC"',
      offset: 0
    });
  });

  it('converts a code-point position into a string index', () => {
    // Recorded: duckdb-wasm reported position 15 for this statement.
    const sql = "SELECT '🤝' FRM platforms";
    const parsed = parseSqlError(wasm('syntax error at or near "platforms"', 15), sql);
    expect(sql.slice(parsed.offset!)).toBe('platforms');
    const mixed = "SELECT 'é仲🤝' FRM x";
    expect(mixed.slice(codePointOffsetToIndex(mixed, [...mixed.slice(0, mixed.indexOf('FRM'))].length))).toBe('FRM x');
    expect(codePointOffsetToIndex('abc', 2)).toBe(2);
    expect(codePointOffsetToIndex('🤝x', 1)).toBe(2);
  });
});
