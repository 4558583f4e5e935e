/**
 * Platform vs platform computed the plain way over records (the fixture's JSON Lines, or random histories): the
 * reference `platformCompareQuery` is checked against. Shares no code with src/lib/queries: the scale, the as-of
 * rule and the "tracked by" rule are written out again here.
 */
export type Rec = Record<string, unknown>;

export interface PvpTables {
  platforms: Rec[];
  categories: Rec[];
  documents: Rec[];
  provisions: Rec[];
  provision_versions: Rec[];
}

const SCALE = ['critical', 'high', 'medium', 'low', 'info'];
const order = (s: unknown) => (s === null || s === undefined ? 5 : SCALE.indexOf(String(s)));
const KEY = [...SCALE, 'unrated'];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ms = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Date.parse(String(v)));
const day = (v: unknown) => (ms(v) === null ? null : new Date(ms(v)!).toISOString().slice(0, 10));

/** End of a UTC day: midnight of the next one. */
function endOf(d: string): number {
  return Date.parse(`${d}T00:00:00Z`) + 86_400_000;
}

function inForce(v: Rec, d: string): boolean {
  const from = ms(v.valid_from);
  const to = ms(v.valid_to);
  const end = endOf(d);
  return from !== null && v.change_kind !== 'removed' && from < end && (to === null || to >= end);
}

/** The earliest day the platform is known to be followed; null when nothing dates it (then always counted). */
function trackedFrom(t: PvpTables, id: string): string | null {
  const days = [
    day(t.platforms.find((p) => p.platform_id === id)?.tracked_since),
    ...t.documents.filter((d) => d.platform_id === id).map((d) => day(d.first_tracked)),
    ...t.provisions.filter((p) => p.platform_id === id).map((p) => day(p.first_tracked)),
    ...t.provision_versions.filter((v) => v.platform_id === id).map((v) => day(v.valid_from))
  ].filter((d): d is string => d !== null);
  return days.length === 0 ? null : days.sort()[0]!;
}

export interface ExpectedCell {
  platform_id: string;
  record_ids: string[];
  titles: string[];
  severities: string[];
  clause_texts: (string | null)[];
  worst: string | null;
  tracked: boolean;
}

export interface ExpectedCategory {
  category_id: string;
  cells: ExpectedCell[];
  coverage: 'all' | 'some' | 'none';
  differs: boolean;
}

export function expectedPvp(t: PvpTables, ids: readonly string[], asOf: string | null): ExpectedCategory[] {
  const present = ids.filter((id) => t.platforms.some((p) => p.platform_id === id));
  // What each platform has in force: { record, severity, clause } per category.
  type Item = { record_id: string; title: string; severity: unknown; clause_text: string | null; category_id: string; platform_id: string };
  const items: Item[] = [];
  if (asOf === null) {
    for (const p of t.provisions) {
      if (p.status !== 'active') continue;
      items.push({ record_id: String(p.record_id), title: String(p.title), severity: p.severity, clause_text: (p.clause_text as string) ?? null, category_id: String(p.category_id), platform_id: String(p.platform_id) });
    }
  } else {
    for (const v of t.provision_versions) {
      if (!inForce(v, asOf)) continue;
      const p = t.provisions.find((x) => x.record_id === v.record_id);
      if (!p) continue;
      const clause = v.clause_text ?? (v.valid_to === null || v.valid_to === undefined ? p.clause_text : null);
      items.push({ record_id: String(v.record_id), title: String(p.title), severity: v.severity ?? null, clause_text: (clause as string) ?? null, category_id: String(v.category_id), platform_id: String(v.platform_id) });
    }
  }
  const categories = [...t.categories].sort((a, b) => {
    const ga = a.group_name as string | null;
    const gb = b.group_name as string | null;
    if (ga !== gb) return ga === null || ga === undefined ? 1 : gb === null || gb === undefined ? -1 : cmp(ga, gb);
    return cmp(String(a.name), String(b.name)) || cmp(String(a.category_id), String(b.category_id));
  });
  return categories.map((c) => {
    const cells = present.map((id) => {
      const from = asOf === null ? null : trackedFrom(t, id);
      const mine = items
        .filter((i) => i.platform_id === id && i.category_id === c.category_id)
        .sort((a, b) => order(a.severity) - order(b.severity) || cmp(a.record_id, b.record_id));
      const worst = mine.length === 0 ? null : KEY[Math.min(...mine.map((i) => order(i.severity)))]!;
      return {
        platform_id: id,
        record_ids: mine.map((i) => i.record_id),
        titles: mine.map((i) => i.title),
        severities: mine.map((i) => KEY[order(i.severity)]!),
        clause_texts: mine.map((i) => i.clause_text),
        worst,
        tracked: asOf === null || from === null || from <= asOf
      };
    });
    const tracked = cells.filter((x) => x.tracked);
    const having = tracked.filter((x) => x.record_ids.length > 0);
    const coverage = having.length === 0 ? 'none' : having.length === tracked.length ? 'all' : 'some';
    const differs = coverage === 'some' || new Set(having.map((x) => x.worst)).size > 1;
    return { category_id: String(c.category_id), cells, coverage, differs };
  });
}
