/**
 * An instant from the version history for display. Versions mostly start at midnight UTC (sources often know only
 * the day), and "Nov 15, 2023, 12:00 AM UTC" says no more than "Nov 15, 2023": a UTC midnight is shown as its day,
 * any other instant with its time and zone.
 */
import { formatTimestamp, formatTimestampDay } from '$lib/format/date';

export function formatInstant(value: Date, locale?: string): string {
  return value.getTime() % 86_400_000 === 0 ? formatTimestampDay(value, locale) : formatTimestamp(value, { locale });
}
