/**
 * The overview computed the plain way, over the records an export was built from: the reference the SQL is checked
 * against. Deliberately shares no code with `src/lib/queries` (the scale is typed out again here).
 */
import type { Manifest, TableName } from '../../src/lib/contract/schema';
import type { OverviewData } from '../../src/lib/queries/overview-data';

export type Rec = Record<string, unknown>;
export type Records = (table: TableName) => Rec[];

const SCALE = ['critical', 'high', 'medium', 'low', 'info', 'unrated'] as const;
type Key = (typeof SCALE)[number];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(p: Rec): Key {
  return (p.severity ?? 'unrated') as Key;
}

function zero(): Record<Key, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0, unrated: 0 };
}

export function expectedOverview(rows: Records, manifest: Manifest): OverviewData {
  const tables = (Object.keys(manifest.tables) as TableName[]).filter((t) => manifest.tables[t]);
  const provisions = rows('provisions');
  const active = provisions.filter((p) => p.status === 'active');
  const categories = rows('categories');

  const severity_by_category = categories
    .map((c) => {
      const mine = active.filter((p) => p.category_id === c.category_id);
      const counts = zero();
      for (const p of mine) counts[keyOf(p)]++;
      return {
        category_id: c.category_id as string,
        name: c.name as string,
        group_name: (c.group_name ?? null) as string | null,
        short_label: (c.short_label ?? null) as string | null,
        counts,
        total: mine.length
      };
    })
    .sort((a, b) => b.total - a.total || cmp(a.name, b.name) || cmp(a.category_id, b.category_id));

  const coverage = categories
    .map((c) => {
      const mine = active.filter((p) => p.category_id === c.category_id);
      return {
        category_id: c.category_id as string,
        name: c.name as string,
        group_name: (c.group_name ?? null) as string | null,
        short_label: (c.short_label ?? null) as string | null,
        platforms: new Set(mine.map((p) => p.platform_id)).size,
        provisions: mine.length
      };
    })
    .sort(
      (a, b) =>
        (a.group_name === null ? 1 : 0) - (b.group_name === null ? 1 : 0) ||
        cmp(a.group_name ?? '', b.group_name ?? '') ||
        cmp(a.name, b.name) ||
        cmp(a.category_id, b.category_id)
    );

  const bySeverity = zero();
  for (const p of active) bySeverity[keyOf(p)]++;

  return {
    overview_version: 1,
    tables_sha256: Object.fromEntries(tables.map((t) => [t, manifest.tables[t]!.sha256])),
    row_counts: Object.fromEntries(tables.map((t) => [t, rows(t).length])),
    provisions: { active: active.length, removed: provisions.filter((p) => p.status === 'removed').length },
    by_severity: SCALE.map((severity) => ({ severity, count: bySeverity[severity] })),
    severity_by_category,
    coverage,
    platform_total: rows('platforms').length
  };
}
