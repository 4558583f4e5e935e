/**
 * Buckets in TypeScript agree with DuckDB's date_trunc (which the timeline SQL uses), stay on their UTC days in a
 * time zone far from UTC, and are labelled by their own calendar day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import {
  addDays,
  allowedGranularities,
  bucketCount,
  bucketsFor,
  bucketStart,
  defaultGranularity,
  GRANULARITIES,
  MAX_BUCKETS,
  nextBucketStart
} from '../../src/lib/timeline/buckets';
import { bucketLabel, bucketTick } from '../../src/lib/timeline/bucket-label';

it('runs in a time zone far from UTC (npm test pins America/Los_Angeles)', () => {
  expect(new Date('2024-01-01T00:00:00Z').getTimezoneOffset()).toBeGreaterThan(0);
});

describe('bucketStart matches DuckDB date_trunc', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await openNodeDb();
  });
  afterAll(() => db.close());

  it('for every day from 2019-12-01 to 2025-03-31 at every granularity', async () => {
    const rows = await db.query(
      `SELECT CAST(d AS DATE) AS day,
         CAST(date_trunc('day', d) AS DATE) AS day_start,
         CAST(date_trunc('week', d) AS DATE) AS week,
         CAST(date_trunc('month', d) AS DATE) AS month,
         CAST(date_trunc('quarter', d) AS DATE) AS quarter
       FROM (SELECT unnest(generate_series(TIMESTAMP '2019-12-01 13:00:00', TIMESTAMP '2025-03-31 13:00:00', INTERVAL 1 DAY)) AS d)`
    );
    expect(rows.length).toBeGreaterThan(1900);
    for (const r of rows) {
      const day = r.day as string;
      expect(bucketStart(day, 'day')).toBe(r.day_start);
      expect(bucketStart(day, 'week'), day).toBe(r.week);
      expect(bucketStart(day, 'month'), day).toBe(r.month);
      expect(bucketStart(day, 'quarter'), day).toBe(r.quarter);
    }
  });
});

describe('bucketsFor', () => {
  it('crosses a year end by weeks: ISO weeks start on Monday, the last one is cut at the range end', () => {
    expect(bucketsFor('2023-12-27', '2024-01-09', 'week')).toEqual([
      { start: '2023-12-25', asOf: '2023-12-31' },
      { start: '2024-01-01', asOf: '2024-01-07' },
      { start: '2024-01-08', asOf: '2024-01-09' }
    ]);
  });

  it('holds the leap day: February 2024 ends on the 29th, Q1 2024 on March 31', () => {
    expect(bucketsFor('2024-01-15', '2024-04-02', 'month')).toEqual([
      { start: '2024-01-01', asOf: '2024-01-31' },
      { start: '2024-02-01', asOf: '2024-02-29' },
      { start: '2024-03-01', asOf: '2024-03-31' },
      { start: '2024-04-01', asOf: '2024-04-02' }
    ]);
    expect(bucketsFor('2023-02-27', '2023-03-01', 'day').map((b) => b.asOf)).toEqual(['2023-02-27', '2023-02-28', '2023-03-01']);
    expect(bucketsFor('2024-02-28', '2024-03-01', 'day').map((b) => b.asOf)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(bucketsFor('2023-11-20', '2024-05-01', 'quarter')).toEqual([
      { start: '2023-10-01', asOf: '2023-12-31' },
      { start: '2024-01-01', asOf: '2024-03-31' },
      { start: '2024-04-01', asOf: '2024-05-01' }
    ]);
  });

  it('counts without listing, for every granularity', () => {
    for (const [from, to] of [['2019-01-07', '2026-11-29'], ['2024-02-29', '2024-02-29'], ['2023-12-31', '2024-01-01']] as const) {
      for (const g of GRANULARITIES) expect(bucketCount(from, to, g), `${from} ${to} ${g}`).toBe(bucketsFor(from, to, g).length);
    }
  });

  it('steps buckets and days in UTC', () => {
    expect(nextBucketStart('2024-11-01', 'quarter')).toBe('2025-02-01');
    expect(nextBucketStart('2024-10-01', 'quarter')).toBe('2025-01-01');
    expect(nextBucketStart('2024-12-30', 'week')).toBe('2025-01-06');
    // 2024-03-10 is the day the US switches to daylight time: a local-time step would land on 03-10 again or 03-12.
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
    expect(addDays('2024-11-03', -1)).toBe('2024-11-02');
    expect(() => bucketsFor('2024-02-01', '2024-01-01', 'day')).toThrow();
  });

  it('picks a default granularity from the span and refuses too many buckets', () => {
    expect(defaultGranularity('2024-01-01', '2024-03-01')).toBe('day');
    expect(defaultGranularity('2024-01-01', '2025-06-01')).toBe('week');
    expect(defaultGranularity('2019-01-07', '2026-11-29')).toBe('month');
    expect(defaultGranularity('2000-01-01', '2026-11-29')).toBe('quarter');
    expect(allowedGranularities('2010-01-01', '2026-11-29')).toEqual(['week', 'month', 'quarter']);
    expect(bucketCount('2010-01-01', '2026-11-29', 'day')).toBeGreaterThan(MAX_BUCKETS);
  });
});

describe('bucket labels in America/Los_Angeles', () => {
  it('name each bucket by its own UTC calendar day', () => {
    expect(bucketLabel('2024-01-01', 'month', 'en-US')).toBe('Jan 2024');
    expect(bucketLabel('2024-01-01', 'quarter', 'en-US')).toBe('Q1 2024');
    expect(bucketLabel('2024-02-29', 'day', 'en-US')).toBe('Feb 29, 2024');
    expect(bucketLabel('2024-01-01', 'week', 'en-US')).toBe('Week of Jan 1, 2024');
    expect(bucketLabel('2024-10-01', 'quarter', 'en-US')).toBe('Q4 2024');
    expect(bucketTick('2024-01-01', 'month', 'en-US')).toBe('Jan 24');
    expect(bucketTick('2024-03-01', 'day', 'en-US')).toBe('Mar 1');
    expect(bucketLabel('2024-03-01', 'month', 'de-DE')).toBe('März 2024');
  });
});
