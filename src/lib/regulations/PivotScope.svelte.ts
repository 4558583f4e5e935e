/**
 * What the regulation and agency views share: the export's today, the as-of day actually shown (the one rule of
 * `$lib/time/as-of-day`), and whether the export's provisions cite any regulation or agency at all (so an empty view
 * says why).
 *
 * Construct during component initialisation (its query lives in an `$effect`).
 */
import type { AppDb } from '$lib/db/context';
import { latest } from '$lib/db/latest';
import { loadHasCitations, type CitationList } from '$lib/queries/regulations';
import { asOfNote, effectiveAsOf } from '$lib/time/as-of-day';
import { loadedExportToday } from '$lib/time/today';

export class PivotScope {
  readonly #app: AppDb;
  readonly #asked: () => string | null;

  /** Whether some provision lists a regulation (agency); null until known. */
  hasCitations = $state<boolean | null>(null);
  error = $state<string | null>(null);

  readonly hasHistory = $derived.by(() => this.#app.info?.manifest.tables.provision_versions !== undefined);
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));
  readonly asOf: string | null = $derived.by(() => effectiveAsOf(this.#asked(), this.today, this.#app.info ? this.hasHistory : null));
  readonly asOfNote: string | null = $derived.by(() => asOfNote(this.#asked(), this.today, this.#app.info ? this.hasHistory : null));

  constructor(app: AppDb, list: CitationList, asked: () => string | null) {
    this.#app = app;
    this.#asked = asked;
    $effect(() => {
      if (app.status !== 'ready') return;
      return latest(
        (signal) => loadHasCitations(app.db, list, { signal }),
        (has) => (this.hasCitations = has),
        (error) => (this.error = `Could not tell whether provisions cite ${list}: ${error}`)
      );
    });
  }
}
