/**
 * Days and instants for display, in the reader's locale (`locale` undefined = the browser's).
 *
 * A DATE ("YYYY-MM-DD") is a calendar day, not an instant: it is formatted in UTC from its own parts, so no time zone
 * can move it to the day before. A TIMESTAMP is a UTC instant; by default it is shown in UTC and says so, because
 * sources often record only the day (stored as UTC midnight), and in the Americas the local rendering of that instant
 * would fall on the previous day.
 */
import { formatterCache } from './formatter-cache';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatter = formatterCache((locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options));

/** "YYYY-MM-DD" -> the UTC midnight of that day; throws on anything else (including 2025-02-30). */
export function parseDay(day: string): Date {
  const m = DAY.exec(day);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
  return date;
}

function toInstant(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a timestamp: ${JSON.stringify(value)}`);
  return date;
}

/** A calendar day, e.g. "2025-03-01" -> "Mar 1, 2025" (en-US) / "1 Mar 2025" (en-GB). */
export function formatDay(day: string, locale?: string): string {
  return formatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(parseDay(day));
}

export interface TimestampFormat {
  locale?: string;
  /** IANA zone to show the instant in. Default 'UTC' (see the module comment); the zone is always named. */
  timeZone?: string;
}

/** An instant with its time and zone, e.g. "Mar 1, 2025, 2:30 PM UTC". Accepts a Date or an ISO 8601 string. */
export function formatTimestamp(value: Date | string, { locale, timeZone = 'UTC' }: TimestampFormat = {}): string {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone
  };
  return formatter(locale, options).format(toInstant(value));
}

/** The UTC calendar day of an instant, e.g. a `first_tracked` recorded as UTC midnight -> "Mar 1, 2025". */
export function formatTimestampDay(value: Date | string, locale?: string): string {
  return formatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(toInstant(value));
}
