/**
 * Axis ticks for a bucketed time axis drawn by bucket index: ticks sit where a calendar unit begins (a month, a
 * quarter, a year, …), coarse enough that at most `max` fit, and are labelled by that unit in UTC.
 */
import { parseDay } from '$lib/format/date';
import { bucketTick, bucketLabel } from './bucket-label';
import type { Granularity } from './buckets';

export interface Tick {
  index: number;
  label: string;
}

interface Level {
  key: (day: string) => string;
  label: (day: string, locale?: string) => string;
}

const year = (d: string) => d.slice(0, 4);
const fmtCache = new Map<string, Intl.DateTimeFormat>();
function monthYear(day: string, locale?: string): string {
  const k = locale ?? '';
  let f = fmtCache.get(k);
  if (!f) fmtCache.set(k, (f = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return f.format(parseDay(day));
}

const LEVELS: Level[] = [
  { key: (d) => d.slice(0, 7), label: monthYear },
  { key: (d) => `${year(d)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3)}`, label: (d) => bucketLabel(`${d.slice(0, 8)}01`, 'quarter') },
  { key: year, label: year },
  { key: (d) => String(Math.floor(Number(year(d)) / 2)), label: year },
  { key: (d) => String(Math.floor(Number(year(d)) / 5)), label: year },
  { key: (d) => String(Math.floor(Number(year(d)) / 10)), label: year }
];

/** Ticks for buckets starting on `starts` (in order) at granularity `g`: every bucket when they fit, else boundaries. */
export function bucketTicks(starts: readonly string[], g: Granularity, max: number, locale?: string): Tick[] {
  if (starts.length === 0 || max < 1) return [];
  if (starts.length <= max) return starts.map((s, index) => ({ index, label: bucketTick(s, g, locale) }));
  for (const level of LEVELS) {
    const ticks: Tick[] = [];
    for (let i = 1; i < starts.length; i++) {
      if (level.key(starts[i]!) !== level.key(starts[i - 1]!)) ticks.push({ index: i, label: level.label(starts[i]!, locale) });
    }
    if (ticks.length <= max) return ticks;
  }
  return [];
}

/** Ticks on a continuous UTC time axis from `start` to `end` (ms): month, quarter, year, … starts, at most `max`. */
export function timeTicks(start: number, end: number, max: number, locale?: string): { t: number; label: string }[] {
  if (!(end > start) || max < 1) return [];
  const first = new Date(start);
  const steps: { months: number; label: (d: Date) => string }[] = [
    { months: 1, label: (d) => monthYear(d.toISOString().slice(0, 10), locale) },
    { months: 3, label: (d) => bucketLabel(d.toISOString().slice(0, 10), 'quarter', locale) },
    { months: 12, label: (d) => String(d.getUTCFullYear()) },
    { months: 24, label: (d) => String(d.getUTCFullYear()) },
    { months: 60, label: (d) => String(d.getUTCFullYear()) },
    { months: 120, label: (d) => String(d.getUTCFullYear()) }
  ];
  for (const step of steps) {
    const out: { t: number; label: string }[] = [];
    // First month start on or after `start` that is a multiple of the step (months counted from year 0).
    let m = first.getUTCFullYear() * 12 + first.getUTCMonth();
    if (Date.UTC(Math.floor(m / 12), m % 12, 1) < start) m++;
    m = Math.ceil(m / step.months) * step.months;
    for (; ; m += step.months) {
      const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
      if (t >= end) break;
      out.push({ t, label: step.label(new Date(t)) });
      if (out.length > max) break;
    }
    if (out.length <= max) return out;
  }
  return [];
}
