/**
 * Compare and matrix computed the plain way over the fixture's JSON Lines records: the reference the SQL is checked
 * against. Shares no code with src/lib/queries (the scale, the as-of rule and the platform filter are written out
 * again here).
 */
import type { TableName } from '../../src/lib/contract/schema';

export type Rec = Record<string, unknown>;
export type Records = (table: TableName) => Rec[];

const SCALE = ['critical', 'high', 'medium', 'low', 'info'];
/** 0 = critical … 4 = info, 5 = unrated (null). */
const order = (severity: unknown) => (severity === null || severity === undefined ? 5 : SCALE.indexOf(String(severity)));
const KEYS = [...SCALE, 'unrated'];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const instant = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));

export interface PlatformPick {
  sectors: string[];
  jurisdictions: string[];
  q: string;
  platforms: string[];
}

export const ANY: PlatformPick = { sectors: [], jurisdictions: [], q: '', platforms: [] };

function passes(p: Rec, f: PlatformPick): boolean {
  const q = f.q.trim().toLowerCase();
  return (
    (f.sectors.length === 0 || f.sectors.includes(p.sector as string)) &&
    (f.jurisdictions.length === 0 || f.jurisdictions.includes(p.jurisdiction as string)) &&
    (f.platforms.length === 0 || f.platforms.includes(p.platform_id as string)) &&
    (q === '' || String(p.name).toLowerCase().includes(q) || String(p.platform_id).toLowerCase().includes(q))
  );
}

/** The UTC day ('YYYY-MM-DD') of a timestamp or day as the records hold it; null for none. */
const dayOf = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString().slice(0, 10));

/**
 * The day each platform is tracked from: the earliest of its `tracked_since`, its documents' and provisions'
 * `first_tracked` and its versions' `valid_from` (UTC days); absent when it has none of them.
 */
export function trackedFromDays(rows: Records): Map<string, string> {
  const earliest = new Map<string, string>();
  const see = (platform: unknown, day: string | null) => {
    const id = String(platform);
    const known = earliest.get(id);
    if (day !== null && (known === undefined || day < known)) earliest.set(id, day);
  };
  for (const p of rows('platforms')) see(p.platform_id, dayOf(p.tracked_since));
  for (const d of rows('documents')) see(d.platform_id, dayOf(d.first_tracked));
  for (const p of rows('provisions')) see(p.platform_id, dayOf(p.first_tracked));
  for (const v of rows('provision_versions')) see(v.platform_id, dayOf(v.valid_from));
  return earliest;
}

/** Platforms counted as of `day`: tracked from that day or earlier, or with no date at all. */
export function trackedBy(rows: Records, day: string): Set<string> {
  const from = trackedFromDays(rows);
  return new Set(
    rows('platforms')
      .map((p) => String(p.platform_id))
      .filter((id) => !from.has(id) || from.get(id)! <= day)
  );
}

/** End of a UTC day, in epoch ms: the instant "as of" that day looks at. */
function endOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000;
}

/** The provenance columns (v1.1): the provision's own, whatever the day. */
export const PROVENANCE = ['polarity', 'source_rating', 'source_id', 'source_url', 'classified_by', 'classification_rule'] as const;
const provenanceOf = (p: Rec) => Object.fromEntries(PROVENANCE.map((c) => [c, (p[c] ?? null) as string | null]));

interface Scoped {
  record_id: string;
  platform_id: string;
  category_id: string;
  document_id: string | null;
  provenance: Record<string, string | null>;
  title: string;
  severity: string | null;
  clause_text: string | null;
  first_tracked: Date | null;
  last_verified: Date | null;
}

/**
 * A provision as the compare query lists it: platform, category and severity from `at` (the provision itself today,
 * its version in force on an as-of day), the rest from the provision.
 */
function scopedRow(p: Rec, at: Rec, clauseText: unknown): Scoped {
  return {
    record_id: at.record_id as string,
    platform_id: at.platform_id as string,
    category_id: at.category_id as string,
    document_id: (p.document_id ?? null) as string | null,
    provenance: provenanceOf(p),
    title: p.title as string,
    severity: (at.severity ?? null) as string | null,
    clause_text: (clauseText ?? null) as string | null,
    first_tracked: instant(p.first_tracked),
    last_verified: instant(p.last_verified)
  };
}

export function scoped(rows: Records, asOf: string | null, category: string | null, severities: string[]): Scoped[] {
  const provisions = new Map(rows('provisions').map((p) => [p.record_id as string, p]));
  const wanted = (s: unknown) => severities.length === 0 || severities.includes(s === null ? 'unrated' : String(s));
  const out: Scoped[] = [];
  if (asOf === null) {
    for (const p of provisions.values()) {
      if (p.status !== 'active' || (category !== null && p.category_id !== category) || !wanted(p.severity)) continue;
      out.push(scopedRow(p, p, p.clause_text));
    }
    return out;
  }
  const end = endOf(asOf);
  for (const v of rows('provision_versions')) {
    const from = instant(v.valid_from);
    const to = instant(v.valid_to);
    const inForce = from !== null && from.getTime() < end && (to === null || to.getTime() >= end) && v.change_kind !== 'removed';
    if (!inForce || (category !== null && v.category_id !== category) || !wanted(v.severity ?? null)) continue;
    const p = provisions.get(v.record_id as string)!;
    out.push(scopedRow(p, v, v.clause_text ?? (to === null ? p.clause_text : null)));
  }
  return out;
}

