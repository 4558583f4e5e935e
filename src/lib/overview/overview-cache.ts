/**
 * `overview.json`, the numbers computed when the export was built: fetched, checked, and weighed against the live
 * numbers. Pure (fetch is passed in), so it is tested in Node; `OverviewModel` wires it to the page.
 */
import type { Manifest } from '../contract/schema';
import { isOverviewData, overviewMatchesManifest, type OverviewData } from '../queries/overview-data';

/** What became of `overview.json`: useful when asking why the page waited for the engine. */
export type CacheState = 'pending' | 'absent' | 'invalid' | 'loaded';

/** Where the overview's numbers came from: prerendered into the page, `overview.json`, or the live queries. */
export type OverviewSource = 'prerendered' | 'cache' | 'live';

/** URL of the precomputed numbers named by the manifest (`precomputed.overview`, a plain file name). */
export function overviewCacheUrl(exportBase: string, file = 'overview.json'): string {
  return `${exportBase}/${file}`;
}

/** Fetches and checks `overview.json`. It is an optimisation: any problem means "no cache", never an error shown. */
export async function readOverviewCache(
  fetchFn: typeof fetch,
  url: string
): Promise<{ state: CacheState; data: OverviewData | null }> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-cache' });
  } catch {
    return { state: 'absent', data: null };
  }
  if (!response.ok) return { state: 'absent', data: null };
  try {
    const json: unknown = await response.json();
    return isOverviewData(json) ? { state: 'loaded', data: json } : { state: 'invalid', data: null };
  } catch {
    return { state: 'invalid', data: null };
  }
}

/**
 * The numbers to show: live ones once there are any; before that, cached ones, but only when they were computed
 * from exactly the files the loaded manifest lists (and never before that manifest is known).
 */
export function chooseOverview(
  live: OverviewData | null,
  cached: OverviewData | null,
  manifest: Manifest | null
): { data: OverviewData; source: OverviewSource } | null {
  if (live) return { data: live, source: 'live' };
  if (cached && manifest && overviewMatchesManifest(cached, manifest)) return { data: cached, source: 'cache' };
  return null;
}
