/**
 * The platform page's state: the platform the route names, its data once the engine is ready, and whether it exists
 * in the loaded export. A new id (client-side navigation) aborts the previous load, so a slow answer never lands on
 * a page that has moved on.
 *
 * Must be constructed during component initialisation (its loader lives in an `$effect`).
 */
import { latest } from '$lib/db/latest';
import type { AppDb } from '$lib/db/context';
import { loadPlatformPage, type PlatformPageData } from './load-platform';

export type PlatformState = 'loading' | 'ready' | 'missing' | 'error';

export class PlatformModel {
  #app: AppDb;
  #platformId: () => string;
  data = $state.raw<PlatformPageData | null>(null);
  /** The platform id `data` (or `missing`) is about. */
  loadedId = $state<string | null>(null);
  error = $state<string | null>(null);
  missing = $state(false);

  readonly platformId: string = $derived.by(() => this.#platformId());

  readonly state: PlatformState = $derived.by(() => {
    if (this.#app.status === 'error') return 'error';
    if (this.loadedId !== this.platformId) return 'loading';
    if (this.error !== null) return 'error';
    return this.missing ? 'missing' : this.data ? 'ready' : 'loading';
  });

  constructor(app: AppDb, platformId: () => string) {
    this.#app = app;
    this.#platformId = platformId;

    $effect(() => {
      const id = this.platformId;
      if (app.status !== 'ready') return;
      return latest(
        (signal) => loadPlatformPage(app.db, id, { signal }),
        (data) => {
          this.data = data;
          this.missing = data === null;
          this.error = null;
          this.loadedId = id;
        },
        (message) => {
          this.data = null;
          this.missing = false;
          this.error = `The platform could not be read: ${message}`;
          this.loadedId = id;
        }
      );
    });
  }
}