export function expectedCompare(
  rows: Records,
  filter: { category: string; asOf: string | null; platforms: PlatformPick; severities: string[] }
): Rec[] {
  const documents = new Map(rows('documents').map((d) => [d.document_id as string, d]));
  const inScope = scoped(rows, filter.asOf, filter.category, filter.severities);
  const tracked = filter.asOf === null ? null : trackedBy(rows, filter.asOf);
  const result = rows('platforms')
    .filter((p) => passes(p, filter.platforms) && (tracked === null || tracked.has(p.platform_id as string)))
    .map((p) => {
      const mine = inScope
        .filter((s) => s.platform_id === p.platform_id)
        .sort((a, b) => order(a.severity) - order(b.severity) || cmp(a.record_id, b.record_id));
      const list = <T>(pick: (s: Scoped) => T) => (mine.length === 0 ? null : mine.map(pick));
      const doc = (s: Scoped): Rec => (s.document_id === null ? {} : documents.get(s.document_id)!);
      const worst = mine.length === 0 ? null : Math.min(...mine.map((s) => order(s.severity)));
      return {
        platform_id: p.platform_id,
        platform_name: p.name,
        sector: p.sector ?? null,
        jurisdiction: p.jurisdiction ?? null,
        provisions: mine.length,
        worst_severity: worst === null ? null : KEYS[worst],
        record_ids: list((s) => s.record_id),
        titles: list((s) => s.title),
        severities: list((s) => s.severity),
        clause_texts: list((s) => s.clause_text),
        document_ids: list((s) => s.document_id),
        document_titles: list((s) => doc(s).title ?? null),
        doc_types: list((s) => doc(s).doc_type ?? null),
        document_last_updated: list((s) => doc(s).last_updated ?? null),
        first_tracked: list((s) => s.first_tracked),
        last_verified: list((s) => s.last_verified),
        provenance: list((s) => s.provenance),
        _worst: worst
      };
    })
    .sort(
      (a, b) =>
        (a._worst ?? 99) - (b._worst ?? 99) ||
        cmp(a.platform_name as string, b.platform_name as string) ||
        cmp(a.platform_id as string, b.platform_id as string)
    );
  return result.map(({ _worst, ...row }) => row);
}

/** Matrix cells with provisions: `platform_id|category_id` -> { provisions, worst_order }. */
export function expectedMatrixCells(rows: Records, asOf: string | null, platforms: PlatformPick): Rec[] {
  const chosen = new Set(rows('platforms').filter((p) => passes(p, platforms)).map((p) => p.platform_id as string));
  const cells = new Map<string, { platform_id: string; category_id: string; provisions: number; worst_order: number }>();
  for (const s of scoped(rows, asOf, null, [])) {
    if (!chosen.has(s.platform_id)) continue;
    const key = `${s.platform_id}\u0000${s.category_id}`;
    const cell = cells.get(key) ?? { platform_id: s.platform_id, category_id: s.category_id, provisions: 0, worst_order: 5 };
    cell.provisions++;
    cell.worst_order = Math.min(cell.worst_order, order(s.severity));
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => cmp(a.platform_id, b.platform_id) || cmp(a.category_id, b.category_id));
}

/** The grouped reference as the flat rows `compareQuery` returns: one per provision, one per platform without any. */
export function flattenCompare(grouped: Rec[]): Rec[] {
  const out: Rec[] = [];
  const at = (g: Rec, field: string, i: number) => (g[field] === null ? null : (g[field] as unknown[])[i]);
  for (const g of grouped) {
    const n = g.provisions as number;
    for (let i = 0; i < Math.max(1, n); i++) {
      out.push({
        platform_id: g.platform_id,
        platform_name: g.platform_name,
        sector: g.sector,
        jurisdiction: g.jurisdiction,
        worst_severity: g.worst_severity,
        record_id: at(g, 'record_ids', i),
        title: at(g, 'titles', i),
        severity: at(g, 'severities', i),
        clause_text: at(g, 'clause_texts', i),
        document_id: at(g, 'document_ids', i),
        document_title: at(g, 'document_titles', i),
        doc_type: at(g, 'doc_types', i),
        document_last_updated: at(g, 'document_last_updated', i),
        first_tracked: at(g, 'first_tracked', i),
        last_verified: at(g, 'last_verified', i),
        ...(at(g, 'provenance', i) ?? Object.fromEntries(PROVENANCE.map((c) => [c, null])))
      });
    }
  }
  return out;
}
