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
import { PlatformOptions } from '$lib/filters/PlatformOptions.svelte';
import { MIN_COMPARED, type PlatformCompareSpec } from '$lib/queries/platform-compare';
import { asOfNote, effectiveAsOf } from '$lib/time/as-of-day';
import { loadedExportToday } from '$lib/time/today';
import { latest } from '$lib/db/latest';
import { loadPlatformCompare, type PlatformCompareData } from './load-platform-compare';
import { loadPlatformHistory, type PlatformHistory } from './history';
import type { PlatformCompareParams } from './params';

interface Keyed<T> {
  key: string;
  value: T;
}

export class PlatformCompareModel {
  readonly #app: AppDb;
  readonly #filters: UrlState<PlatformCompareParams>;

  readonly #platforms: PlatformOptions;
  get options(): PlatformOption[] | null {
    return this.#platforms.list;
  }
  get optionsError(): string | null {
    return this.#platforms.error;
  }
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

    this.#platforms = new PlatformOptions(app);

    $effect(() => {
      const key = this.key;
      const spec = untrack(() => this.spec);
      if (app.status !== 'ready' || key === null || !spec) return;
      this.error = null;
      return latest(
        (signal) => loadPlatformCompare(app.db, spec, { signal }),
        (value) => (this.#data = { key, value }),
        (message) => (this.error = `The platforms could not be compared: ${message}`)
      );
    });

    $effect(() => {
      const key = this.historyKey;
      const ids = untrack(() => this.found);
      const today = untrack(() => this.today);
      if (app.status !== 'ready' || key === null || today === null) return;
      this.historyError = null;
      return latest(
        (signal) => loadPlatformHistory(app.db, ids, today, { signal }),
        (value) => (this.#history = { key, value }),
        (message) => (this.historyError = `The severity history could not be computed: ${message}`)
      );
    });
  }
}
