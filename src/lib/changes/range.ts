/**
 * The period the change feed shows, from what the URL asks, the export's "today" (`$lib/time/today`: its
 * `data_as_of`) and the day of the last change in its history. The feed must open on a period that holds changes:
 * an archive whose history stopped years before its `data_as_of` would otherwise open on an empty year, with no hint
 * of where the changes are.
 */
import { addDays } from '$lib/timeline/buckets';

export interface PeriodAsked {
  from: string | null;
  to: string | null;
}

export interface Period {
  from: string;
  to: string;
  notes: string[];
}

/** Days in the default period: a year, both ends included. */
export const DEFAULT_PERIOD_DAYS = 365;

/** The period of DEFAULT_PERIOD_DAYS days ending on `to`. */
export function periodEndingOn(to: string): { from: string; to: string } {
  return { from: addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}

/**
 * The default period is the year up to the export's today; when the history's last change (`lastChange`, null when
 * unknown or there is none) falls before that year, the year up to the last change instead. A `to` after today ends
 * today (said in a note); a reversed period is swapped (said too).
 */
export function resolvePeriod(asked: PeriodAsked, today: string, lastChange: string | null): Period {
  const notes: string[] = [];
  let to = asked.to;
  if (to === null) {
    const latest = lastChange !== null && lastChange < today ? lastChange : today;
    to = asked.from === null && latest < periodEndingOn(today).from ? latest : today;
  } else if (to > today) {
    notes.push(`Ignored to=${to}: this export’s data ends on ${today}; the period ends there.`);
    to = today;
  }
  let from = asked.from ?? periodEndingOn(to).from;
  if (from > to) {
    notes.push(`from=${from} is after to=${to}: the two were swapped.`);
    [from, to] = [to, from];
  }
  return { from, to, notes };
}
