/**
 * Platform vs platform's state: URL -> platforms and day -> the side-by-side table, and the platforms' severity
 * history. "As of" follows the rule every time-aware view shares (`time/as-of-day.ts`): the export's today
 * (`data_as_of`) or later is its latest state, an earlier day is read from the version history.
 *
 * Construct during component initialisation: each load lives in an `$effect` whose cleanup aborts it, so an answer
 * for platforms the page has left never lands. Each result keeps the key it was computed for.
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { PlatformOption } from '$lib/components/filters/options';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { readPlatformOption } from '$lib/queries/platform-options';
import { platformOptionsQuery } from '$lib/queries/compare';
import { MIN_COMPARED, type PlatformCompareSpec } from '$lib/queries/platform-compare';
import { asOfNote, effectiveAsOf } from '$lib/time/as-of-day';
import { loadedExportToday } from '$lib/time/today';
import { loadPlatformCompare, type PlatformCompareData } from './load-platform-compare';
import { loadPlatformHistory, type PlatformHistory } from './history';
import type { PlatformCompareParams } from './params';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Keyed<T> {
  key: string;
  value: T;
}

export class PlatformCompareModel {
  readonly #app: AppDb;
  readonly #filters: UrlState<PlatformCompareParams>;

  options = $state.raw<PlatformOption[] | null>(null);
  optionsError = $state<string | null>(null);
  #data = $state.raw<Keyed<PlatformCompareData> | null>(null);
  error = $state<string | null>(null);
  #history = $state.raw<Keyed<PlatformHistory | null> | null>(null);
  historyError = $state<string | null>(null);

  readonly hasHistory = $derived.by(() => (this.#app.info ? this.#app.info.tables.includes('provision_versions') : null));
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));
  readonly asOf: string | null = $derived.by(() => effectiveAsOf(this.#filters.value.asOf, this.today, this.hasHistory));

  /** The platforms asked for, in column order. */
  readonly ids: string[] = $derived.by(() => this.#filters.value.ids);
  readonly spec: PlatformCompareSpec | null = $derived.by(() =>
    this.ids.length === 0 || (this.#filters.value.asOf !== null && this.today === null) ? null : { platforms: this.ids, asOf: this.asOf }
  );
  readonly key: string | null = $derived(this.spec ? JSON.stringify(this.spec) : null);
  readonly data: PlatformCompareData | null = $derived(this.#data && this.#data.key === this.key ? this.#data.value : null);
  readonly loading = $derived(this.key !== null && this.#data?.key !== this.key && this.error === null);

  /** The platforms found, for the history (which does not depend on the day). */
  readonly found: string[] = $derived.by(() => this.data?.platforms.map((p) => p.platform_id) ?? []);
  readonly historyKey: string | null = $derived.by(() =>
    this.found.length >= MIN_COMPARED && this.hasHistory && this.today !== null ? JSON.stringify([this.found, this.today]) : null
  );
  readonly history: PlatformHistory | null = $derived(this.#history && this.#history.key === this.historyKey ? this.#history.value : null);
  readonly historyLoading = $derived(this.historyKey !== null && this.#history?.key !== this.historyKey && this.historyError === null);

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes];
    const ignored = asOfNote(v.asOf, this.today, this.hasHistory);
    if (ignored) notes.push(ignored);
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<PlatformCompareParams>) {
    this.#app = app;
    this.#filters = filters;

    $effect(() => {
      if (app.status !== 'ready') return;
      const controller = new AbortController();
      app.db.query(platformOptionsQuery(), { signal: controller.signal }).then(
        (rows) => {
          if (controller.signal.aborted) return;
          this.options = rows.map((r) => readPlatformOption('platform options', r));
        },
        (error: unknown) => {
          if (!controller.signal.aborted) this.optionsError = `The platforms could not be listed: ${message(error)}`;
        }
      );
      return () => controller.abort();
    });

    $effect(() => {
      const key = this.key;
      const spec = untrack(() => this.spec);
      if (app.status !== 'ready' || key === null || !spec) return;
      const controller = new AbortController();
      this.error = null;
      loadPlatformCompare(app.db, spec, { signal: controller.signal }).then(
        (value) => {
          if (!controller.signal.aborted) this.#data = { key, value };
        },
        (error: unknown) => {
          if (!controller.signal.aborted) this.error = `The platforms could not be compared: ${message(error)}`;
        }
      );
      return () => controller.abort();
    });

    $effect(() => {
      const key = this.historyKey;
      const ids = untrack(() => this.found);
      const today = untrack(() => this.today);
      if (app.status !== 'ready' || key === null || today === null) return;
      const controller = new AbortController();
      this.historyError = null;
      loadPlatformHistory(app.db, ids, today, { signal: controller.signal }).then(
        (value) => {
          if (!controller.signal.aborted) this.#history = { key, value };
        },
        (error: unknown) => {
          if (!controller.signal.aborted) this.historyError = `The severity history could not be computed: ${message(error)}`;
        }
      );
      return () => controller.abort();
    });
  }
}
