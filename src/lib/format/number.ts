/**
 * Numbers for display, in the reader's locale (`locale` undefined = the browser's), with cached formatters.
 */
import { formatterCache } from './formatter-cache';

const formatter = formatterCache((locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));

/** A whole count with grouping: 12345 -> "12,345" (en) or "12.345" (de). */
export function formatCount(n: number, locale?: string): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A share of a whole: 0.256 -> "26%". Shows "<1%" rather than a misleading "0%" for a small non-zero share. */
export function formatShare(fraction: number, locale?: string): string {
  if (fraction > 0 && fraction < 0.005) return `<${formatter(locale, { style: 'percent' }).format(0.01)}`;
  return formatter(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A file size with decimal units: 1_530_000 -> "1.5 MB". */
export function formatBytes(bytes: number, locale?: string): string {
  // Intl's short "byte" is spelled out in English ("999 byte"); "B" matches the kB/MB beside it.
  if (bytes < 1000) return `${formatCount(bytes, locale)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return formatter(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1
  }).format(value);
}
