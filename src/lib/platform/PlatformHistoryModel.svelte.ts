/**
 * The platform page's history: its provisions in force per severity over the timeline's default range, and its newest
 * changes (`platform-compare/history.ts`). Loaded after the page's own data, so the tables show first. An export
 * without `provision_versions` has no history: `state` says so.
 *
 * Must be constructed during component initialisation (its loader lives in an `$effect`).
 */
import type { AppDb } from '$lib/db/context';
import { loadPlatformHistory, loadRecentChanges, type PlatformHistory, type RecentChanges } from '$lib/platform-compare/history';
import { loadedExportToday } from '$lib/time/today';

export type HistoryState = 'loading' | 'ready' | 'none' | 'no-history' | 'error';

export class PlatformHistoryModel {
  #value = $state.raw<{ key: string; history: PlatformHistory | null; changes: RecentChanges | null } | null>(null);
  error = $state<string | null>(null);

  readonly #app: AppDb;
  readonly #platformId: () => string | null;
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));
  readonly hasHistory = $derived.by(() => (this.#app.info ? this.#app.info.tables.includes('provision_versions') : null));
  readonly key: string | null = $derived.by(() => {
    const id = this.#platformId();
    return id === null || this.today === null || !this.hasHistory ? null : JSON.stringify([id, this.today]);
  });
  readonly history = $derived(this.#value && this.#value.key === this.key ? this.#value.history : null);
  readonly changes = $derived(this.#value && this.#value.key === this.key ? this.#value.changes : null);

  readonly state: HistoryState = $derived.by(() => {
    if (this.hasHistory === false) return 'no-history';
    if (this.error !== null) return 'error';
    if (this.key === null || this.#value?.key !== this.key) return 'loading';
    return this.history ? 'ready' : 'none';
  });

  /** `platformId` gives null until the platform is known to exist. */
  constructor(app: AppDb, platformId: () => string | null) {
    this.#app = app;
    this.#platformId = platformId;
    $effect(() => {
      const key = this.key;
      const id = this.#platformId();
      const today = this.today;
      if (app.status !== 'ready' || key === null || id === null || today === null) return;
      const controller = new AbortController();
      const options = { signal: controller.signal };
      this.error = null;
      (async () => {
        const history = await loadPlatformHistory(app.db, [id], today, options);
        const changes = history ? await loadRecentChanges(app.db, history.spec, options) : null;
        if (!controller.signal.aborted) this.#value = { key, history, changes };
      })().catch((error: unknown) => {
        if (!controller.signal.aborted) this.error = `The platform’s history could not be read: ${error instanceof Error ? error.message : String(error)}`;
      });
      return () => controller.abort();
    });
  }
}
