/**
 * Bucket names for axes, tooltips and tables, in the reader's locale. Formatted in UTC from the bucket's first day,
 * like every calendar day in the app (`format/date.ts`): a reader west of Greenwich must not see January's bucket
 * called "Dec 2023".
 */
import { formatDay, parseDay } from '$lib/format/date';
import type { Granularity } from './buckets';

const cache = new Map<string, Intl.DateTimeFormat>();

function utc(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })));
  return f;
}

/** "Mar 4, 2024" (day), "Week of Mar 4, 2024", "Mar 2024", "Q1 2024". */
export function bucketLabel(start: string, g: Granularity, locale?: string): string {
  const d = parseDay(start);
  switch (g) {
    case 'day':
      return formatDay(start, locale);
    case 'week':
      return `Week of ${formatDay(start, locale)}`;
    case 'month':
      return utc(locale, { year: 'numeric', month: 'short' }).format(d);
    case 'quarter':
      return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
  }
}

/** A short axis tick: "Mar 4" within a year, "Mar 2024" for months, "Q1 2024" for quarters. */
export function bucketTick(start: string, g: Granularity, locale?: string): string {
  if (g === 'quarter') return bucketLabel(start, g, locale);
  if (g === 'month') return utc(locale, { year: '2-digit', month: 'short' }).format(parseDay(start));
  return utc(locale, { month: 'short', day: 'numeric' }).format(parseDay(start));
}

export const GRANULARITY_LABELS: Record<Granularity, string> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter'
};
