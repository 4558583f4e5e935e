/**
 * When severity charts have nothing to say: an export whose provisions are all unrated (a source that finds clauses
 * with text rules and rates none of them, as the Open Terms Archive import does) would draw empty severity charts or
 * one hatched "unrated" bar. Every view that charts severity asks this first and shows `UnratedNote` instead.
 */
import { SEVERITIES } from '$lib/contract/schema';
import type { SeverityKey } from '$lib/queries/severity';

/** Counts per key; keys left out count 0. */
export type KeyCounts = Partial<Record<SeverityKey | string, number>>;

/** Provisions (or platforms) at a rated level. */
export function ratedCount(counts: KeyCounts): number {
  return SEVERITIES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

/** True when there is something, and none of it is rated. */
export function onlyUnrated(counts: KeyCounts): boolean {
  return ratedCount(counts) === 0 && (counts.unrated ?? 0) > 0;
}

/** The same over several sets of counts (periods of a timeline): nothing rated in any, something unrated in one. */
export function onlyUnratedIn(all: readonly KeyCounts[]): boolean {
  return all.every((c) => ratedCount(c) === 0) && all.some((c) => (c.unrated ?? 0) > 0);
}
