/**
 * Result rows of the timeline queries as typed points, and what the page derives from them: shares of the total and
 * the severity index of all provisions shown. Pure, so tested in Node.
 */
import type { Row } from '$lib/db/values';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import { SEVERITY_KEYS, UNRATED, type SeverityKey } from '$lib/queries/severity';
import { SEVERITIES } from '$lib/contract/schema';

export type SeverityCounts = Record<SeverityKey, number>;

export interface TimelinePoint {
  /** First day of the bucket. */
  bucket: string;
  /** The day whose end the bucket reports. */
  asOf: string;
  counts: SeverityCounts;
  total: number;
}

export function readTimeline(rows: readonly Row[]): TimelinePoint[] {
  const what = 'timeline';
  return rows.map((r) => {
    const counts = Object.fromEntries(SEVERITY_KEYS.map((k) => [k, countCell(what, r, k)])) as SeverityCounts;
    return { bucket: stringCell(what, r, 'bucket'), asOf: stringCell(what, r, 'as_of'), counts, total: countCell(what, r, 'total') };
  });
}

/** Each severity's share of the bucket's total (0 when nothing is in force). */
export function shares(point: TimelinePoint): SeverityCounts {
  return Object.fromEntries(SEVERITY_KEYS.map((k) => [k, point.total === 0 ? 0 : point.counts[k] / point.total])) as SeverityCounts;
}

/** Rank in the severity index: info 0, low 1, medium 2, high 3, critical 4. Unrated has none. */
export function severityRank(key: SeverityKey): number | null {
  if (key === UNRATED) return null;
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(key);
}

export const INDEX_MAX = SEVERITIES.length - 1;

/** The severity index of a bucket's counts: mean rank of the rated provisions; null when none is rated. */
export function indexOfCounts(counts: SeverityCounts): number | null {
  let rated = 0;
  let sum = 0;
  for (const key of SEVERITY_KEYS) {
    const rank = severityRank(key);
    if (rank === null) continue;
    rated += counts[key];
    sum += rank * counts[key];
  }
  return rated === 0 ? null : sum / rated;
}

export interface IndexPoint {
  group: string;
  bucket: string;
  asOf: string;
  rated: number;
  unrated: number;
  index: number | null;
}

export function readIndex(rows: readonly Row[]): IndexPoint[] {
  const what = 'severity index';
  return rows.map((r) => {
    const index = r.severity_index;
    if (index !== null && typeof index !== 'number') throw new Error(`${what}: severity_index should be a number or null, got ${JSON.stringify(index)}`);
    return {
      group: stringCell(what, r, 'group_id'),
      bucket: stringCell(what, r, 'bucket'),
      asOf: stringCell(what, r, 'as_of'),
      rated: countCell(what, r, 'rated'),
      unrated: countCell(what, r, 'unrated'),
      index
    };
  });
}

export interface HistoryExtent {
  versions: number;
  /** Versions with an unknown valid_from: left out of every time view. */
  undated: number;
  /** Removal markers (change_kind 'removed'). */
  markers: number;
  firstDay: string | null;
  lastDay: string | null;
}

export function readExtent(row: Row | undefined): HistoryExtent {
  const what = 'history extent';
  if (!row) return { versions: 0, undated: 0, markers: 0, firstDay: null, lastDay: null };
  return {
    versions: countCell(what, row, 'versions'),
    undated: countCell(what, row, 'undated'),
    markers: countCell(what, row, 'markers'),
    firstDay: nullableStringCell(what, row, 'first_day'),
    lastDay: nullableStringCell(what, row, 'last_day')
  };
}
