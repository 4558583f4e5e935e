/**
 * "Today" in every view is the day the loaded export describes, never the calendar: an archive whose data ends on
 * 2021-01-09 is shown as it stood on 2021-01-09, and nothing later than that day is offered or called "today".
 *
 * The day is the manifest's `data_as_of` (contract v1.1). A v1 export, or one built without it, has only
 * `generated_at`: its UTC day stands in (an export cannot describe a day after it was written). Views get the day
 * from here only — no view reads the wall clock for "today".
 */
import type { Manifest } from '$lib/contract/schema';
import { formatDay } from '$lib/format/date';

/** The export's "today", 'YYYY-MM-DD': `data_as_of`, else the UTC day of `generated_at`. */
export function exportToday(manifest: Pick<Manifest, 'data_as_of' | 'generated_at'>): string {
  if (manifest.data_as_of !== undefined) return manifest.data_as_of;
  const generated = Date.parse(manifest.generated_at);
  if (Number.isNaN(generated)) throw new RangeError(`generated_at is not a timestamp: ${JSON.stringify(manifest.generated_at)}`);
  return new Date(generated).toISOString().slice(0, 10);
}

/** The same for a loaded export, null while its manifest has not been read. */
export function loadedExportToday(info: { manifest: Pick<Manifest, 'data_as_of' | 'generated_at'> } | null): string | null {
  return info ? exportToday(info.manifest) : null;
}

/**
 * The words for the state a view shows: "as of Mar 1, 2024" for a past day; for the export's latest state
 * "as of Jan 9, 2021 (latest in this export)" — never "today", which would pass an old archive off as the present.
 */
export function stateLabel(asOf: string | null, today: string | null, locale?: string): string {
  if (asOf !== null) return `as of ${formatDay(asOf, locale)}`;
  return today === null ? 'latest in this export' : `as of ${formatDay(today, locale)} (latest in this export)`;
}
