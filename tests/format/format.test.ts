import { describe, expect, it } from 'vitest';
import { formatDay, formatTimestamp, formatTimestampDay, parseDay } from '../../src/lib/format/date';
import { formatBytes, formatCount, formatShare } from '../../src/lib/format/number';

describe('the test runs west of UTC', () => {
  it('has TZ=America/Los_Angeles (npm test sets it), so a shift by a day would show', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles');
  });
});

describe('formatDay', () => {
  it.each([
    ['2025-01-01', 'en-US', 'Jan 1, 2025'],
    ['2024-12-31', 'en-US', 'Dec 31, 2024'],
    ['2024-02-29', 'en-GB', '29 Feb 2024'],
    ['2025-03-01', 'de-DE', '01.03.2025']
  ])('shows %s as the same calendar day (%s)', (day, locale, shown) => {
    expect(formatDay(day, locale)).toBe(shown);
  });

  it.each(['2025-02-30', '2025-1-01', '2025-01-01T00:00:00Z', '', 'yesterday'])('refuses %j', (bad) => {
    expect(() => parseDay(bad)).toThrow(/Not a calendar day/);
  });
});

describe('formatTimestamp', () => {
  const utcMidnight = new Date('2025-01-01T00:00:00Z');

  it('shows a UTC midnight on its own day, naming the zone', () => {
    expect(formatTimestamp(utcMidnight, { locale: 'en-US' })).toBe('Jan 1, 2025, 12:00 AM UTC');
    expect(formatTimestampDay(utcMidnight, 'en-US')).toBe('Jan 1, 2025');
    expect(formatTimestamp('2025-06-01T12:30:00Z', { locale: 'en-GB' })).toBe('1 Jun 2025, 12:30 UTC');
  });

  it('shows another zone when asked, and names it', () => {
    expect(formatTimestamp(utcMidnight, { locale: 'en-US', timeZone: 'America/Los_Angeles' })).toBe(
      'Dec 31, 2024, 4:00 PM PST'
    );
  });

  it('refuses what is not an instant', () => {
    expect(() => formatTimestamp('not a date')).toThrow(/Not a timestamp/);
  });
});

describe('numbers', () => {
  it('groups counts in the locale', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1234567, 'de-DE')).toBe('1.234.567');
    expect(formatCount(0, 'en-US')).toBe('0');
  });

  it('shows shares, never rounding a non-zero share to 0%', () => {
    expect(formatShare(0.256, 'en-US')).toBe('26%');
    expect(formatShare(0, 'en-US')).toBe('0%');
    expect(formatShare(0.001, 'en-US')).toBe('<1%');
    expect(formatShare(1, 'en-US')).toBe('100%');
  });

  it('shows sizes in decimal units', () => {
    expect(formatBytes(999, 'en-US')).toBe('999 B');
    expect(formatBytes(1_530_000, 'en-US')).toBe('1.5 MB');
    expect(formatBytes(2_000, 'en-US')).toBe('2 kB');
  });
});
