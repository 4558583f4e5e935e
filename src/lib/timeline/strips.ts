/** Rows of the strip queries (`queries/strips.ts`) as typed values. */
import type { Row } from '$lib/db/values';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import { isSeverityKey, severityKey, type SeverityKey } from '$lib/queries/severity';

export interface StripPlatform {
  platformId: string;
  name: string;
  sector: string | null;
  provisions: number;
  firstAt: Date;
  lastChange: Date | null;
  /** Worst severity in force at the end of the range; null when nothing is. */
  worstAtEnd: SeverityKey | null;
  /** Platforms on all pages. */
  total: number;
}

export interface StripSegment {
  platformId: string;
  from: Date;
  to: Date;
  severity: SeverityKey;
  recordId: string;
  version: number;
  validFrom: Date;
  validTo: Date | null;
  inForce: number;
}

function instant(what: string, row: Row, column: string): Date {
  const v = row[column];
  if (v instanceof Date) return v;
  throw new Error(`${what}: column "${column}" should be a timestamp, got ${JSON.stringify(v)}`);
}

function nullableInstant(what: string, row: Row, column: string): Date | null {
  return row[column] === null ? null : instant(what, row, column);
}

export function readStripPlatforms(rows: readonly Row[]): StripPlatform[] {
  const what = 'strip platforms';
  return rows.map((r) => {
    const worst = r.worst_at_end;
    if (worst !== null && !isSeverityKey(worst)) throw new Error(`${what}: unexpected severity ${JSON.stringify(worst)}`);
    return {
      platformId: stringCell(what, r, 'platform_id'),
      name: stringCell(what, r, 'name'),
      sector: nullableStringCell(what, r, 'sector'),
      provisions: countCell(what, r, 'provisions'),
      firstAt: instant(what, r, 'first_at'),
      lastChange: nullableInstant(what, r, 'last_change'),
      worstAtEnd: worst,
      total: countCell(what, r, 'platforms')
    };
  });
}

export function readStripSegments(rows: readonly Row[]): StripSegment[] {
  const what = 'strip segments';
  return rows.map((r) => ({
    platformId: stringCell(what, r, 'platform_id'),
    from: instant(what, r, 'seg_from'),
    to: instant(what, r, 'seg_to'),
    severity: severityKey(r.severity),
    recordId: stringCell(what, r, 'record_id'),
    version: countCell(what, r, 'version'),
    validFrom: instant(what, r, 'valid_from'),
    validTo: nullableInstant(what, r, 'valid_to'),
    inForce: countCell(what, r, 'in_force')
  }));
}
