/**
 * What the overview page shows, as plain JSON: computed by `loadOverview` live in the browser, and in Node when an
 * export is built (saved beside it as `overview.json`, so the page can paint before the engine is ready).
 */
import { isTableName, type Manifest, type TableName } from '../contract/schema';
import { isSeverityKey, SEVERITY_KEYS, type SeverityKey } from './severity';

/**
 * Bump when the shape changes: an `overview.json` of another version is ignored, never misread. Optional fields added
 * later (`short_label`) do not bump it: a file written before them still paints, and the live numbers add them.
 */
export const OVERVIEW_VERSION = 1;

export type SeverityCounts = Record<SeverityKey, number>;

export interface CategorySeverity {
  category_id: string;
  name: string;
  group_name: string | null;
  /**
   * A few words for narrow places (chart axes); null when the export has none (then the name is cut to fit). Absent
   * from an `overview.json` written before contract v1.1.
   */
  short_label?: string | null;
  /** Active provisions in the category, per severity key (every key present, zeros included). */
  counts: SeverityCounts;
  total: number;
}

export interface CategoryCoverage {
  category_id: string;
  name: string;
  group_name: string | null;
  /** As in `CategorySeverity`. */
  short_label?: string | null;
  /** Distinct platforms with at least one active provision in the category. */
  platforms: number;
  /** Active provisions in the category. */
  provisions: number;
}

export interface OverviewData {
  overview_version: typeof OVERVIEW_VERSION;
  /** Copied from the manifest the numbers were computed from: the page uses them only if they match its manifest. */
  tables_sha256: Partial<Record<TableName, string>>;
  /** Rows per loaded table, counted. */
  row_counts: Partial<Record<TableName, number>>;
  /** Provisions by status. Every other number here counts active provisions only. */
  provisions: { active: number; removed: number };
  /** Active provisions per severity key, worst first, unrated last; all six keys, zeros included. */
  by_severity: { severity: SeverityKey; count: number }[];
  /** One row per category (categories without active provisions included), most provisions first. */
  severity_by_category: CategorySeverity[];
  /** One row per category, ordered by group (ungrouped last), then name. */
  coverage: CategoryCoverage[];
  /** All platforms in the export: the M of "found in N of M platforms". */
  platform_total: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isNullableString(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

function isTableRecord(v: unknown, valueOk: (x: unknown) => boolean): boolean {
  return isObject(v) && Object.entries(v).every(([k, x]) => isTableName(k) && valueOk(x));
}

function isCategoryHead(v: Record<string, unknown>): boolean {
  return (
    typeof v.category_id === 'string' &&
    typeof v.name === 'string' &&
    isNullableString(v.group_name) &&
    (v.short_label === undefined || isNullableString(v.short_label))
  );
}

function isSeverityCounts(v: unknown): v is SeverityCounts {
  return isObject(v) && Object.keys(v).length === SEVERITY_KEYS.length && SEVERITY_KEYS.every((k) => isCount(v[k]));
}

function isCategorySeverity(v: unknown): v is CategorySeverity {
  return isObject(v) && isCategoryHead(v) && isSeverityCounts(v.counts) && isCount(v.total);
}

function isCategoryCoverage(v: unknown): v is CategoryCoverage {
  return isObject(v) && isCategoryHead(v) && isCount(v.platforms) && isCount(v.provisions);
}

/** Checks every field, so a stale or hand-edited `overview.json` is ignored rather than half-rendered. */
export function isOverviewData(x: unknown): x is OverviewData {
  if (!isObject(x) || x.overview_version !== OVERVIEW_VERSION) return false;
  const { provisions, by_severity } = x;
  return (
    isTableRecord(x.tables_sha256, (s) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s)) &&
    isTableRecord(x.row_counts, isCount) &&
    isObject(provisions) &&
    isCount(provisions.active) &&
    isCount(provisions.removed) &&
    Array.isArray(by_severity) &&
    by_severity.length === SEVERITY_KEYS.length &&
    by_severity.every((b, i) => isObject(b) && b.severity === SEVERITY_KEYS[i] && isSeverityKey(b.severity) && isCount(b.count)) &&
    Array.isArray(x.severity_by_category) &&
    x.severity_by_category.every(isCategorySeverity) &&
    Array.isArray(x.coverage) &&
    x.coverage.every(isCategoryCoverage) &&
    isCount(x.platform_total)
  );
}

/** The manifest's table hashes, as `OverviewData.tables_sha256` records them. */
export function manifestHashes(manifest: Manifest): Partial<Record<TableName, string>> {
  const hashes: Partial<Record<TableName, string>> = {};
  for (const [name, entry] of Object.entries(manifest.tables)) {
    if (isTableName(name) && entry) hashes[name] = entry.sha256;
  }
  return hashes;
}

/** True when `data` was computed from exactly these files: the same tables, each with the same SHA-256. */
export function overviewMatchesManifest(data: OverviewData, manifest: Manifest): boolean {
  const expected = manifestHashes(manifest);
  const names = Object.keys(expected) as TableName[];
  return (
    names.length === Object.keys(data.tables_sha256).length &&
    names.every((name) => data.tables_sha256[name] === expected[name])
  );
}
