import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDayInstant, inForceAsOf, isInForceAsOf } from '../../src/lib/queries/as-of';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';

describe('endOfDayInstant', () => {
  it.each([
    ['2024-02-28', '2024-02-29 00:00:00'],
    ['2024-02-29', '2024-03-01 00:00:00'],
    ['2023-12-31', '2024-01-01 00:00:00'],
    ['2025-02-28', '2025-03-01 00:00:00']
  ])('%s ends at %s', (day, end) => expect(endOfDayInstant(day)).toBe(end));

  it.each(['2023-02-29', '2024-13-01', '24-01-01', '2024-1-1', "2024-01-01'; DROP TABLE x"])('refuses %s', (day) => {
    expect(() => endOfDayInstant(day)).toThrow();
  });
});

describe('inForceAsOf matches the plain rule on DuckDB', () => {
  let db: NodeDb;
  const ts = (s: string | null) => (s === null ? null : new Date(`${s}Z`));
  // [valid_from, valid_to, change_kind]
  const versions: [string | null, string | null, string | null][] = [
    ['2023-01-01T00:00:00', '2024-01-01T00:00:00', 'added'], // ends exactly at a year boundary
    ['2024-01-01T00:00:00', null, 'severity_changed'], // open-ended, starts at midnight
    ['2024-02-29T13:45:00', '2024-03-01T00:00:00', 'added'], // leap day, ends at midnight
    ['2024-03-01T00:00:00', '2024-03-01T00:00:01', 'text_changed'], // one second long
    ['2024-06-01T00:00:00', null, 'removed'], // a removal marker is never in force
    [null, null, 'added'] // unknown start
  ];
  const days = ['2022-12-31', '2023-01-01', '2023-12-31', '2024-01-01', '2024-02-28', '2024-02-29', '2024-03-01', '2024-06-01', '2030-01-01'];

  beforeAll(async () => {
    db = await openNodeDb();
    await db.exec('CREATE TABLE v (id INTEGER, valid_from TIMESTAMP, valid_to TIMESTAMP, change_kind VARCHAR)');
    for (const [i, [from, to, kind]] of versions.entries()) {
      await db.query('INSERT INTO v VALUES (?, ?::TIMESTAMP, ?::TIMESTAMP, ?)', [i, from, to, kind]);
    }
  });
  afterAll(() => db.close());

  it.each(days)('as of %s', async (day) => {
    const p = inForceAsOf(day);
    const rows = await db.query(`SELECT id FROM v WHERE ${p.sql} ORDER BY id`, p.params);
    const expected = versions
      .map(([from, to, kind], id) => ({ id, valid_from: ts(from), valid_to: ts(to), change_kind: kind }))
      .filter((v) => isInForceAsOf(v, day))
      .map((v) => ({ id: v.id }));
    expect(rows).toEqual(expected);
  });

  it('puts a change made during a day into that day', () => {
    const v = { valid_from: ts('2024-02-29T13:45:00'), valid_to: null };
    expect(isInForceAsOf(v, '2024-02-28')).toBe(false);
    expect(isInForceAsOf(v, '2024-02-29')).toBe(true);
  });

  it('a version ending exactly at midnight is gone as of the day that midnight starts', () => {
    const v = { valid_from: ts('2023-01-01T00:00:00'), valid_to: ts('2024-01-01T00:00:00') };
    expect(isInForceAsOf(v, '2023-12-31')).toBe(true);
    expect(isInForceAsOf(v, '2024-01-01')).toBe(false);
  });
});
