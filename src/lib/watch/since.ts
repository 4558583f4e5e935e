/**
 * "Since your last visit": every change to what the analyst follows — any change to a followed platform, and any
 * change in a followed category — from the day of their last visit to the export's today, with the change feed's
 * own statement (`changesQuery`), so the numbers are the ones `/changes` shows for the same filter.
 *
 * A followed platform and a followed category are two questions (a change belongs to the answer if it matches
 * either), while the feed's filters narrow each other: so two statements, merged here without duplicates.
 */
import { readChanges, type Change } from '../changes/feed';
import type { Db, QueryOptions } from '../db/types';
import { countCell } from '../queries/cells';
import { changesCountQuery, changesQuery, type ChangeSpec } from '../queries/changes';
import { ALL_PLATFORMS } from '../queries/platform-filter';
import type { Follows } from './storage';

/** Changes listed on the overview; the rest are one link away in /changes. */
export const SINCE_LIMIT = 50;

export interface SinceLastVisit {
  from: string;
  to: string;
  /** Changes to the followed platforms (null when none is followed). */
  platformChanges: number | null;
  /** Changes in the followed categories (null when none is followed). */
  categoryChanges: number | null;
  /** The latest changes of either kind, newest first (the feed's order), at most `SINCE_LIMIT`, each once. */
  latest: Change[];
}

export function sinceSpecs(follows: Follows, from: string, to: string): { platforms: ChangeSpec | null; categories: ChangeSpec | null } {
  const spec = (categories: string[], platforms: string[]): ChangeSpec => ({
    filter: { categories, platforms: { ...ALL_PLATFORMS, platforms }, severities: [] },
    from,
    to,
    kinds: []
  });
  return {
    platforms: follows.platforms.length > 0 ? spec([], follows.platforms) : null,
    categories: follows.categories.length > 0 ? spec(follows.categories, []) : null
  };
}

/** DuckDB's order for text: by bytes (code points), nulls last. */
function byText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The feed's order (`changesQuery`'s ORDER BY), for merging two of its results. */
export function feedOrder(a: Change, b: Change): number {
  return (
    b.changedAt.getTime() - a.changedAt.getTime() ||
    byText(a.platformName, b.platformName) ||
    byText(a.platformId, b.platformId) ||
    byText(a.categoryName, b.categoryName) ||
    byText(a.recordId, b.recordId) ||
    b.version - a.version ||
    byText(a.kind, b.kind)
  );
}

export function changeKey(c: Change): string {
  return `${c.recordId}\u0000${c.version}\u0000${c.kind}\u0000${c.changedAt.getTime()}`;
}

/** Merges two newest-first lists into one, each change once, at most `limit`. */
export function mergeChanges(a: readonly Change[], b: readonly Change[], limit = SINCE_LIMIT): Change[] {
  const seen = new Set<string>();
  const out: Change[] = [];
  for (const c of [...a, ...b].sort(feedOrder)) {
    const key = changeKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
    if (out.length === limit) break;
  }
  return out;
}

export async function loadSinceLastVisit(db: Db, follows: Follows, from: string, to: string, options: QueryOptions = {}): Promise<SinceLastVisit> {
  const specs = sinceSpecs(follows, from, to);
  const page = { limit: SINCE_LIMIT, offset: 0 };
  const run = async (spec: ChangeSpec | null) => {
    if (!spec) return null;
    const rows = await db.query(changesQuery(spec, page), options);
    const count = await db.query(changesCountQuery(spec), options);
    return { changes: readChanges(rows), total: countCell('changes since last visit', count[0]!, 'changes') };
  };
  // One statement after another: small ones, and a `Db` need not run two at once (the Node one cannot).
  const byPlatform = await run(specs.platforms);
  const byCategory = await run(specs.categories);
  return {
    from,
    to,
    platformChanges: byPlatform?.total ?? null,
    categoryChanges: byCategory?.total ?? null,
    latest: mergeChanges(byPlatform?.changes ?? [], byCategory?.changes ?? [])
  };
}
