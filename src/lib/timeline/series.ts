/**
 * Result rows of the timeline queries as typed points, and what the page derives from them: shares of the total and
 * the severity index of all provisions shown. Pure, so tested in Node.
 */
import type { Row } from '$lib/db/values';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import { SEVERITY_KEYS, UNRATED, type SeverityKey } from '$lib/queries/severity';
import { SEVERITIES } from '$lib/contract/schema';
import type { Bucket } from './buckets';

export type SeverityCounts = Record<SeverityKey, number>;

export interface TimelinePoint {
  /** First day of the bucket. */
  bucket: string;
  /** The day whose end the bucket reports. */
  asOf: string;
  counts: SeverityCounts;
  total: number;
}

/** A whole number, negative allowed (a delta). */
function deltaCell(what: string, row: Row, column: string): number {
  const v = row[column];
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  throw new Error(`${what}: column "${column}" should be a whole number, got ${JSON.stringify(v)} in row ${JSON.stringify(row)}`);
}

export interface TimelineDelta {
  bucket: string;
  deltas: SeverityCounts;
}

export function readTimelineDeltas(rows: readonly Row[]): TimelineDelta[] {
  const what = 'timeline events';
  return rows.map((r) => ({
    bucket: stringCell(what, r, 'bucket'),
    deltas: Object.fromEntries(SEVERITY_KEYS.map((k) => [k, deltaCell(what, r, k)])) as SeverityCounts
  }));
}

/** Index of each bucket's first day; a delta for a day that starts no bucket is a bug in the query. */
function bucketIndex(buckets: readonly Bucket[], what: string): (day: string) => number {
  const at = new Map(buckets.map((b, i) => [b.start, i]));
  return (day) => {
    const i = at.get(day);
    if (i === undefined) throw new Error(`${what}: ${day} is not the first day of a bucket of the range`);
    return i;
  };
}

/** Running sums of the per-bucket deltas: the counts in force at the end of every bucket, zeros included. */
export function runningTimeline(deltas: readonly TimelineDelta[], buckets: readonly Bucket[]): TimelinePoint[] {
  const indexOf = bucketIndex(buckets, 'timeline');
  const steps: SeverityCounts[] = buckets.map(() => Object.fromEntries(SEVERITY_KEYS.map((k) => [k, 0])) as SeverityCounts);
  for (const d of deltas) {
    const step = steps[indexOf(d.bucket)]!;
    for (const k of SEVERITY_KEYS) step[k] += d.deltas[k];
  }
  const running = Object.fromEntries(SEVERITY_KEYS.map((k) => [k, 0])) as SeverityCounts;
  return buckets.map((b, i) => {
    let total = 0;
    for (const k of SEVERITY_KEYS) {
      running[k] += steps[i]![k];
      total += running[k];
    }
    return { bucket: b.start, asOf: b.asOf, counts: { ...running }, total };
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

export interface IndexDelta {
  group: string;
  bucket: string;
  rated: number;
  unrated: number;
  rankSum: number;
}

export function readIndexDeltas(rows: readonly Row[]): IndexDelta[] {
  const what = 'severity index events';
  return rows.map((r) => ({
    group: stringCell(what, r, 'group_id'),
    bucket: stringCell(what, r, 'bucket'),
    rated: deltaCell(what, r, 'rated'),
    unrated: deltaCell(what, r, 'unrated'),
    rankSum: deltaCell(what, r, 'rank_sum')
  }));
}

/** Running sums per group (groups in the order of the rows), every bucket of the range: the index at each end. */
export function runningIndex(deltas: readonly IndexDelta[], buckets: readonly Bucket[]): IndexPoint[] {
  const indexOf = bucketIndex(buckets, 'severity index');
  const byGroup = new Map<string, IndexDelta[]>();
  for (const d of deltas) {
    const list = byGroup.get(d.group);
    if (list) list.push(d);
    else byGroup.set(d.group, [d]);
  }
  const out: IndexPoint[] = [];
  for (const [group, list] of byGroup) {
    const steps = buckets.map(() => ({ rated: 0, unrated: 0, rankSum: 0 }));
    for (const d of list) {
      const step = steps[indexOf(d.bucket)]!;
      step.rated += d.rated;
      step.unrated += d.unrated;
      step.rankSum += d.rankSum;
    }
    let rated = 0;
    let unrated = 0;
    let rankSum = 0;
    buckets.forEach((b, i) => {
      rated += steps[i]!.rated;
      unrated += steps[i]!.unrated;
      rankSum += steps[i]!.rankSum;
      out.push({ group, bucket: b.start, asOf: b.asOf, rated, unrated, index: rated > 0 ? rankSum / rated : null });
    });
  }
  return out;
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
