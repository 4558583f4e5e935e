/**
 * Everything the platform page shows, read with the queries of `queries/platform.ts`. Runs the same in the browser
 * and in Node tests.
 */
import type { Db, QueryOptions } from '$lib/db/types';
import type { Row } from '$lib/db/values';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import {
  platformCategoriesQuery,
  platformDocumentsQuery,
  platformProvisionsQuery,
  platformQuery,
  platformSeverityProfileQuery
} from '$lib/queries/platform';
import { isSeverityKey, type SeverityKey } from '$lib/queries/severity';
import { nullableNumberCell } from '$lib/provision/cells';

export interface Platform {
  platform_id: string;
  name: string;
  sector: string | null;
  jurisdiction: string | null;
  website: string | null;
}

/** One level of the severity profile (see `platformSeverityProfileQuery` for the definitions). */
export interface ProfileLevel {
  severity: SeverityKey;
  platform_provisions: number;
  platform_share: number | null;
  sector_mean_share: number | null;
}

export interface SeverityProfile {
  levels: ProfileLevel[];
  /** Platforms of the sector the mean is over (those with at least one active provision). */
  sectorPlatforms: number;
  /** All platforms of the sector. */
  sectorPlatformsTotal: number;
}

export interface PlatformPageData {
  platform: Platform;
  documents: Row[];
  provisions: Row[];
  categories: Row[];
  profile: SeverityProfile;
}

export function readPlatform(row: Row): Platform {
  const what = 'platform';
  return {
    platform_id: stringCell(what, row, 'platform_id'),
    name: stringCell(what, row, 'name'),
    sector: nullableStringCell(what, row, 'sector'),
    jurisdiction: nullableStringCell(what, row, 'jurisdiction'),
    website: nullableStringCell(what, row, 'website')
  };
}

export function readProfile(rows: readonly Row[]): SeverityProfile {
  const what = 'severity profile';
  const levels = rows.map((row) => {
    const severity = row.severity;
    if (!isSeverityKey(severity)) throw new Error(`${what}: unexpected level ${JSON.stringify(severity)}`);
    return {
      severity,
      platform_provisions: countCell(what, row, 'platform_provisions'),
      platform_share: nullableNumberCell(what, row, 'platform_share'),
      sector_mean_share: nullableNumberCell(what, row, 'sector_mean_share')
    };
  });
  const first = rows[0];
  return {
    levels,
    sectorPlatforms: first ? countCell(what, first, 'sector_platforms') : 0,
    sectorPlatformsTotal: first ? countCell(what, first, 'sector_platforms_total') : 0
  };
}

/** The platform page's data, or null when the export has no platform with that id. */
export async function loadPlatformPage(db: Db, platformId: string, options: QueryOptions = {}): Promise<PlatformPageData | null> {
  const run = (q: Parameters<Db['query']>[0]) => db.query(q, options);
  const [row] = await run(platformQuery(platformId));
  if (!row) return null;
  return {
    platform: readPlatform(row),
    documents: await run(platformDocumentsQuery(platformId)),
    provisions: await run(platformProvisionsQuery(platformId)),
    categories: await run(platformCategoriesQuery(platformId)),
    profile: readProfile(await run(platformSeverityProfileQuery(platformId)))
  };
}
