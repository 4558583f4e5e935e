/**
 * What the compare view says about its rows besides the table: coverage ("found in N of M platforms"), and how many
 * platforms sit at each worst severity, overall and per sector. Plain functions over the query's rows.
 */
import { compareNames } from '$lib/format/sort-name';
import { SEVERITY_KEYS, type SeverityKey } from '$lib/queries/severity';

/** A platform's standing in a category: its worst severity, or 'none' when it has no provision there. */
export type Standing = SeverityKey | 'none';
export const STANDINGS: readonly Standing[] = [...SEVERITY_KEYS, 'none'];

export interface RowLike {
  platform_id: string;
  platform_name: string;
  sector: string | null;
  provisions: number;
  worst_severity: SeverityKey | null;
}

export interface Coverage {
  /** Platforms with at least one provision in scope. */
  found: number;
  /** Platforms compared (those passing the platform filter). */
  total: number;
  /** found / total; 0 when there are no platforms. */
  share: number;
  /** Platforms without a provision, by name. */
  absent: { platform_id: string; platform_name: string }[];
}

export function coverage(rows: readonly RowLike[]): Coverage {
  const absent = rows
    .filter((r) => r.provisions === 0)
    .map((r) => ({ platform_id: r.platform_id, platform_name: r.platform_name }))
    .sort((a, b) => compareNames(a.platform_name, b.platform_name) || (a.platform_id < b.platform_id ? -1 : 1));
  const found = rows.length - absent.length;
  return { found, total: rows.length, share: rows.length === 0 ? 0 : found / rows.length, absent };
}

export type StandingCounts = Record<Standing, number>;

function zero(): StandingCounts {
  return Object.fromEntries(STANDINGS.map((s) => [s, 0])) as StandingCounts;
}

export function standingOf(row: RowLike): Standing {
  return row.worst_severity ?? 'none';
}

/** Platforms per worst severity (and 'none'). */
export function standingCounts(rows: readonly RowLike[]): StandingCounts {
  const counts = zero();
  for (const r of rows) counts[standingOf(r)]++;
  return counts;
}

export interface SectorStanding {
  /** The sector, or null for platforms without one. */
  sector: string | null;
  counts: StandingCounts;
  total: number;
}

/** The same per sector: most platforms first, then by name; platforms without a sector last. */
export function standingsBySector(rows: readonly RowLike[]): SectorStanding[] {
  const bySector = new Map<string | null, StandingCounts>();
  for (const r of rows) {
    let counts = bySector.get(r.sector);
    if (!counts) bySector.set(r.sector, (counts = zero()));
    counts[standingOf(r)]++;
  }
  return [...bySector.entries()]
    .map(([sector, counts]) => ({ sector, counts, total: STANDINGS.reduce((n, s) => n + counts[s], 0) }))
    .sort(
      (a, b) =>
        (a.sector === null ? 1 : 0) - (b.sector === null ? 1 : 0) ||
        b.total - a.total ||
        (a.sector ?? '').localeCompare(b.sector ?? '')
    );
}

/**
 * Platforms without a provision in the category are folded — left out of the charts and the table, counted in one
 * line with a way to show them — when they outnumber those with one. A real archive lists many platforms nobody has
 * read a clause of yet (ToS;DR: services without an approved point): drawn, their hundreds of empty rows and a "no
 * provision" bar dwarfing the rest hide the answer. When most platforms have one, absence is the news and stays.
 */
export function foldsAbsent(coverage: Pick<Coverage, 'found' | 'absent'>): boolean {
  return coverage.absent.length > coverage.found;
}

/**
 * Why a chart by sector would say nothing, or null when it is worth drawing: no platform compared has a sector (one
 * "No sector" bar), or all have the same one (the chart by severity again, under another name).
 */
export function sectorAxisNote(rows: readonly Pick<RowLike, 'sector'>[]): string | null {
  if (rows.length === 0) return null;
  const sectors = new Set(rows.map((r) => r.sector));
  if (sectors.size > 1) return null;
  const [only] = sectors;
  return only === null || only === undefined
    ? 'No platform compared has a sector in this export, so there is no chart by sector.'
    : `Every platform compared is in one sector (${only}), so a chart by sector would repeat the one above.`;
}
