/**
 * Everything the platform-vs-platform table shows, read with the queries of `queries/platform-compare.ts`. Runs the
 * same in the browser and in Node tests.
 */
import type { Db, QueryOptions } from '$lib/db/types';
import {
  comparedPlatformsQuery,
  foldPlatformCompare,
  platformCompareQuery,
  readComparedPlatforms,
  type ComparedPlatform,
  type PlatformCompareSpec,
  type PvpCategory
} from '$lib/queries/platform-compare';

export interface PlatformCompareData {
  /** The asked platforms the export has, in the order asked. */
  platforms: ComparedPlatform[];
  /** The asked ids the export does not have, in the order asked. */
  missing: string[];
  /** Every category of the export, each with one cell per platform of `platforms`. */
  categories: PvpCategory[];
}

export async function loadPlatformCompare(db: Db, spec: PlatformCompareSpec, options: QueryOptions = {}): Promise<PlatformCompareData> {
  const found = new Map(readComparedPlatforms(await db.query(comparedPlatformsQuery(spec), options)).map((p) => [p.platform_id, p]));
  const platforms = spec.platforms.flatMap((id) => found.get(id) ?? []);
  const missing = spec.platforms.filter((id) => !found.has(id));
  const rows = platforms.length === 0 ? [] : await db.query(platformCompareQuery({ ...spec, platforms: platforms.map((p) => p.platform_id) }), options);
  return { platforms, missing, categories: foldPlatformCompare(rows, platforms) };
}
