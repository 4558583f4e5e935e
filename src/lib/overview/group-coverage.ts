/**
 * Coverage rows gathered under their group, keeping the query's order (groups by name, ungrouped last), and how much
 * of them the page draws at first. A real source can have hundreds of categories (a ToS;DR conversion had 200+ and
 * made a 21,600 px page): a group longer than `FOLD_AT` starts folded to its first `FOLDED_ROWS` categories, and
 * only the first `GROUPS_SHOWN` groups are drawn until the reader asks for the rest.
 */
import type { CategoryCoverage } from '../queries/overview-data';

export interface CoverageGroup {
  /** Null for categories without a group. */
  group: string | null;
  categories: CategoryCoverage[];
}

/** A group with more categories than this starts folded… */
export const FOLD_AT = 8;
/** …to this many. */
export const FOLDED_ROWS = 5;
/** Groups drawn before "Show the other groups". */
export const GROUPS_SHOWN = 8;

export function groupCoverage(rows: readonly CategoryCoverage[]): CoverageGroup[] {
  const groups = new Map<string | null, CategoryCoverage[]>();
  for (const row of rows) {
    const list = groups.get(row.group_name);
    if (list) list.push(row);
    else groups.set(row.group_name, [row]);
  }
  return [...groups].map(([group, categories]) => ({ group, categories }));
}

/** True when the group is long enough to start folded. */
export function foldable(group: CoverageGroup): boolean {
  return group.categories.length > FOLD_AT;
}

/** The group's categories drawn: all when it is short or unfolded, else its first `FOLDED_ROWS`. */
export function shownCategories(group: CoverageGroup, open: boolean): CategoryCoverage[] {
  return open || !foldable(group) ? group.categories : group.categories.slice(0, FOLDED_ROWS);
}
