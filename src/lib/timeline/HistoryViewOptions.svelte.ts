/**
 * What the views over the history (the timeline, the change feed) offer to filter by: the categories and platforms,
 * and what the history holds (its first and last day, versions without a start date), read in one round trip once
 * the export is loaded. The views' models extend it.
 *
 * Construct it during component initialisation: the query lives in an `$effect` whose cleanup aborts it.
 */
import type { AppDb } from '$lib/db/context';
import { latest } from '$lib/db/latest';
import type { CategoryRow } from '$lib/compare/CompareModel.svelte';
import { loadFilterOptions } from '$lib/components/filters/load-options';
import type { PlatformOption } from '$lib/components/filters/options';
import { historyExtentQuery } from '$lib/queries/timeline';
import { readExtent, type HistoryExtent } from './series';

export class HistoryViewOptions {
  categories = $state.raw<CategoryRow[] | null>(null);
  platformOptions = $state.raw<PlatformOption[] | null>(null);
  /** What the history holds, for the default range and for saying what is left out; null without a history. */
  extent = $state.raw<HistoryExtent | null>(null);
  optionsError = $state<string | null>(null);

  /** The ids among `ids` that name no category of the export; none until the categories are read. */
  unknownCategories(ids: readonly string[]): string[] {
    const known = this.categories && new Set(this.categories.map((c) => c.category_id));
    return known ? ids.filter((id) => !known.has(id)) : [];
  }

  /** The ids among `ids` that name no platform of the export; none until the platforms are read. */
  unknownPlatforms(ids: readonly string[]): string[] {
    const known = this.platformOptions && new Set(this.platformOptions.map((p) => p.platform_id));
    return known ? ids.filter((id) => !known.has(id)) : [];
  }

  /** `what` names the query in the engine's log ("timeline options"). */
  constructor(app: AppDb, what: string) {
    $effect(() => {
      if (app.status !== 'ready' || !app.info) return;
      const withHistory = app.info.tables.includes('provision_versions');
      return latest(
        (signal) => loadFilterOptions(app.db, what, withHistory ? historyExtentQuery() : null, { signal }),
        ({ categories, platforms, extra }) => {
          this.categories = categories;
          this.platformOptions = platforms;
          this.extent = extra ? readExtent(extra) : null;
        },
        (message) => (this.optionsError = `The categories and platforms could not be read: ${message}`)
      );
    });
  }
}
