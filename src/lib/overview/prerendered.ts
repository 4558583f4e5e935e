/**
 * The overview of the bundled export, prerendered at build time with its true numbers (`src/routes/+page.server.ts`
 * reads the demo export's manifest and precomputed `overview.json`): the first paint of `/` is the overview itself,
 * chart included, before any JavaScript runs. `OverviewModel` shows these numbers until the live ones arrive, and only
 * for the export and day they describe — the default export, today — and only while the manifest the app fetches
 * has the same table hashes.
 *
 * Pure (no I/O): the reading is the server load's; the checks are shared with the model.
 */
import type { Manifest } from '$lib/contract/schema';
import { isOverviewData, overviewMatchesManifest, type OverviewData } from '$lib/queries/overview-data';

export interface PrerenderedOverview {
  /** The export these numbers describe, e.g. "demo" (`?export=` name). */
  exportName: string;
  manifest: Manifest;
  data: OverviewData;
}

/** The prerendered numbers when they are what the page should show; null otherwise. */
export function usablePrerendered(
  prerendered: PrerenderedOverview | null | undefined,
  exportName: string,
  asOf: string | null,
  manifest: Manifest | null
): PrerenderedOverview | null {
  if (!prerendered || prerendered.exportName !== exportName || asOf !== null) return null;
  // Before the app has fetched the manifest, the build's is all there is; after, the numbers must be of its files.
  if (manifest && !overviewMatchesManifest(prerendered.data, manifest)) return null;
  return prerendered;
}

/** Checks what the build read: numbers that are not overview data of these very files are never prerendered. */
export function checkPrerendered(exportName: string, manifest: Manifest, data: unknown): PrerenderedOverview | null {
  if (!isOverviewData(data) || !overviewMatchesManifest(data, manifest)) return null;
  return { exportName, manifest, data };
}
