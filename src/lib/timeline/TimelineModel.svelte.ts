/**
 * The timeline view's state: URL -> range, filter and granularity -> the severity-over-time counts, the severity
 * index per sector or platform, and one page of per-platform strips for one category.
 *
 * Construct it during component initialisation: each query lives in an `$effect` whose cleanup aborts it, so an answer
 * for filters the page has left never lands. Each result remembers the key it was computed for; the page shows the
 * last result while the next one is on its way ("Updating…").
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { defaultCategory, type CategoryRow } from '$lib/compare/CompareModel.svelte';
import { loadedExportToday } from '$lib/time/today';
import { latest } from '$lib/db/latest';
import { stripPlatformsQuery, stripSegmentsQuery, type StripSpec } from '$lib/queries/strips';
import { loadSeverityIndex, loadTimeline, type IndexGroup, type TimelineSpec } from '$lib/queries/timeline';
import { bucketsFor } from './buckets';
import { STRIP_PAGE_SIZE, type TimelineParams } from './params';
import { resolveRange, type Range } from './range';
import type { IndexPoint, TimelinePoint } from './series';
import { HistoryViewOptions } from './HistoryViewOptions.svelte';
import { readStripPlatforms, readStripSegments, type StripPlatform, type StripSegment } from './strips';
import { loadVersionIndex, type ReadColumns } from './load-version-index';
import type { VersionIndex } from './version-index';

/** Most lines the severity index draws: beyond this a line chart is a tangle (the table holds them all). */
export const MAX_INDEX_LINES = 12;

/** A result with the key of the inputs it was computed for. */
interface Keyed<T> {
  key: string;
  value: T;
}

export class TimelineModel extends HistoryViewOptions {
  readonly #app: AppDb;
  readonly #filters: UrlState<TimelineParams>;

  #series = $state.raw<Keyed<TimelinePoint[]> | null>(null);
  /** The key of the series last painted (a frame after it arrived): the index and the strips start from there. */
  #paintedKey = $state<string | null>(null);
  seriesError = $state<string | null>(null);
  /** Milliseconds the last timeline query took, from sending it to typed points (read by the benchmark). */
  queryMs = $state<number | null>(null);
  /** `performance.now()` when the last points arrived. */
  resultAt = $state<number | null>(null);

  #index = $state.raw<Keyed<IndexPoint[]> | null>(null);
  indexError = $state<string | null>(null);

  #strips = $state.raw<Keyed<{ platforms: StripPlatform[]; segments: StripSegment[] }> | null>(null);
  stripsError = $state<string | null>(null);

  /**
   * The versions held in the page (`version-index.ts`), loaded once after the first chart: from then on a filter
   * change recomputes the series and the index here instead of querying the engine. Null until then (and if it
   * cannot be loaded: the SQL path keeps working).
   */
  versionIndex = $state.raw<VersionIndex | null>(null);
  /** Where the last series came from. */
  seriesSource = $state<'sql' | 'index' | null>(null);

  /** The export has `provision_versions`: without it there is no history to draw. */
  readonly hasHistory = $derived.by(() => (this.#app.info ? this.#app.info.tables.includes('provision_versions') : null));
  /** The export's "today" (`data_as_of`): where the default range ends; null until the manifest is read. */
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));

  readonly range: Range | null = $derived.by(() => {
    if (this.today === null || (this.hasHistory && !this.extent)) return null;
    const v = this.#filters.value;
    return resolveRange({ from: v.from, to: v.to, bucket: v.bucket }, this.extent?.firstDay ?? null, this.today);
  });

  readonly spec: TimelineSpec | null = $derived.by(() => {
    const v = this.#filters.value;
    const range = this.range;
    if (!range || !this.hasHistory) return null;
    return {
      filter: {
        categories: v.category,
        platforms: { sectors: v.sector, jurisdictions: v.jurisdiction, q: v.q, platforms: v.platform },
        severities: v.severity
      },
      from: range.from,
      to: range.to,
      granularity: range.granularity
    };
  });
  /** One text per distinct timeline query. */
  readonly key: string | null = $derived(this.spec ? JSON.stringify(this.spec) : null);
  readonly buckets = $derived(this.spec ? bucketsFor(this.spec.from, this.spec.to, this.spec.granularity) : []);

