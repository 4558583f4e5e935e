/**
 * What the regulation and agency views share: the export's today, the as-of day actually shown (the one rule of
 * `$lib/time/as-of-day`), and whether the export's provisions cite any regulation or agency at all (so an empty view
 * says why). Also `loadInto`, the abort-on-cleanup query pattern of every model.
 *
 * Construct during component initialisation (its query lives in an `$effect`).
 */
import type { AppDb } from '$lib/db/context';
import { loadHasCitations, type CitationList } from '$lib/queries/regulations';
import { asOfNote, effectiveAsOf } from '$lib/time/as-of-day';
import { loadedExportToday } from '$lib/time/today';

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `load` (inside an `$effect`) and hands its result to `done`, or its error to `fail`; returns the cleanup that
 * aborts it, so a newer state never sees an older query's answer.
 */
export function loadInto<T>(load: (signal: AbortSignal) => Promise<T>, done: (value: T) => void, fail: (error: string) => void): () => void {
  const controller = new AbortController();
  load(controller.signal).then(
    (value) => {
      if (!controller.signal.aborted) done(value);
    },
    (error: unknown) => {
      if (!controller.signal.aborted) fail(message(error));
    }
  );
  return () => controller.abort();
}

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
      return loadInto(
        (signal) => loadHasCitations(app.db, list, { signal }),
        (has) => (this.hasCitations = has),
        (error) => (this.error = `Could not tell whether provisions cite ${list}: ${error}`)
      );
    });
  }
}
