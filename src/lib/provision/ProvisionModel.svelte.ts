/**
 * The provision page's state: which record the route names, its data once the engine is ready, and whether it exists
 * at all in the loaded export. A new record id (client-side navigation between provisions) aborts the previous load,
 * so a slow answer never lands on the page that has moved on.
 *
 * Must be constructed during component initialisation (its loader lives in an `$effect`).
 */
import { latest } from '$lib/db/latest';
import type { TableName } from '$lib/contract/schema';
import type { AppDb } from '$lib/db/context';
import { loadProvisionPage, type ProvisionPageData } from './load-provision';

export type ProvisionState = 'loading' | 'ready' | 'missing' | 'error';

export class ProvisionModel {
  #app: AppDb;
  data = $state.raw<ProvisionPageData | null>(null);
  /** The record id `data` (or `missing`) is about. */
  loadedId = $state<string | null>(null);
  error = $state<string | null>(null);
  missing = $state(false);

  readonly recordId: string = $derived.by(() => this.#recordId());
  readonly tables: readonly TableName[] = $derived.by(() => this.#app.info?.tables ?? []);

  readonly state: ProvisionState = $derived.by(() => {
    if (this.#app.status === 'error') return 'error';
    if (this.loadedId !== this.recordId) return 'loading';
    if (this.error !== null) return 'error';
    return this.missing ? 'missing' : this.data ? 'ready' : 'loading';
  });

  #recordId: () => string;

  constructor(app: AppDb, recordId: () => string) {
    this.#app = app;
    this.#recordId = recordId;

    $effect(() => {
      const id = this.recordId;
      if (app.status !== 'ready' || !app.info) return;
      const tables = app.info.tables;
      return latest(
        (signal) => loadProvisionPage(app.db, id, tables, { signal }),
        (data) => {
          this.data = data;
          this.missing = data === null;
          this.error = null;
          this.loadedId = id;
        },
        (message) => {
          this.data = null;
          this.missing = false;
          this.error = `The provision could not be read: ${message}`;
          this.loadedId = id;
        }
      );
    });
  }
}
