/**
 * The severity history of one or a few platforms, as the timeline computes it (`queries/timeline.ts`): provisions in
 * force per severity at the end of every bucket, the severity index per platform, and the platform's latest changes
 * (`queries/changes.ts`). The range is the timeline's default one (`resolveRange` with nothing asked): from the first
 * day of the export's history to its "today" (`data_as_of`), so the numbers equal those of the `/timeline` and
 * `/changes` links the pages offer next to them.
 */
import type { Db, QueryOptions } from '$lib/db/types';
import { countCell } from '$lib/queries/cells';
import { changesCountQuery, changesQuery, type ChangeSpec } from '$lib/queries/changes';
import { historyExtentQuery, loadSeverityIndex, loadTimeline, type TimelineSpec } from '$lib/queries/timeline';
import { readChanges, type Change } from '$lib/changes/feed';
import { resolveRange, type Range } from '$lib/timeline/range';
import { readExtent, type IndexPoint, type TimelinePoint } from '$lib/timeline/series';

export interface PlatformHistory {
  range: Range;
  spec: TimelineSpec;
  /** Every platform together, per bucket. */
  points: TimelinePoint[];
  /** Per platform and bucket (empty when one platform only: its line would be the "all" line). */
  index: IndexPoint[];
}

/** The timeline spec of some platforms over the default range; null when the export has no dated version. */
export async function platformHistorySpec(db: Db, platformIds: readonly string[], today: string, options: QueryOptions = {}): Promise<TimelineSpec | null> {
  const extent = readExtent((await db.query(historyExtentQuery(), options))[0]);
  if (extent.firstDay === null) return null;
  const range = resolveRange({ from: null, to: null, bucket: null }, extent.firstDay, today);
  return {
    filter: { categories: [], platforms: { sectors: [], jurisdictions: [], q: '', platforms: [...platformIds] }, severities: [] },
    from: range.from,
    to: range.to,
    granularity: range.granularity
  };
}

/** The history of `platformIds` up to `today`; null when the export has no dated version to draw. */
export async function loadPlatformHistory(db: Db, platformIds: readonly string[], today: string, options: QueryOptions = {}): Promise<PlatformHistory | null> {
  if (platformIds.length === 0) throw new RangeError('loadPlatformHistory needs at least one platform');
  const spec = await platformHistorySpec(db, platformIds, today, options);
  if (!spec) return null;
  const points = await loadTimeline(db, spec, options);
  const index = platformIds.length > 1 ? await loadSeverityIndex(db, spec, 'platform', options) : [];
  return { range: { from: spec.from, to: spec.to, granularity: spec.granularity, auto: true, notes: [] }, spec, points, index };
}

/** Newest changes of a platform shown on its page; the rest are one link away in `/changes`. */
export const RECENT_CHANGES = 10;

export interface RecentChanges {
  spec: ChangeSpec;
  rows: Change[];
  /** Every change of the platform in the range. */
  total: number;
}

/** The platform's newest changes over the history spec's range, and how many there are in all. */
export async function loadRecentChanges(db: Db, history: TimelineSpec, options: QueryOptions = {}): Promise<RecentChanges> {
  const spec: ChangeSpec = { filter: history.filter, from: history.from, to: history.to, kinds: [] };
  const rows = readChanges(await db.query(changesQuery(spec, { limit: RECENT_CHANGES, offset: 0 }), options));
  const [count] = await db.query(changesCountQuery(spec), options);
  return { spec, rows, total: countCell('change count', count ?? {}, 'changes') };
}
