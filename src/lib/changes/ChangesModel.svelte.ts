/**
 * The change feed's state: URL -> range and filters -> one page of changes, their number, and the summary by
 * category. The download runs the same query without a page.
 *
 * Construct it during component initialisation: each query lives in an `$effect` whose cleanup aborts it.
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { QueryOptions } from '$lib/db/types';
import type { Row } from '$lib/db/values';
import type { PlatformOption } from '$lib/components/filters/options';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { utcToday, type CategoryRow } from '$lib/compare/CompareModel.svelte';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import { changesCountQuery, changeSummaryQuery, changesQuery, type ChangeSpec } from '$lib/queries/changes';
import { compareCategoriesQuery, platformOptionsQuery } from '$lib/queries/compare';
import { historyExtentQuery } from '$lib/queries/timeline';
import { readExtent, type HistoryExtent } from '$lib/timeline/series';
import { addDays } from '$lib/timeline/buckets';
import { CHANGES_PAGE_SIZE, type ChangesParams } from './params';
import { readChanges, readSummary, type CategorySummary, type Change } from './feed';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ChangesModel {
  readonly #app: AppDb;
  readonly #filters: UrlState<ChangesParams>;
  readonly today: string;

  categories = $state.raw<CategoryRow[] | null>(null);
  platformOptions = $state.raw<PlatformOption[] | null>(null);
  /** What the history holds, for saying what is left out (versions without a start date). */
  extent = $state.raw<HistoryExtent | null>(null);
  optionsError = $state<string | null>(null);

  #page = $state.raw<{ key: string; rows: Change[]; total: number } | null>(null);
  #summary = $state.raw<{ key: string; rows: CategorySummary[] } | null>(null);
  error = $state<string | null>(null);

  readonly hasHistory = $derived.by(() => (this.#app.info ? this.#app.info.tables.includes('provision_versions') : null));

  /** The range shown: the URL's, else the year up to today; reversed ends are swapped (and said). */
  readonly range = $derived.by(() => {
    const v = this.#filters.value;
    const notes: string[] = [];
    let to = v.to ?? this.today;
    if (to > this.today) {
      notes.push(`Ignored to=${to}: that day has not come yet; the range ends today.`);
      to = this.today;
    }
    let from = v.from ?? addDays(to, -364);
    if (from > to) {
      notes.push(`from=${from} is after to=${to}: the two were swapped.`);
      [from, to] = [to, from];
    }
    return { from, to, notes };
  });

  readonly spec: ChangeSpec = $derived.by(() => {
    const v = this.#filters.value;
    return {
      filter: {
        categories: v.category,
        platforms: { sectors: v.sector, jurisdictions: v.jurisdiction, q: v.q, platforms: v.platform },
        severities: v.severity
      },
      from: this.range.from,
      to: this.range.to,
      kinds: v.kind
    };
  });
  readonly key: string = $derived(JSON.stringify(this.spec));
  readonly pageIndex: number = $derived.by(() => this.#filters.value.page - 1);
  readonly pageKey: string = $derived(`${this.key}|${this.pageIndex}`);
  /** The summary ignores the kind filter, so choosing kinds does not recompute it. */
  readonly summaryKey: string = $derived(JSON.stringify({ ...this.spec, kinds: [] }));

  readonly rows: Change[] | null = $derived(this.#page?.rows ?? null);
  readonly total: number | null = $derived(this.#page?.total ?? null);
  readonly loading = $derived(this.#page?.key !== this.pageKey && this.error === null);
  readonly summary: CategorySummary[] | null = $derived(this.#summary?.rows ?? null);
  readonly summaryLoading = $derived(this.#summary?.key !== this.summaryKey && this.error === null);
  /** The key the rows on screen were computed for (tests and benchmarks wait on it). */
  readonly shownKey: string | null = $derived(this.#page?.key ?? null);

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes, ...this.range.notes];
    if (this.categories) {
      const known = new Set(this.categories.map((c) => c.category_id));
      const unknown = v.category.filter((c) => !known.has(c));
      if (unknown.length > 0) notes.push(`category=${unknown.join(', ')}: not in this export (no changes).`);
    }
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<ChangesParams>, now = new Date()) {
    this.#app = app;
    this.#filters = filters;
    this.today = utcToday(now);

    $effect(() => {
      if (app.status !== 'ready') return;
      const controller = new AbortController();
      const options = { signal: controller.signal };
      (async () => {
        const what = 'change feed options';
        const withHistory = app.info?.tables.includes('provision_versions') ?? false;
        const [categories, platforms, extent] = await Promise.all([
          app.db.query(compareCategoriesQuery(), options),
          app.db.query(platformOptionsQuery(), options),
          withHistory ? app.db.query(historyExtentQuery(), options) : Promise.resolve(null)
        ]);
        if (controller.signal.aborted) return;
        this.categories = categories.map((r) => ({
          category_id: stringCell(what, r, 'category_id'),
          name: stringCell(what, r, 'name'),
          group_name: nullableStringCell(what, r, 'group_name'),
          count: countCell(what, r, 'platforms')
        }));
        this.platformOptions = platforms.map((r) => ({
          platform_id: stringCell(what, r, 'platform_id'),
          name: stringCell(what, r, 'name'),
          sector: nullableStringCell(what, r, 'sector'),
          jurisdiction: nullableStringCell(what, r, 'jurisdiction')
        }));
        this.extent = extent ? readExtent(extent[0]) : null;
      })().catch((error: unknown) => {
        if (!controller.signal.aborted) this.optionsError = `The categories and platforms could not be read: ${message(error)}`;
      });
      return () => controller.abort();
    });

    $effect(() => {
      const key = this.pageKey;
      const spec = untrack(() => this.spec);
      const index = untrack(() => this.pageIndex);
      if (app.status !== 'ready' || !this.hasHistory) return;
      const controller = new AbortController();
      const options = { signal: controller.signal };
      this.error = null;
      (async () => {
        const [rows, count] = await Promise.all([
          app.db.query(changesQuery(spec, { limit: CHANGES_PAGE_SIZE, offset: index * CHANGES_PAGE_SIZE }), options),
          app.db.query(changesCountQuery(spec), options)
        ]);
        if (controller.signal.aborted) return;
        this.#page = { key, rows: readChanges(rows), total: countCell('change count', count[0] ?? {}, 'changes') };
      })().catch((error: unknown) => {
        if (!controller.signal.aborted) this.error = `The changes could not be read: ${message(error)}`;
      });
      return () => controller.abort();
    });

    $effect(() => {
      const key = this.summaryKey;
      const spec = untrack(() => this.spec);
      if (app.status !== 'ready' || !this.hasHistory) return;
      const controller = new AbortController();
      app.db.query(changeSummaryQuery(spec), { signal: controller.signal }).then(
        (rows) => {
          if (!controller.signal.aborted) this.#summary = { key, rows: readSummary(rows) };
        },
        (error: unknown) => {
          if (!controller.signal.aborted) this.error = `The summary could not be computed: ${message(error)}`;
        }
      );
      return () => controller.abort();
    });
  }

  /** Every change of the current filters, for the download (all pages). */
  allRows(options: QueryOptions = {}): Promise<Row[]> {
    return this.#app.db.query(changesQuery(this.spec), options);
  }
}
