/**
 * The compare view's state: URL -> resolved filter -> query -> rows, plus what the page says about them (coverage,
 * standings per severity and per sector, notes about ignored URL values).
 *
 * Construct it during component initialisation: its queries live in `$effect`s whose cleanup aborts them, so a stale
 * result never lands in a page that has moved on. Sort and page changes re-sort on the client; only a change of the
 * filter itself runs the query again.
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { PlatformOption } from '$lib/components/filters/options';
import { loadFilterOptions, type CategoryRow } from '$lib/components/filters/load-options';
import { latest, loadTimed } from '$lib/db/latest';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { nullableStringCell } from '$lib/queries/cells';
import { historyRangeQuery, loadCompare, type CompareFilter, type ComparePlatformRow } from '$lib/queries/compare';
import { asOfNote, effectiveAsOf } from '$lib/time/as-of-day';
import { loadedExportToday } from '$lib/time/today';
import type { CompareParams } from './params';
import { coverage, foldsAbsent, sectorAxisNote, standingCounts, standingsBySector } from './summary';

export type { CategoryRow };

/** The category shown when the URL names none: the one found in the most platforms (first in order on a tie). */
export function defaultCategory(categories: readonly CategoryRow[]): CategoryRow | null {
  let best: CategoryRow | null = null;
  for (const c of categories) if (best === null || c.count > best.count) best = c;
  return best;
}

export class CompareModel {
  readonly #app: AppDb;
  readonly #filters: UrlState<CompareParams>;

  categories = $state.raw<CategoryRow[] | null>(null);
  platformOptions = $state.raw<PlatformOption[] | null>(null);
  historyRange = $state.raw<{ first: string | null; last: string | null } | null>(null);
  rows = $state.raw<ComparePlatformRow[] | null>(null);
  /** The filter `rows` were computed for (the page may already ask for another). */
  rowsFilter = $state.raw<CompareFilter | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Milliseconds the last compare query took, from sending it to typed rows. */
  queryMs = $state<number | null>(null);
  /** `performance.now()` when the last rows arrived: the page measures its render from here. */
  resultAt = $state<number | null>(null);

  /** The export has a version history, so "as of" a past day can be computed. */
  readonly hasHistory = $derived.by(() => this.#app.info?.manifest.tables.provision_versions !== undefined);
  /** The export's "today" (`data_as_of`), the day of its latest state; null until the manifest is read. */
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));

  readonly category: CategoryRow | null = $derived.by(() => {
    const wanted = this.#filters.value.category;
    const list = this.categories;
    if (!list) return null;
    return (wanted !== null ? list.find((c) => c.category_id === wanted) : undefined) ?? defaultCategory(list);
  });

  /** The as-of day actually used: null (the latest state) unless a past day is asked for and the history exists. */
  readonly asOf: string | null = $derived.by(() =>
    effectiveAsOf(this.#filters.value.asOf, this.today, this.#app.info ? this.hasHistory : null)
  );

  readonly filter: CompareFilter | null = $derived.by(() => {
    const v = this.#filters.value;
    if (!this.category) return null;
    return {
      category: this.category.category_id,
      asOf: this.asOf,
      platforms: { sectors: v.sector, jurisdictions: v.jurisdiction, q: v.q, platforms: v.platform },
      severities: v.severity
    };
  });
  /** The filter as text: one value per distinct query (a sort or page change leaves it as it is). */
  readonly filterKey = $derived(JSON.stringify(this.filter));

  /** Everything in the URL that was ignored, and why: shown on the page. */
  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes];
    if (v.category !== null && this.categories && !this.categories.some((c) => c.category_id === v.category)) {
      notes.push(`Ignored category=${v.category}: this export has no such category; showing “${this.category?.name ?? '—'}”.`);
    }
    const asOfIgnored = asOfNote(v.asOf, this.today, this.#app.info ? this.hasHistory : null);
    if (asOfIgnored) notes.push(asOfIgnored);
    if (this.platformOptions && v.platform.length > 0) {
      const known = new Set(this.platformOptions.map((p) => p.platform_id));
      const unknown = v.platform.filter((id) => !known.has(id));
      if (unknown.length > 0) notes.push(`platform=${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}: not in this export (no rows).`);
    }
    return notes;
  });

  readonly coverage = $derived(this.rows ? coverage(this.rows) : null);
  readonly standings = $derived(this.rows ? standingCounts(this.rows) : null);
  readonly sectors = $derived(this.rows ? standingsBySector(this.rows) : null);
  /** Why there is no chart by sector (no sector at all, or a single one); null when it is drawn. */
  readonly sectorNote = $derived(this.rows ? sectorAxisNote(this.rows) : null);
  /** The platforms without a provision outnumber the others (`foldsAbsent`): they are folded unless `showEmpty`. */
  readonly absentFolds = $derived(this.coverage !== null && foldsAbsent(this.coverage));
  readonly foldAbsent = $derived.by(() => this.absentFolds && !this.#filters.value.showEmpty);

  constructor(app: AppDb, filters: UrlState<CompareParams>) {
    this.#app = app;
    this.#filters = filters;

    $effect(() => {
      if (app.status !== 'ready') return;
      const withHistory = untrack(() => this.hasHistory);
      const what = 'compare options';
      return latest(
        (signal) => loadFilterOptions(app.db, what, withHistory ? historyRangeQuery() : null, { signal }),
        ({ categories, platforms, extra }) => {
          this.categories = categories;
          this.platformOptions = platforms;
          this.historyRange = extra
            ? { first: nullableStringCell(what, extra, 'first_day'), last: nullableStringCell(what, extra, 'last_day') }
            : null;
        },
        (message) => (this.error = `The categories and platforms could not be read: ${message}`)
      );
    });

    $effect(() => {
      void this.filterKey;
      const filter = untrack(() => this.filter);
      if (app.status !== 'ready' || !filter) return;
      return loadTimed(
        this,
        (signal) => loadCompare(app.db, filter, { signal }),
        (rows) => {
          this.rows = rows;
          this.rowsFilter = filter;
        },
        'The comparison could not be computed'
      );
    });
  }
}
