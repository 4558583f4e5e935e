/** What the shared filter controls choose from: lists built from the export's own tables. */

export interface MenuOption {
  value: string;
  label: string;
  /** Smaller text after the label, e.g. a platform's sector. */
  detail?: string;
}

export interface CategoryOption {
  category_id: string;
  name: string;
  group_name: string | null;
  /** Optional count shown after the name (e.g. platforms that have it). */
  count?: number;
}

export interface PlatformOption {
  platform_id: string;
  name: string;
  sector: string | null;
  jurisdiction: string | null;
}

/** Which platforms a view shows. Every part empty = all platforms; parts combine with AND, values within with OR. */
export interface PlatformFilterValue {
  sectors: string[];
  jurisdictions: string[];
  /** Case-insensitive search in the platform's name or id. */
  q: string;
  /** A hand-picked set of platform ids. */
  platforms: string[];
}

export const NO_PLATFORM_FILTER: PlatformFilterValue = { sectors: [], jurisdictions: [], q: '', platforms: [] };

/** Categories under their group, groups in name order with the ungrouped last; categories by name within. */
export function groupCategories<C extends CategoryOption>(categories: readonly C[]): { group: string | null; categories: C[] }[] {
  const groups = new Map<string | null, C[]>();
  for (const c of categories) {
    const list = groups.get(c.group_name) ?? [];
    list.push(c);
    groups.set(c.group_name, list);
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)))
    .map(([group, list]) => ({ group, categories: list.sort((x, y) => collator.compare(x.name, y.name)) }));
}

/** The distinct non-null values of a field, sorted: a filter's choices. */
export function distinctValues<T>(items: readonly T[], pick: (item: T) => string | null): string[] {
  const values = new Set<string>();
  for (const item of items) {
    const v = pick(item);
    if (v !== null && v !== '') values.add(v);
  }
  return [...values].sort((a, b) => a.localeCompare(b));
}

/** Categories as the options of a menu: the name, and the group after it. */
export function categoryMenuOptions(categories: readonly CategoryOption[] | null): MenuOption[] {
  return (categories ?? []).map((c) => ({ value: c.category_id, label: c.name, detail: c.group_name ?? undefined }));
}
