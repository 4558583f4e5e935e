/** Coverage rows gathered under their group, keeping the query's order (groups by name, ungrouped last). */
import type { CategoryCoverage } from '../queries/overview-data';

export interface CoverageGroup {
  /** Null for categories without a group. */
  group: string | null;
  categories: CategoryCoverage[];
}

export function groupCoverage(rows: readonly CategoryCoverage[]): CoverageGroup[] {
  const groups = new Map<string | null, CategoryCoverage[]>();
  for (const row of rows) {
    const list = groups.get(row.group_name);
    if (list) list.push(row);
    else groups.set(row.group_name, [row]);
  }
  return [...groups].map(([group, categories]) => ({ group, categories }));
}