  readonly series: TimelinePoint[] | null = $derived(this.#series?.value ?? null);
  /** The spec the shown series was computed for (it may lag behind `spec` while a query runs). */
  readonly seriesKey: string | null = $derived(this.#series?.key ?? null);
  readonly seriesLoading = $derived(this.key !== null && this.seriesKey !== this.key && this.seriesError === null);
  /**
   * The series for the current filters is on screen (or failed). The index and the strips wait for it: the engine
   * has one worker, and queries sent together share it, and drawing them shares the page's one thread, so the main
   * chart would otherwise wait for all three.
   */
  /** A first series is on screen (flips once: the version index loads after it). */
  readonly #hadSeries = $derived(this.seriesKey !== null);
  readonly #seriesSettled = $derived(this.key !== null && (this.#paintedKey === this.key || this.seriesError !== null));

  readonly indexBy: IndexGroup = $derived.by(() => this.#filters.value.indexBy);
  /** Why the index cannot be drawn for the current choice, or null. */
  readonly indexBlocked: string | null = $derived.by(() => {
    if (this.indexBy !== 'platform') return null;
    const n = this.#filters.value.platform.length;
    if (n === 0) return 'Pick platforms (“Only” in the platform filter) to compare their severity index as lines.';
    return null;
  });
  readonly indexKey: string | null = $derived(this.key && !this.indexBlocked ? `${this.key}|${this.indexBy}` : null);
  readonly index: IndexPoint[] | null = $derived(this.#index && this.#index.key === this.indexKey ? this.#index.value : null);
  readonly indexLoading = $derived(this.indexKey !== null && this.#index?.key !== this.indexKey && this.indexError === null);

  /** The category of the strips: asked for, else the one category filtered, else the one most platforms have. */
  readonly stripCategory: CategoryRow | null = $derived.by(() => {
    const list = this.categories;
    if (!list) return null;
    const v = this.#filters.value;
    const wanted = v.strip ?? (v.category.length === 1 ? v.category[0]! : null);
    return (wanted !== null ? list.find((c) => c.category_id === wanted) : undefined) ?? defaultCategory(list);
  });
  readonly stripSpec: StripSpec | null = $derived.by(() => {
    const spec = this.spec;
    const category = this.stripCategory;
    if (!spec || !category) return null;
    return { category: category.category_id, filter: { platforms: spec.filter.platforms, severities: spec.filter.severities }, from: spec.from, to: spec.to };
  });
  readonly stripPage: number = $derived.by(() => this.#filters.value.stripPage - 1);
  readonly stripKey: string | null = $derived.by(() =>
    this.stripSpec ? JSON.stringify([this.stripSpec, this.#filters.value.stripSort, this.stripPage]) : null
  );
  readonly strips = $derived(this.#strips && this.#strips.key === this.stripKey ? this.#strips.value : null);
  /** The last strips shown, even if for other inputs: kept on screen while the next page loads. */
  readonly lastStrips = $derived(this.#strips?.value ?? null);
  readonly stripsLoading = $derived(this.stripKey !== null && this.#strips?.key !== this.stripKey && this.stripsError === null);

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes, ...(this.range?.notes ?? [])];
    const unknown = this.unknownCategories(v.category);
    if (unknown.length > 0) notes.push(`category=${unknown.join(', ')}: not in this export (nothing to count).`);
    if (v.strip !== null && this.unknownCategories([v.strip]).length > 0) {
      notes.push(`Ignored strip=${v.strip}: this export has no such category; showing “${this.stripCategory?.name ?? '—'}”.`);
    }
    const platforms = this.unknownPlatforms(v.platform);
    if (platforms.length > 0) notes.push(`platform=${platforms.slice(0, 5).join(', ')}${platforms.length > 5 ? ', …' : ''}: not in this export.`);
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<TimelineParams>) {
    super(app, 'timeline options');
    this.#app = app;
    this.#filters = filters;

    $effect(() => {
      const key = this.key;
      const spec = untrack(() => this.spec);
      if (app.status !== 'ready' || !key || !spec) return;
      this.seriesError = null;
      const started = performance.now();
      const index = untrack(() => this.versionIndex);
      if (index) {
        // Published after the update that changed the URL has been flushed, like an answer from the engine: a chart
        // whose data changes inside that update re-registers its marks without end (layerchart 2.5).
        let live = true;
        queueMicrotask(() => {
          if (!live) return;
          const points = index.timeline(spec.filter, spec);
          this.resultAt = performance.now();
          this.queryMs = this.resultAt - started;
          this.seriesSource = 'index';
          this.#series = { key, value: points };
          this.#markPainted(key);
        });
        return () => {
          live = false;
        };
      }
      return latest(
        (signal) => loadTimeline(app.db, spec, { signal }),
        (points, ms) => {
          this.resultAt = performance.now();
          this.queryMs = ms;
          this.seriesSource = 'sql';
          this.#series = { key, value: points };
          this.#markPainted(key);
        },
        (message) => (this.seriesError = `The timeline could not be computed: ${message}`)
      );
    });

    $effect(() => {
      const key = this.indexKey;
      const spec = untrack(() => this.spec);
      const by = untrack(() => this.indexBy);
      if (app.status !== 'ready' || !key || !spec || !this.#seriesSettled) return;
      this.indexError = null;
      const index = untrack(() => this.versionIndex);
      if (index) {
        const timer = setTimeout(() => (this.#index = { key, value: index.severityIndex(spec.filter, spec, by) }), 0);
        return () => clearTimeout(timer);
      }
      return latest(
        (signal) => loadSeverityIndex(app.db, spec, by, { signal }),
        (points) => (this.#index = { key, value: points }),
        (message) => (this.indexError = `The severity index could not be computed: ${message}`)
      );
    });

    $effect(() => {
      // After the first chart, so loading the versions never delays it; once per export.
      if (app.status !== 'ready' || !this.hasHistory || !this.#hadSeries || untrack(() => this.versionIndex)) return;
      const readColumns: ReadColumns = async (sql, options) => {
        const result = await app.columnar.queryColumns(sql, options);
        return Object.fromEntries(
          result.columns.map((c) => [c.name, result.table.getChildAt(c.index)!.toArray() as ArrayLike<number>])
        );
      };
      return latest(
        (signal) => loadVersionIndex(app.db, readColumns, { signal }),
        (index) => (this.versionIndex = index),
        // Not shown: the page keeps querying the engine, which is what it did before.
        (message) => console.warn(`Timeline: the in-page version index could not be built: ${message}`)
      );
    });

    $effect(() => {
      const key = this.stripKey;
      const spec = untrack(() => this.stripSpec);
      const sort = untrack(() => this.#filters.value.stripSort);
      const page = untrack(() => this.stripPage);
      if (app.status !== 'ready' || !key || !spec || !this.#seriesSettled) return;
      this.stripsError = null;
      const load = async (signal: AbortSignal) => {
        const options = { signal };
        const platforms = readStripPlatforms(
          await app.db.query(stripPlatformsQuery(spec, sort, { limit: STRIP_PAGE_SIZE, offset: page * STRIP_PAGE_SIZE }), options)
        );
        const ids = platforms.map((p) => p.platformId);
        const segments = ids.length === 0 ? [] : readStripSegments(await app.db.query(stripSegmentsQuery(spec, ids), options));
        return { platforms, segments };
      };
      return latest(
        load,
        (value) => (this.#strips = { key, value }),
        (message) => (this.stripsError = `The strips could not be computed: ${message}`)
      );
    });
  }

  /** Notes, a frame after the series for `key` arrived, that it has been drawn. */
  #markPainted(key: string): void {
    const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 0);
    later(() => setTimeout(() => (this.#paintedKey = key), 0));
  }

  /** Display name of an index group: a sector ('' = none) or a platform id. */
  groupLabel(group: string): string {
    if (this.indexBy === 'sector') return group === '' ? 'No sector' : group;
    return this.platformOptions?.find((p) => p.platform_id === group)?.name ?? group;
  }
}
