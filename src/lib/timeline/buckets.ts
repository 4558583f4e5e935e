/**
 * Time buckets of the timeline: a day, an ISO week (Monday to Sunday), a calendar month or a quarter, always in UTC.
 *
 * A bucket is reported by the state at the END of its last UTC day — the shared as-of rule (`queries/as-of.ts`)
 * applied to that day. So a provision counts in a bucket when it is in force at the bucket's close, and a change
 * made on any day of the bucket already shows in it. The last bucket is cut at the end of the range (usually
 * today): its state is the state as of the range's last day, never a state in the future.
 *
 * Days are 'YYYY-MM-DD' strings and arithmetic is done on UTC midnights, so the process time zone cannot move a
 * bucket by a day.
 */
import { parseDay } from '$lib/format/date';

export const GRANULARITIES = ['day', 'week', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY_MS = 86_400_000;

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` shifted by whole days. */
export function addDays(day: string, days: number): string {
  return iso(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseDay(b).getTime() - parseDay(a).getTime()) / DAY_MS);
}

/** First day of the bucket holding `day` (what DuckDB's `date_trunc` gives: ISO weeks start on Monday). */
export function bucketStart(day: string, g: Granularity): string {
  const d = parseDay(day);
  switch (g) {
    case 'day':
      return day;
    case 'week':
      // getUTCDay: 0 = Sunday; Monday-based offset.
      return iso(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS));
    case 'month':
      return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
    case 'quarter':
      return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1)));
  }
}

/** First day of the bucket after the one starting on `start`. */
export function nextBucketStart(start: string, g: Granularity): string {
  const d = parseDay(start);
  switch (g) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
    case 'quarter':
      return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1)));
  }
}

export interface Bucket {
  /** First day of the bucket. */
  start: string;
  /** The day whose end the bucket reports: its last day, or the range's last day for a bucket cut short. */
  asOf: string;
}

/** Buckets covering [from, to] (both days inclusive), in order. The first may start before `from`. */
export function bucketsFor(from: string, to: string, g: Granularity): Bucket[] {
  if (to < from) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  const out: Bucket[] = [];
  for (let start = bucketStart(from, g); start <= to; start = nextBucketStart(start, g)) {
    const last = addDays(nextBucketStart(start, g), -1);
    out.push({ start, asOf: last < to ? last : to });
  }
  return out;
}

/** Most buckets a chart draws; a finer granularity over a longer span is refused (see `allowedGranularities`). */
export const MAX_BUCKETS = 3_000;

/** How many buckets [from, to] gives at granularity g, without listing them. */
export function bucketCount(from: string, to: string, g: Granularity): number {
  const days = daysBetween(bucketStart(from, g), to) + 1;
  if (g === 'day') return days;
  if (g === 'week') return Math.ceil(days / 7);
  const a = parseDay(bucketStart(from, g));
  const b = parseDay(to);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
  return g === 'month' ? months : Math.ceil(months / 3);
}

export function allowedGranularities(from: string, to: string): Granularity[] {
  return GRANULARITIES.filter((g) => bucketCount(from, to, g) <= MAX_BUCKETS);
}

/**
 * The granularity picked when the analyst has not chosen one: days up to three months, weeks up to two years,
 * months up to fifteen years, quarters beyond — between about 13 and 180 points.
 */
export function defaultGranularity(from: string, to: string): Granularity {
  const days = daysBetween(from, to) + 1;
  if (days <= 92) return 'day';
  if (days <= 731) return 'week';
  if (days <= 15 * 366) return 'month';
  return 'quarter';
}
