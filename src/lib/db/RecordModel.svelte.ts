/**
 * The state of a page about one record the route names (a platform, a provision): its data once the engine is
 * ready, and whether the record exists in the loaded export at all. A new id (client-side navigation from one record
 * to another) aborts the previous load (`latest`), so a slow answer never lands on a page that has moved on.
 *
 * Must be constructed during component initialisation (its loader lives in an `$effect`).
 */
import { latest } from './latest';
import type { AppDb } from './context';

export type RecordState = 'loading' | 'ready' | 'missing' | 'error';

export class RecordModel<T> {
  readonly #app: AppDb;
  readonly #id: () => string;
  data = $state.raw<T | null>(null);
  /** The id `data` (or `missing`) is about. */
  loadedId = $state<string | null>(null);
  error = $state<string | null>(null);
  missing = $state(false);

  /** The id the route names now. */
  readonly id: string = $derived.by(() => this.#id());

  readonly state: RecordState = $derived.by(() => {
    if (this.#app.status === 'error') return 'error';
    if (this.loadedId !== this.id) return 'loading';
    if (this.error !== null) return 'error';
    return this.missing ? 'missing' : this.data ? 'ready' : 'loading';
  });

  /**
   * `kind` names the record in an error ("The platform could not be read: …"); `load` reads it, null when the export
   * has no record with that id. It runs once the engine is ready, inside the effect, so what it reads of `app` is
   * tracked.
   */
  constructor(app: AppDb, id: () => string, kind: string, load: (id: string, signal: AbortSignal) => Promise<T | null>) {
    this.#app = app;
    this.#id = id;

    $effect(() => {
      const id = this.id;
      if (app.status !== 'ready' || !app.info) return;
      return latest(
        (signal) => load(id, signal),
        (data) => {
          this.data = data;
          this.missing = data === null;
          this.error = null;
          this.loadedId = id;
        },
        (message) => {
          this.data = null;
          this.missing = false;
          this.error = `The ${kind} could not be read: ${message}`;
          this.loadedId = id;
        }
      );
    });
  }
}
