/**
 * The export's platforms as the platform filter and pickers offer them (`platformOptionsQuery`), read once the
 * database is ready and again whenever it is reloaded.
 *
 * Construct during component initialisation (the query lives in an `$effect`, aborted on cleanup).
 */
import type { AppDb } from '$lib/db/context';
import { latest } from '$lib/db/latest';
import { platformOptionsQuery } from '$lib/queries/compare';
import { readPlatformOption, type PlatformOptionRow } from '$lib/queries/platform-options';

export class PlatformOptions {
  /** Null until read (and when reading failed). */
  list = $state.raw<PlatformOptionRow[] | null>(null);
  error = $state<string | null>(null);

  constructor(app: AppDb) {
    $effect(() => {
      if (app.status !== 'ready') return;
      return latest(
        (signal) => app.db.query(platformOptionsQuery(), { signal }),
        (rows) => (this.list = rows.map((r) => readPlatformOption('platform options', r))),
        (message) => (this.error = `The platforms could not be listed: ${message}`)
      );
    });
  }
}
