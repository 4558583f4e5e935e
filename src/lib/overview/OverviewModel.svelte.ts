/**
 * The overview page's state. Numbers come from three places, in this order:
 *  1. prerendered into the page at build time, for the bundled export (`prerendered.ts`): shown from the first paint,
 *     and kept once the app's manifest is read only if its table hashes are the ones they were computed from;
 *  2. `overview.json` beside the export (computed when the export was built), used only if its table hashes match the
 *     manifest the app loaded — so the page paints while the engine is still loading;
 *  3. the same queries run live once the engine is ready, which then replace the earlier numbers. All have the same
 *     shape and feed the same components, so the swap changes nothing on screen when they agree.
 * As of a past day (`asOf`), only the live path applies: `overview.json` holds the latest state's numbers.
 *
 * Must be constructed during component initialisation: its clients live in `$effect`s, and a cleanup marks their
 * results stale (and aborts the queries), so nothing lands in a page that has moved on.
 */
import type { Manifest } from '$lib/contract/schema';
import type { AppDb } from '$lib/db/context';
import { loadOverview } from '$lib/queries/overview';
import type { OverviewData } from '$lib/queries/overview-data';
import { chooseOverview, overviewCacheUrl, readOverviewCache, type CacheState, type OverviewSource } from './overview-cache';
import { effectiveAsOf } from '$lib/time/as-of-day';
import { exportToday } from '$lib/time/today';
import { usablePrerendered, type PrerenderedOverview } from './prerendered';

export class OverviewModel {
  #app: AppDb;
  #asked: () => string | null;
  #cached = $state.raw<OverviewData | null>(null);
  /** Live numbers with the day they are for (null = the latest state). */
  #live = $state.raw<{ asOf: string | null; data: OverviewData } | null>(null);

  cacheState = $state<CacheState>('pending');
  /** Why the live numbers could not be computed (the engine loaded, a query failed). */
  error = $state<string | null>(null);

  #prerenderedInput: () => PrerenderedOverview | null;
  /** The prerendered numbers, while they are of this export, its latest state, and of the files its manifest lists. */
  readonly #prerendered: PrerenderedOverview | null = $derived.by(() =>
    // Only a hosted export has a name the prerendered numbers can be of (an opened folder may be called "demo" too).
    usablePrerendered(this.#prerenderedInput(), this.#app.choice.kind === 'hosted' ? this.#app.choice.name : '', this.#asked(), this.#app.info?.manifest ?? null)
  );

  /** The export's manifest, once the app has read it (the build's, with prerendered numbers, until then). */
  readonly manifest: Manifest | null = $derived.by(() => this.#app.info?.manifest ?? this.#prerendered?.manifest ?? null);
  /** The export's "today" (`data_as_of`): its latest state; null until the manifest is known. */
  readonly today: string | null = $derived.by(() => (this.manifest ? exportToday(this.manifest) : null));

  /** The export has a version history, so a past day can be shown; null until the manifest is read. */
  readonly hasHistory: boolean | null = $derived.by(() => (this.manifest ? this.manifest.tables.provision_versions !== undefined : null));
  /** The day shown: null for the latest state (see `effectiveAsOf`). */
  readonly asOf: string | null = $derived.by(() => effectiveAsOf(this.#asked(), this.today, this.hasHistory));

  readonly #chosen = $derived.by(() => {
    const live = this.#live && this.#live.asOf === this.asOf ? this.#live.data : null;
    if (!live && this.#prerendered) return { data: this.#prerendered.data, source: 'prerendered' as const };
    // The precomputed numbers are the latest state's: never shown for another day.
    return chooseOverview(live, this.asOf === null ? this.#cached : null, this.manifest);
  });
  readonly data: OverviewData | null = $derived(this.#chosen?.data ?? null);
  /** Where `data` came from; null while there is none. */
  readonly source: OverviewSource | null = $derived(this.#chosen?.source ?? null);

  /** Still waiting for numbers that will come (neither failed loading nor a failed query). */
  readonly loading = $derived.by(() => this.data === null && this.error === null && this.#app.status !== 'error');

  /**
   * `asOf` gives the day asked for (e.g. from the URL), null for the latest state; read reactively.
   */
  constructor(
    app: AppDb,
    fetchFn: typeof fetch = fetch,
    asOf: () => string | null = () => null,
    /** Numbers prerendered into the page (`+page.server.ts`), if any; read reactively. */
    prerendered: () => PrerenderedOverview | null = () => null
  ) {
    this.#app = app;
    this.#asked = asOf;
    this.#prerenderedInput = prerendered;

    $effect(() => {
      // Only exports whose manifest lists precomputed numbers have them: no request (and no 404) otherwise. The page
      // already holds them when they were prerendered for this export.
      const file = this.manifest?.precomputed?.overview;
      if (!this.manifest || this.#prerendered) return;
      if (!file) {
        this.cacheState = 'absent';
        return;
      }
      let stale = false;
      readOverviewCache(fetchFn, overviewCacheUrl(app.base, file)).then(({ state, data }) => {
        if (stale) return;
        this.cacheState = state;
        this.#cached = data;
      });
      return () => {
        stale = true;
      };
    });

    $effect(() => {
      const asOf = this.asOf;
      if (app.status !== 'ready' || !app.info) return;
      const manifest = app.info.manifest;
      const controller = new AbortController();
      this.error = null;
      loadOverview(app.db, manifest, { signal: controller.signal, asOf }).then(
        (data) => {
          if (!controller.signal.aborted) this.#live = { asOf, data };
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          this.error = `The overview could not be computed: ${error instanceof Error ? error.message : String(error)}`;
        }
      );
      return () => controller.abort();
    });
  }
}
