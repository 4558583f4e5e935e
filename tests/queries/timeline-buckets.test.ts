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

describe('bucketTicks', () => {
  it('labels month, quarter and year boundaries in UTC, at most `max` of them', async () => {
    const { bucketTicks } = await import('../../src/lib/timeline/ticks');
    const months = bucketsFor('2019-01-07', '2026-11-29', 'month').map((b) => b.start);
    const years = bucketTicks(months, 'month', 10, 'en-US');
    expect(years.map((t) => t.label)).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    expect(years.map((t) => months[t.index])).toEqual(['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01', '2026-01-01']);
    const days = bucketsFor('2023-12-20', '2024-03-10', 'day').map((b) => b.start);
    const monthTicks = bucketTicks(days, 'day', 8, 'en-US');
    expect(monthTicks.map((t) => t.label)).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024']);
    expect(monthTicks.map((t) => days[t.index])).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    const quarters = bucketsFor('2022-05-01', '2024-11-01', 'week').map((b) => b.start);
    expect(bucketTicks(quarters, 'week', 12, 'en-US').map((t) => t.label)).toEqual(['Q3 2022', 'Q4 2022', 'Q1 2023', 'Q2 2023', 'Q3 2023', 'Q4 2023', 'Q1 2024', 'Q2 2024', 'Q3 2024', 'Q4 2024']);
    expect(bucketTicks(['2024-01-01', '2024-02-01'], 'month', 5, 'en-US')).toEqual([{ index: 0, label: 'Jan 24' }, { index: 1, label: 'Feb 24' }]);
  });
});

describe('timeTicks', () => {
  it('puts ticks on UTC month, quarter or year starts inside the range', async () => {
    const { timeTicks } = await import('../../src/lib/timeline/ticks');
    const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const years = timeTicks(ms('2019-01-07'), ms('2026-11-30'), 10, 'en-US');
    expect(years.map((t) => t.label)).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    expect(years.map((t) => new Date(t.t).toISOString())).toContain('2024-01-01T00:00:00.000Z');
    const months = timeTicks(ms('2024-01-01'), ms('2024-04-15'), 6, 'en-US');
    expect(months.map((t) => t.label)).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024', 'Apr 2024']);
    const quarters = timeTicks(ms('2023-11-20'), ms('2025-06-01'), 8, 'en-US');
    expect(quarters.map((t) => t.label)).toEqual(['Q1 2024', 'Q2 2024', 'Q3 2024', 'Q4 2024', 'Q1 2025', 'Q2 2025']);
  });
});

describe('formatInstant', () => {
  it('shows a UTC midnight as its UTC day, anything else with time and zone, in America/Los_Angeles', async () => {
    const { formatInstant } = await import('../../src/lib/timeline/instant');
    expect(formatInstant(new Date('2024-01-01T00:00:00Z'), 'en-US')).toBe('Jan 1, 2024');
    expect(formatInstant(new Date('2024-02-29T13:45:00Z'), 'en-US')).toBe('Feb 29, 2024, 1:45 PM UTC');
  });
});

describe('resolveRange', () => {
  it('defaults to the history up to today, swaps a reversed range, ends today, refuses too many points', async () => {
    const { resolveRange } = await import('../../src/lib/timeline/range');
    const today = '2026-11-29';
    expect(resolveRange({ from: null, to: null, bucket: null }, '2019-01-07', today)).toEqual({ from: '2019-01-07', to: today, granularity: 'month', auto: true, notes: [] });
    expect(resolveRange({ from: null, to: null, bucket: null }, null, today)).toMatchObject({ from: '2025-11-30', to: today, granularity: 'week' });
    const swapped = resolveRange({ from: '2024-03-01', to: '2024-01-01', bucket: 'day' }, null, today);
    expect(swapped).toMatchObject({ from: '2024-01-01', to: '2024-03-01', granularity: 'day', auto: false });
    expect(swapped.notes).toEqual(['from=2024-03-01 is after to=2024-01-01: the two were swapped.']);
    const future = resolveRange({ from: '2026-01-01', to: '2027-01-01', bucket: null }, null, today);
    expect(future.to).toBe(today);
    expect(future.notes).toEqual([`Ignored to=2027-01-01: this export’s data ends on ${today}; the range ends there.`]);
    const tooMany = resolveRange({ from: '2000-01-01', to: null, bucket: 'day' }, null, today);
    expect(tooMany.granularity).toBe('week');
    expect(tooMany.notes[0]).toMatch(/more than 3,000 points: showing one point per week/);
  });
});
