/**
 * The inliner behind "Open in SQL console": placeholders found only outside strings, quoted names, comments and
 * dollar-quoted strings; every value written as a literal that DuckDB reads back as the same value (run in Node's
 * DuckDB), never as SQL; a count mismatch refused.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import type { Param } from '../../src/lib/db/types';
import { inlineParams, placeholderOffsets, sqlLiteral } from '../../src/lib/sql/inline-params';
import { refusal } from '../../src/lib/sql/guard';

let db: NodeDb;
beforeAll(async () => {
  db = await openNodeDb();
});
afterAll(() => db.close());

const ADVERSARIAL = [
  '',
  "'",
  "''",
  "O'Brien",
  "x' OR '1'='1",
  "'); DROP TABLE provisions; --",
  '?',
  "? ' ?",
  '-- not a comment',
  '/* not a comment */',
  '/*',
  '*/',
  '\\',
  "\\'",
  'back\\slash\\n',
  '$$',
  '$tag$ x $tag$',
  '"quoted"',
  'semi; colon',
  'Ärger — 仲裁 🤝 \u200b\u202e',
  'line\nbreak\r\ttab',
  'nul\u0000byte'
];

describe('placeholderOffsets', () => {
  it('finds ? outside strings, quoted names, comments and dollar-quoted strings only', () => {
    const sql = `SELECT '?', "a?b", E'\\'?', $$ ? $$, $t$ ? $t$ -- ?\n /* ? /* ? */ ? */ , ? FROM t WHERE x = ?`;
    const offsets = placeholderOffsets(sql);
    expect(offsets.map((o) => sql.slice(o - 2, o + 1))).toEqual([', ?', '= ?']);
  });

  it('refuses numbered parameters rather than guessing their order', () => {
    expect(() => placeholderOffsets('SELECT ?1')).toThrow(/Numbered parameter \?1/);
  });
});

describe('inlineParams', () => {
  it('writes each kind of value as its literal', () => {
    expect(inlineParams({ sql: 'SELECT ?, ?, ?, ?, ?, ?', params: ['a', 1, -2, 0.5, true, null] })).toBe(
      "SELECT 'a', 1, (-2), '0.5'::DOUBLE, TRUE, NULL"
    );
    expect(sqlLiteral(false)).toBe('FALSE');
    expect(sqlLiteral("it's")).toBe("'it''s'");
  });

  it('throws when placeholders and parameters differ in number', () => {
    expect(() => inlineParams({ sql: 'SELECT ?, ?', params: [1] })).toThrow('2 ? placeholder(s) but 1 parameter(s)');
    expect(() => inlineParams({ sql: "SELECT '?'", params: [1] })).toThrow('0 ? placeholder(s) but 1 parameter(s)');
    expect(() => inlineParams({ sql: 'SELECT 1', params: [] })).not.toThrow();
  });

  it('keeps a negative number from turning `x - ?` into a comment', async () => {
    const sql = inlineParams({ sql: 'SELECT 10 - ? AS n', params: [-1] });
    expect(sql).toBe('SELECT 10 - (-1) AS n');
    expect(await db.query(sql)).toEqual([{ n: 11 }]);
  });

  it.each(ADVERSARIAL)('round-trips %j as data, never as SQL', async (text) => {
    const query = { sql: "SELECT ? AS v, '?' AS q, ? = ? AS same -- ?\n", params: [text, text, text] };
    const sql = inlineParams(query);
    // One statement, read-only: the console's guard accepts it and it cannot smuggle a second one.
    expect(refusal(sql)).toBeNull();
    expect(await db.query(sql)).toEqual([{ v: text, q: '?', same: true }]);
    expect(await db.query(sql)).toEqual(await db.query(query.sql, query.params));
  });

  it('round-trips any string, number, boolean or null (property)', async () => {
    const param = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom("'", '"', '?', '-', '/', '*', '$', '\\', ';', 'E', 'a', ' ', '\n'), maxLength: 16 }),
      fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
      fc.boolean(),
      fc.constant(null)
    );
    await fc.assert(
      fc.asyncProperty(fc.array(param, { minLength: 1, maxLength: 4 }), async (params: Param[]) => {
        const sql = inlineParams({ sql: `SELECT ${params.map((_, i) => `? AS c${i}`).join(', ')}`, params });
        expect(refusal(sql)).toBeNull();
        const [row] = await db.query(sql);
        expect(Object.values(row!)).toEqual(params.map((p) => (Object.is(p, -0) ? 0 : p)));
      }),
      { numRuns: 200 }
    );
  });

  it('gives back the exact double, which a numeric literal read as DECIMAL first does not (found by the property)', async () => {
    // `-0.0017437415027584827::DOUBLE` comes back as -0.0017437415027584829: DuckDB reads the literal as a DECIMAL.
    const params = [-0.0017437415027584827, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, 2 ** 60 + 0.5];
    const sql = inlineParams({ sql: `SELECT ${params.map((_, i) => `? AS c${i}`).join(', ')}`, params });
    expect(Object.values((await db.query(sql))[0]!)).toEqual(params);
  });

  it('writes NaN and infinities as DOUBLE values', async () => {
    const sql = inlineParams({ sql: 'SELECT isnan(?) AS a, ? > 1e308 AS b, ? < -1e308 AS c', params: [NaN, Infinity, -Infinity] });
    expect(await db.query(sql)).toEqual([{ a: true, b: true, c: true }]);
  });
});
