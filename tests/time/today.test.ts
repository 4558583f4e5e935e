/**
 * "Today" is the export's day, not the calendar's: `exportToday` from the manifest, the as-of rule the overview,
 * compare and the matrix share, how the latest state is named, and the change feed's default period. Run under
 * TZ=America/Los_Angeles (npm test): a generated_at late on a UTC day is still that UTC day.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/lib/contract/manifest';
import { asOfNote, effectiveAsOf } from '../../src/lib/time/as-of-day';
import { exportToday, loadedExportToday, stateLabel } from '../../src/lib/time/today';
import { resolvePeriod } from '../../src/lib/changes/range';
import { resolveRange } from '../../src/lib/timeline/range';

const SHA = '0'.repeat(64);
function manifest(extra: Record<string, unknown>) {
  return parseManifest({
    schema_version: 1.1,
    generated_at: '2026-10-01T23:30:00Z',
    source: { name: 'x', licence: 'CC0-1.0', attribution: 'x' },
    tables: Object.fromEntries(
      ['platforms', 'documents', 'categories', 'provisions'].map((t) => [t, { file: `${t}.parquet`, rows: 0, bytes: 0, sha256: SHA }])
    ),
    ...extra
  });
}

describe('exportToday', () => {
  it('is data_as_of when the manifest has it, whatever the calendar or generated_at say', () => {
    expect(exportToday(manifest({ data_as_of: '2021-01-09' }))).toBe('2021-01-09');
    expect(loadedExportToday({ manifest: manifest({ data_as_of: '2021-01-09' }) })).toBe('2021-01-09');
  });

  it('is the UTC day of generated_at without it (v1 exports), not the local day', () => {
    // 23:30 UTC is 16:30 in Los Angeles the same day, and 08:30 the next day in Tokyo: the UTC day is the day.
    expect(exportToday(manifest({}))).toBe('2026-10-01');
    expect(exportToday({ generated_at: '2021-01-10T00:00:00+02:00' })).toBe('2021-01-09');
  });

  it('is unknown before the manifest is read, and refuses a broken generated_at', () => {
    expect(loadedExportToday(null)).toBeNull();
    expect(() => exportToday({ generated_at: 'yesterday' })).toThrow(/generated_at/);
  });
});

describe('the as-of day shown by the overview, compare and the matrix', () => {
  const today = '2021-01-09';
  it('is a past day only when the export has a history; the export’s today or later is its latest state', () => {
    expect(effectiveAsOf('2020-06-30', today, true)).toBe('2020-06-30');
    expect(effectiveAsOf('2020-06-30', today, false)).toBeNull();
    expect(effectiveAsOf(today, today, true)).toBeNull();
    // A day after the data ends, though long past on the calendar, is not "history": the latest state.
    expect(effectiveAsOf('2021-01-10', today, true)).toBeNull();
    expect(effectiveAsOf(null, today, true)).toBeNull();
  });

  it('keeps the asked day while the manifest is unread, rather than guessing with the wall clock', () => {
    expect(effectiveAsOf('2024-01-01', null, null)).toBe('2024-01-01');
    expect(effectiveAsOf('2024-01-01', null, true)).toBe('2024-01-01');
    expect(effectiveAsOf('2024-01-01', today, null)).toBeNull();
  });

  it('notes an ignored day with the reason, naming the day the data ends', () => {
    expect(asOfNote('2024-01-01', today, true)).toBe('Ignored asOf=2024-01-01: this export’s data ends on 2021-01-09; showing its latest state.');
    expect(asOfNote('2020-01-01', today, false)).toMatch(/^Ignored asOf=2020-01-01: this export has no version history/);
    expect(asOfNote(today, today, true)).toBeNull();
    expect(asOfNote('2020-01-01', today, true)).toBeNull();
    expect(asOfNote(null, today, false)).toBeNull();
    expect(asOfNote('2024-01-01', null, null)).toBeNull();
  });

  it('names the latest state by its day, never "today"', () => {
    expect(stateLabel(null, '2021-01-09', 'en-US')).toBe('as of Jan 9, 2021 (latest in this export)');
    expect(stateLabel('2020-06-30', '2021-01-09', 'en-US')).toBe('as of Jun 30, 2020');
    expect(stateLabel(null, null, 'en-US')).toBe('latest in this export');
    expect(stateLabel(null, '2021-01-09', 'en-GB')).toBe('as of 9 Jan 2021 (latest in this export)');
  });
});

describe('the timeline’s range ends on the export’s today', () => {
  it('a 2021 archive is drawn up to 2021, not to the calendar’s year', () => {
    expect(resolveRange({ from: null, to: null, bucket: null }, '2019-03-01', '2021-01-09')).toEqual({
      from: '2019-03-01',
      to: '2021-01-09',
      granularity: 'week',
      auto: true,
      notes: []
    });
    const late = resolveRange({ from: null, to: '2026-01-01', bucket: null }, '2019-03-01', '2021-01-09');
    expect(late.to).toBe('2021-01-09');
    expect(late.notes).toEqual(['Ignored to=2026-01-01: this export’s data ends on 2021-01-09; the range ends there.']);
  });
});

describe('the change feed’s period', () => {
  it('defaults to the year up to the export’s today when the history reaches into it', () => {
    expect(resolvePeriod({ from: null, to: null }, '2026-08-22', '2026-08-22')).toEqual({ from: '2025-08-23', to: '2026-08-22', notes: [] });
    expect(resolvePeriod({ from: null, to: null }, '2026-08-22', '2025-08-23')).toEqual({ from: '2025-08-23', to: '2026-08-22', notes: [] });
    // No history at all (or no dated version): the year up to today, where the page then says nothing happened.
    expect(resolvePeriod({ from: null, to: null }, '2026-08-22', null)).toEqual({ from: '2025-08-23', to: '2026-08-22', notes: [] });
  });

  it('moves to the year up to the last change when the history ends before that year', () => {
    expect(resolvePeriod({ from: null, to: null }, '2026-08-22', '2025-08-22')).toEqual({ from: '2024-08-23', to: '2025-08-22', notes: [] });
    // A leap day in the period: still 365 days, both ends included (2023-03-03 … 2024-03-01).
    expect(resolvePeriod({ from: null, to: null }, '2026-08-22', '2024-03-01')).toEqual({ from: '2023-03-03', to: '2024-03-01', notes: [] });
  });

  it('keeps what the URL asks, ends a late period on the export’s today, and swaps a reversed one', () => {
    expect(resolvePeriod({ from: '2020-01-01', to: '2020-03-31' }, '2026-08-22', '2025-01-01')).toEqual({ from: '2020-01-01', to: '2020-03-31', notes: [] });
    // Only `from` asked: up to today, even when the changes stopped earlier (the page then offers the way back).
    expect(resolvePeriod({ from: '2025-06-01', to: null }, '2026-08-22', '2024-01-01')).toEqual({ from: '2025-06-01', to: '2026-08-22', notes: [] });
    expect(resolvePeriod({ from: null, to: '2030-01-01' }, '2026-08-22', null)).toEqual({
      from: '2025-08-23',
      to: '2026-08-22',
      notes: ['Ignored to=2030-01-01: this export’s data ends on 2026-08-22; the period ends there.']
    });
    expect(resolvePeriod({ from: '2024-03-01', to: '2024-01-01' }, '2026-08-22', null)).toEqual({
      from: '2024-01-01',
      to: '2024-03-01',
      notes: ['from=2024-03-01 is after to=2024-01-01: the two were swapped.']
    });
    // A last change after the data's day (an inconsistent export) does not move the period past today.
    expect(resolvePeriod({ from: null, to: null }, '2026-08-22', '2027-01-01')).toEqual({ from: '2025-08-23', to: '2026-08-22', notes: [] });
  });
});

describe('no view reads the wall clock for "today"', () => {
  /**
   * The wall clock is read only where the reader's own time is what is meant — never as the data's "today" (that is
   * the export's `data_as_of`). Each use, with why.
   */
  const ALLOWED: [RegExp, string][] = [
    [/^lib\/export\/file-name\.ts: export function downloadStamp\(now: Date = new Date\(\)\)/, 'a download file name stamp: when the reader saved it'],
    [/^lib\/components\/citations\/CiteDownloads\.svelte: +accessed: accessedDay\(new Date\(\)\)/, 'a citation\'s accessed date: the day the reader downloads it'],
    [/^lib\/watch\/Watchlist\.svelte\.ts: +return new Date\(\)\.toISOString\(\)\.slice\(0, 10\);/, 'the day of the reader\'s visit, for "since your last visit"'],
    [/^lib\/db\/local-export\.ts: +generated_at: new Date\(newest \|\| Date\.now\(\)\)/, 'files opened without a manifest: when they were made, or opened'],
    [/^lib\/db\/opfs-store\.ts: +const id = `\$\{Date\.now\(\)/, 'a unique name for files kept in the browser']
  ];

  it('src/ calls new Date() or Date.now() only where the reader\'s own time is meant', () => {
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.(ts|svelte)$/.test(f));
    const calls = files.flatMap((f) =>
      readFileSync(join(src, f), 'utf8')
        .split('\n')
        .flatMap((line) => (/new Date\(\)|Date\.now\(\)/.test(line) ? [`${relative(src, join(src, f))}: ${line.trim()}`] : []))
    );
    expect(files.length).toBeGreaterThan(100);
    const unexplained = calls.filter((c) => !ALLOWED.some(([re]) => re.test(c)));
    expect(unexplained).toEqual([]);
    // Every allowed use is still there (an entry left over would allow a new one silently).
    for (const [re, why] of ALLOWED) expect(calls.some((c) => re.test(c)), why).toBe(true);
  });
});
