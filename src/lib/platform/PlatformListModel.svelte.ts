/**
 * The platform list's state: the platforms matching the search in the URL, re-queried when the search changes; a
 * newer search aborts an older one still running.
 *
 * Must be constructed during component initialisation (its loader lives in an `$effect`).
 */
import type { AppDb } from '$lib/db/context';
import type { Row } from '$lib/db/values';
import { platformsQuery } from '$lib/queries/platform';

export class PlatformListModel {
  rows = $state.raw<Row[] | null>(null);
  /** The search `rows` answer. */
  loadedSearch = $state<string | null>(null);
  error = $state<string | null>(null);

  constructor(app: AppDb, search: () => string) {
    $effect(() => {
      const term = search().trim();
      if (app.status !== 'ready') return;
      const controller = new AbortController();
      app.db.query(platformsQuery(term), { signal: controller.signal }).then(
        (rows) => {
          if (controller.signal.aborted) return;
          this.rows = rows;
          this.error = null;
          this.loadedSearch = term;
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          this.error = `The platforms could not be listed: ${error instanceof Error ? error.message : String(error)}`;
        }
      );
      return () => controller.abort();
    });
  }
}
