/**
 * The range and granularity the timeline shows, from what the URL asks and what the export holds. Anything asked for
 * that cannot be shown as asked is adjusted and said (a note), never silently.
 */
import { addDays, allowedGranularities, bucketCount, defaultGranularity, GRANULARITIES, MAX_BUCKETS, type Granularity } from './buckets';

export interface RangeAsked {
  from: string | null;
  to: string | null;
  bucket: Granularity | null;
}

export interface Range {
  from: string;
  to: string;
  granularity: Granularity;
  /** True when the granularity was picked from the span rather than asked for. */
  auto: boolean;
  notes: string[];
}

/**
 * `today` is the latest day: the export's "today" (`$lib/time/today`: its `data_as_of`), not the calendar's, so the
 * range of a 2021 archive ends in 2021. `firstDay` is the first day of the history (null when unknown: the last year
 * is shown). A range ending after today ends today; a reversed range is put the right way round; a granularity
 * giving more than MAX_BUCKETS buckets is replaced by the finest one that does not.
 */
export function resolveRange(asked: RangeAsked, firstDay: string | null, today: string): Range {
  const notes: string[] = [];
  let to = asked.to ?? today;
  if (to > today) {
    notes.push(`Ignored to=${to}: this export’s data ends on ${today}; the range ends there.`);
    to = today;
  }
  let from = asked.from ?? (firstDay !== null && firstDay <= to ? firstDay : addDays(to, -364));
  if (from > to) {
    notes.push(`from=${from} is after to=${to}: the two were swapped.`);
    [from, to] = [to, from];
  }
  let granularity = asked.bucket ?? defaultGranularity(from, to);
  if (bucketCount(from, to, granularity) > MAX_BUCKETS) {
    const finest = allowedGranularities(from, to)[0] ?? GRANULARITIES[GRANULARITIES.length - 1]!;
    notes.push(`A ${granularity} per point over this range would draw more than ${MAX_BUCKETS.toLocaleString('en')} points: showing one point per ${finest}.`);
    granularity = finest;
  }
  return { from, to, granularity, auto: asked.bucket === null, notes };
}
