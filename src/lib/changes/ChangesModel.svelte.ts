/**
 * The change feed's state: URL -> range and filters -> one page of changes, their number, and the summary by
 * category. The download runs the same query without a page.
 *
 * Construct it during component initialisation: each query lives in an `$effect` whose cleanup aborts it.
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { QueryOptions } from '$lib/db/types';
import { latest } from '$lib/db/latest';
import type { Row } from '$lib/db/values';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { countCell, nullableStringCell } from '$lib/queries/cells';
import { changeNeighboursQuery, changesCountQuery, changeSummaryQuery, changesQuery, type ChangeSpec } from '$lib/queries/changes';
import { HistoryViewOptions } from '$lib/timeline/HistoryViewOptions.svelte';
import { loadedExportToday } from '$lib/time/today';
import { CHANGES_PAGE_SIZE, type ChangesParams } from './params';
import { resolvePeriod, type Period } from './range';
import { readChanges, readSummary, type CategorySummary, type Change } from './feed';

export class ChangesModel extends HistoryViewOptions {
  readonly #app: AppDb;
  readonly #filters: UrlState<ChangesParams>;

  #page = $state.raw<{ key: string; rows: Change[]; total: number } | null>(null);
  #summary = $state.raw<{ key: string; rows: CategorySummary[] } | null>(null);
  /** For an empty period: the last change before it and the first after it (days; null when none). */
  #neighbours = $state.raw<{ key: string; before: string | null; after: string | null } | null>(null);
  error = $state<string | null>(null);

  readonly hasHistory = $derived.by(() => (this.#app.info ? this.#app.info.tables.includes('provision_versions') : null));
  /** The export's "today" (`data_as_of`): where the default period ends; null until the manifest is read. */
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));

  /**
   * The period shown (`resolvePeriod`): the URL's, else the year up to the export's today — or up to the last change
   * when the history ends before that year. Null until the manifest (and, for the default, the history's extent) is
   * read, so no query runs for a period about to be replaced.
   */
  readonly range: Period | null = $derived.by(() => {
    const v = this.#filters.value;
    if (this.today === null) return null;
    if (v.from === null && v.to === null && this.hasHistory && !this.extent) return null;
    return resolvePeriod({ from: v.from, to: v.to }, this.today, this.extent?.lastDay ?? null);
  });

  readonly spec: ChangeSpec | null = $derived.by(() => {
    const v = this.#filters.value;
    if (!this.range) return null;
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
  readonly key: string | null = $derived(this.spec ? JSON.stringify(this.spec) : null);
  readonly pageIndex: number = $derived.by(() => this.#filters.value.page - 1);
  readonly pageKey: string | null = $derived(this.key === null ? null : `${this.key}|${this.pageIndex}`);
  /** The summary ignores the kind filter, so choosing kinds does not recompute it. */
  readonly summaryKey: string | null = $derived(this.spec ? JSON.stringify({ ...this.spec, kinds: [] }) : null);

  readonly rows: Change[] | null = $derived(this.#page?.rows ?? null);
  readonly total: number | null = $derived(this.#page?.total ?? null);
  readonly loading = $derived((this.pageKey === null || this.#page?.key !== this.pageKey) && this.error === null);
  readonly summary: CategorySummary[] | null = $derived(this.#summary?.rows ?? null);
  readonly summaryLoading = $derived((this.summaryKey === null || this.#summary?.key !== this.summaryKey) && this.error === null);
  /** The key the rows on screen were computed for (tests and benchmarks wait on it). */
  readonly shownKey: string | null = $derived(this.#page?.key ?? null);
  /**
   * When the period shown holds no matching change: where the nearest ones are (null while unknown, or when the
   * period is not empty).
   */
  readonly neighbours: { before: string | null; after: string | null } | null = $derived(
    this.#neighbours && this.#neighbours.key === this.key && this.#page?.key === this.pageKey && this.total === 0
      ? { before: this.#neighbours.before, after: this.#neighbours.after }
      : null
  );

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes, ...(this.range?.notes ?? [])];
    const unknown = this.unknownCategories(v.category);
    if (unknown.length > 0) notes.push(`category=${unknown.join(', ')}: not in this export (no changes).`);
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<ChangesParams>) {
    super(app, 'change feed options');
    this.#app = app;
    this.#filters = filters;

    $effect(() => {
      const key = this.pageKey;
      const spec = untrack(() => this.spec);
      const index = untrack(() => this.pageIndex);
      if (app.status !== 'ready' || !this.hasHistory || key === null || !spec) return;
      this.error = null;
      const page = { limit: CHANGES_PAGE_SIZE, offset: index * CHANGES_PAGE_SIZE };
      return latest(
        (signal) => Promise.all([app.db.query(changesQuery(spec, page), { signal }), app.db.query(changesCountQuery(spec), { signal })]),
        ([rows, count]) => (this.#page = { key, rows: readChanges(rows), total: countCell('change count', count[0] ?? {}, 'changes') }),
        (message) => (this.error = `The changes could not be read: ${message}`)
      );
    });

    $effect(() => {
      // Only for an empty period: where the nearest changes are, so the page can offer a way out.
      const key = this.key;
      const empty = this.#page !== null && this.#page.key === this.pageKey && this.#page.total === 0;
      const spec = untrack(() => this.spec);
      if (app.status !== 'ready' || !empty || key === null || !spec) return;
      if (untrack(() => this.#neighbours?.key) === key) return;
      const what = 'nearest changes';
      return latest(
        (signal) => app.db.query(changeNeighboursQuery(spec), { signal }),
        (rows) => (this.#neighbours = { key, before: nullableStringCell(what, rows[0] ?? {}, 'before_day'), after: nullableStringCell(what, rows[0] ?? {}, 'after_day') }),
        (message) => (this.error = `The nearest changes could not be found: ${message}`)
      );
    });

    $effect(() => {
      const key = this.summaryKey;
      const spec = untrack(() => this.spec);
      if (app.status !== 'ready' || !this.hasHistory || key === null || !spec) return;
      return latest(
        (signal) => app.db.query(changeSummaryQuery(spec), { signal }),
        (rows) => (this.#summary = { key, rows: readSummary(rows) }),
        (message) => (this.error = `The summary could not be computed: ${message}`)
      );
    });
  }

  /** Every change of the current filters, for the download (all pages). */
  allRows(options: QueryOptions = {}): Promise<Row[]> {
    if (!this.spec) return Promise.reject(new Error('The period is not known yet'));
    return this.#app.db.query(changesQuery(this.spec), options);
  }
}
