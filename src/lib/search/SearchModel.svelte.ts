/**
 * The search page's state: URL -> parsed query and filters -> one page of ranked provisions, their number, and the
 * counts per platform and per category. With the export's search index it ranks by BM25; without it (older exports)
 * it matches substrings, and `indexed` is false so the page says so. The download runs the same query without a page.
 *
 * Construct it during component initialisation: each query lives in an `$effect` whose cleanup aborts it.
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { QueryOptions } from '$lib/db/types';
import type { Row } from '$lib/db/values';
import type { PlatformOption } from '$lib/components/filters/options';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import type { CategoryRow } from '$lib/compare/CompareModel.svelte';
import { latest } from '$lib/db/latest';
import { loadFilterOptions } from '$lib/components/filters/load-options';
import { countCell, nullableStringCell, stringCell } from '$lib/queries/cells';
import { searchFacetsQuery, searchResultsQuery, searchStatsQuery, type SearchMode, type SearchSpec, type SearchStats } from '$lib/queries/search';
import { parseQuery, type ParsedQuery } from './parse-query';
import { SEARCH_PAGE_SIZE, type SearchParams } from './params';

export interface Facet {
  id: string;
  label: string;
  n: number;
}

export class SearchModel {
  readonly #app: AppDb;
  readonly #filters: UrlState<SearchParams>;

  categories = $state.raw<CategoryRow[] | null>(null);
  platformOptions = $state.raw<PlatformOption[] | null>(null);
  #stats = $state.raw<SearchStats | null>(null);
  #page = $state.raw<{ key: string; rows: Row[]; total: number; millis: number } | null>(null);
  #facets = $state.raw<{ key: string; platforms: Facet[]; categories: Facet[] } | null>(null);
  error = $state<string | null>(null);

  /** The export has the search index (null until the manifest is read). */
  readonly indexed: boolean | null = $derived.by(() => (this.#app.info ? this.#app.info.tables.includes('clause_terms') : null));
  readonly parsed: ParsedQuery = $derived.by(() => parseQuery(this.#filters.value.q));
  readonly mode: SearchMode | null = $derived.by(() => {
    if (this.indexed === null) return null;
    if (!this.indexed) return { kind: 'substring' };
    return this.#stats ? { kind: 'bm25', stats: this.#stats } : null;
  });

  readonly spec: SearchSpec | null = $derived.by(() => {
    const v = this.#filters.value;
    if (this.parsed.units.length === 0) return null;
    return {
      units: this.parsed.units,
      filter: {
        categories: v.category,
        platforms: { sectors: v.sector, jurisdictions: v.jurisdiction, q: v.pq, platforms: v.platform },
        severities: v.severity
      },
      from: v.from,
      to: v.to
    };
  });
  readonly key: string | null = $derived(this.spec && this.mode ? JSON.stringify({ spec: this.spec, mode: this.mode.kind }) : null);
  readonly pageIndex: number = $derived.by(() => this.#filters.value.page - 1);
  readonly pageKey: string | null = $derived(this.key === null ? null : `${this.key}|${this.pageIndex}`);

  readonly rows: Row[] | null = $derived(this.#page?.rows ?? null);
  readonly total: number | null = $derived(this.#page?.total ?? null);
  /** How long the last page took, query to rows (ms). */
  readonly millis: number | null = $derived(this.#page?.millis ?? null);
  readonly loading = $derived(this.pageKey !== null && this.#page?.key !== this.pageKey && this.error === null);
  /** The key the rows on screen were computed for (tests and benchmarks wait on it). */
  readonly shownKey: string | null = $derived(this.#page?.key ?? null);
  readonly facets = $derived(this.#facets && this.#facets.key === this.key ? this.#facets : null);

  constructor(app: AppDb, filters: UrlState<SearchParams>) {
    this.#app = app;
    this.#filters = filters;

    $effect(() => {
      if (app.status !== 'ready') return;
      return latest(
        (signal) => loadFilterOptions(app.db, 'search options', null, { signal }),
        ({ categories, platforms }) => {
          this.categories = categories;
          this.platformOptions = platforms;
        },
        (message) => (this.error = `The categories and platforms could not be read: ${message}`)
      );
    });

    $effect(() => {
      // BM25's statistics, once per export and only when a search is made (they read the whole index).
      if (app.status !== 'ready' || !this.indexed || this.spec === null || untrack(() => this.#stats) !== null) return;
      const what = 'search statistics';
      return latest(
        async (signal) => {
          const rows = await app.db.query(searchStatsQuery(), { signal });
          return { documents: countCell(what, rows[0] ?? {}, 'documents'), tokens: countCell(what, rows[0] ?? {}, 'tokens') };
        },
        (stats) => (this.#stats = stats),
        (message) => (this.error = `The search index could not be read: ${message}`)
      );
    });

    $effect(() => {
      const key = this.pageKey;
      const spec = untrack(() => this.spec);
      const mode = untrack(() => this.mode);
      const index = untrack(() => this.pageIndex);
      if (app.status !== 'ready' || key === null || !spec || !mode) return;
      this.error = null;
      return latest(
        async (signal) => {
          const rows = await app.db.query(searchResultsQuery(spec, mode, { limit: SEARCH_PAGE_SIZE, offset: index * SEARCH_PAGE_SIZE }), { signal });
          // A page past the end has no rows to carry the total: ask for the first row of the first page.
          const first = rows.length > 0 || index === 0 ? rows : await app.db.query(searchResultsQuery(spec, mode, { limit: 1, offset: 0 }), { signal });
          return { rows, total: first.length > 0 ? countCell('search results', first[0]!, 'total') : 0 };
        },
        ({ rows, total }, millis) => (this.#page = { key, rows, total, millis }),
        (message) => (this.error = `The search failed: ${message}`)
      );
    });

    $effect(() => {
      const key = this.key;
      const spec = untrack(() => this.spec);
      const mode = untrack(() => this.mode);
      if (app.status !== 'ready' || key === null || !spec || !mode) return;
      return latest(
        (signal) => app.db.query(searchFacetsQuery(spec, mode), { signal }),
        (rows) => {
          const what = 'search counts';
          const facet = (name: string) =>
            rows.filter((r) => r.facet === name).map((r) => ({ id: stringCell(what, r, 'id'), label: nullableStringCell(what, r, 'label') ?? stringCell(what, r, 'id'), n: countCell(what, r, 'n') }));
          this.#facets = { key, platforms: facet('platform'), categories: facet('category') };
        },
        (message) => (this.error = `The counts could not be computed: ${message}`)
      );
    });
  }

  /** Every result of the current search, best first, for the download. */
  allRows(options: QueryOptions = {}): Promise<Row[]> {
    if (!this.spec || !this.mode) return Promise.reject(new Error('There is no search to download'));
    return this.#app.db.query(searchResultsQuery(this.spec, this.mode), options);
  }
}
