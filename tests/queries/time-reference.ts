/**
 * Plain TypeScript versions of the time views, for comparison with the SQL: versions as records, the as-of rule of
 * `isInForceAsOf`, and random version histories (with the awkward cases: instants on and next to midnight, year ends,
 * leap days, open ends, removal markers, unknown starts) loaded into a real DuckDB.
 */
import fc from 'fast-check';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import { createContractTables } from '../../scripts/lib/export-io';
import { ident } from '../../src/lib/contract/checks';
import { isInForceAsOf } from '../../src/lib/queries/as-of';
import { severityKey, type SeverityKey } from '../../src/lib/queries/severity';
import type { VersionFilter } from '../../src/lib/queries/version-filters';
import { matchesPlatformFilter } from '../../src/lib/queries/platform-filter';
import { fixtureRows } from '../helpers/fixture';

export interface RefVersion {
  record_id: string;
  version: number;
  platform_id: string;
  category_id: string;
  severity: string | null;
  valid_from: Date | null;
  valid_to: Date | null;
  change_kind: string | null;
  clause_sha256: string | null;
  clause_text: string | null;
}

export interface RefPlatform {
  platform_id: string;
  name: string;
  sector: string | null;
  jurisdiction: string | null;
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(String(v)));

/** The fixture's versions as records, instants as Dates. */
export function fixtureVersions(): RefVersion[] {
  return fixtureRows<Record<string, unknown>>('provision_versions').map((r) => ({
    record_id: String(r.record_id),
    version: Number(r.version),
    platform_id: String(r.platform_id),
    category_id: String(r.category_id),
    severity: (r.severity as string | null) ?? null,
    valid_from: date(r.valid_from),
    valid_to: date(r.valid_to),
    change_kind: (r.change_kind as string | null) ?? null,
    clause_sha256: (r.clause_sha256 as string | null) ?? null,
    clause_text: (r.clause_text as string | null) ?? null
  }));
}

export function fixturePlatforms(): RefPlatform[] {
  return fixtureRows<RefPlatform>('platforms').map((p) => ({
    platform_id: p.platform_id,
    name: p.name,
    sector: p.sector ?? null,
    jurisdiction: p.jurisdiction ?? null
  }));
}

/** The filter of `version-filters.ts`, in TypeScript. */
export function matches(v: RefVersion, f: VersionFilter, platforms: readonly RefPlatform[], withSeverity = true): boolean {
  const platform = platforms.find((p) => p.platform_id === v.platform_id);
  return (
    (f.categories.length === 0 || f.categories.includes(v.category_id)) &&
    platform !== undefined &&
    matchesPlatformFilter(platform, f.platforms) &&
    (!withSeverity || f.severities.length === 0 || f.severities.includes(severityKey(v.severity)))
  );
}

export function inForce(versions: readonly RefVersion[], day: string): RefVersion[] {
  return versions.filter((v) => isInForceAsOf(v, day));
}

export function countBySeverity(versions: readonly RefVersion[]): Record<SeverityKey, number> {
  const counts: Record<SeverityKey, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unrated: 0 };
  for (const v of versions) counts[severityKey(v.severity)]++;
  return counts;
}

/** Instants a history is built from: midnights of awkward days, and the milliseconds around them. */
const DAYS = ['2019-12-31', '2020-01-01', '2020-02-28', '2020-02-29', '2020-03-01', '2020-03-30', '2020-03-31', '2020-04-01', '2020-12-28', '2021-01-03', '2021-01-04', '2023-12-31', '2024-01-01', '2024-02-29'];
const OFFSETS_MS = [0, 1, -1, 12 * 3600_000, 23 * 3600_000 + 59 * 60_000 + 59_999];

export const arbInstant: fc.Arbitrary<number> = fc
  .tuple(fc.constantFrom(...DAYS), fc.constantFrom(...OFFSETS_MS))
  .map(([day, offset]) => Date.parse(`${day}T00:00:00Z`) + offset);

export const SECTORED_PLATFORMS: RefPlatform[] = [
  { platform_id: 'pa', name: 'Alpha', sector: 'Social media', jurisdiction: 'DE' },
  { platform_id: 'pb', name: 'Beta', sector: 'Social media', jurisdiction: null },
  { platform_id: 'pc', name: 'Gamma', sector: null, jurisdiction: 'US' }
];

const SEVERITY_VALUES = ['critical', 'high', 'medium', 'low', 'info', null] as const;

/** One record's history: consecutive versions with random gaps, removal markers and unknown starts. */
const arbRecord = fc
  .record({
    platform_id: fc.constantFrom('pa', 'pb', 'pc'),
    category_id: fc.constantFrom('cat_a', 'cat_b'),
    steps: fc.array(
      fc.record({
        at: arbInstant,
        severity: fc.constantFrom(...SEVERITY_VALUES),
        text: fc.constantFrom('A', 'B', null),
        kind: fc.constantFrom('added', 'text_changed', 'severity_changed', 'removed'),
        gap: fc.boolean(),
        undated: fc.integer({ min: 0, max: 9 })
      }),
      { minLength: 1, maxLength: 4 }
    ),
    openEnd: fc.boolean()
  });

export const arbHistory: fc.Arbitrary<RefVersion[]> = fc.array(arbRecord, { minLength: 1, maxLength: 12 }).map((records) => {
  const out: RefVersion[] = [];
  records.forEach((rec, r) => {
    const instants = [...new Set(rec.steps.map((s) => s.at))].sort((a, b) => a - b);
    const steps = rec.steps.slice(0, instants.length);
    steps.forEach((s, i) => {
      const from = instants[i]!;
      const next = instants[i + 1];
      // A gap ends the version one hour after it starts (or at the next start, whichever is first).
      const to = next === undefined ? (rec.openEnd ? null : from + 3600_000) : s.gap ? Math.min(from + 3600_000, next) : next;
      out.push({
        record_id: `R-${String(r).padStart(2, '0')}`,
        version: i + 1,
        platform_id: rec.platform_id,
        category_id: rec.category_id,
        severity: s.severity,
        valid_from: s.undated === 0 ? null : new Date(from),
        valid_to: to === null ? null : new Date(to),
        change_kind: i === 0 && s.kind !== 'removed' ? 'added' : s.kind,
        clause_sha256: s.text === null ? null : s.text.repeat(64).toLowerCase().replace(/[^a-f]/g, 'a'),
        clause_text: s.text
      });
    });
  });
  return out;
});

/** A database holding `platforms` and `provision_versions` with exactly these rows (the contract's column types). */
export async function openVersionsDb(versions: readonly RefVersion[], platforms = SECTORED_PLATFORMS): Promise<NodeDb> {
  const db = await openNodeDb();
  await createContractTables(db, ['platforms', 'categories', 'provisions', 'provision_versions']);
  await insertRows(db, 'platforms', platforms as unknown as Record<string, unknown>[]);
  await insertRows(db, 'categories', [
    { category_id: 'cat_a', name: 'Category A' },
    { category_id: 'cat_b', name: 'Category B' }
  ]);
  await insertRows(db, 'provision_versions', versions as unknown as Record<string, unknown>[]);
  return db;
}

export async function insertRows(db: NodeDb, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]!);
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const params = rows.flatMap((row) => names.map((n) => {
    const v = row[n];
    return v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : (v ?? null);
  }));
  await db.query(`INSERT INTO ${ident(table)} (${names.map((n) => ident(n)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`, params);
}
