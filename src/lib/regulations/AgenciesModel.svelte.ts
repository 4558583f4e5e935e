/**
 * `/agencies`: the agencies provisions cite (today, or as of a past day), and for one agency (`?agency=`) what falls
 * in its remit: the provisions citing it, grouped by platform and category with their worst severity, and listed.
 *
 * Construct during component initialisation (its queries live in `$effect`s, aborted on cleanup).
 */
import type { AppDb } from '$lib/db/context';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { loadCitedNames, loadCitingProvisions, loadRemit, type CitedName, type CitingProvision, type RemitGroup } from '$lib/queries/regulations';
import { latest, loadLatest } from '$lib/db/latest';
import { PivotScope } from './PivotScope.svelte';
import type { AgencyParams } from './params';

export class AgenciesModel {
  readonly scope: PivotScope;
  readonly #filters: UrlState<AgencyParams>;

  agencies = $state.raw<CitedName[] | null>(null);
  /** The day `agencies` describes. */
  loadedAsOf = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  remit = $state.raw<RemitGroup[] | null>(null);
  provisions = $state.raw<CitingProvision[] | null>(null);
  remitError = $state<string | null>(null);

  /** The agency chosen, when some provision in view cites it. */
  readonly agency: CitedName | null = $derived.by(() => {
    const wanted = this.#filters.value.agency;
    return wanted === '' ? null : (this.agencies?.find((a) => a.name === wanted) ?? null);
  });

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes];
    if (this.scope.asOfNote) notes.push(this.scope.asOfNote);
    if (this.agencies && this.scope.hasCitations && v.agency !== '' && !this.agency) {
      notes.push(`Ignored agency=${v.agency}: no provision${this.loadedAsOf ? ' in force on that day' : ''} cites it.`);
    }
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<AgencyParams>) {
    this.#filters = filters;
    this.scope = new PivotScope(app, 'agencies', () => filters.value.asOf);

    $effect(() => {
      const asOf = this.scope.asOf;
      if (app.status !== 'ready') return;
      return loadLatest(
        this,
        (signal) => loadCitedNames(app.db, { asOf, list: 'agencies' }, { signal }),
        (rows) => {
          this.agencies = rows;
          this.loadedAsOf = asOf;
        },
        'The agencies could not be listed'
      );
    });

    $effect(() => {
      const name = this.agency?.name ?? null;
      const asOf = this.loadedAsOf;
      this.remit = null;
      this.provisions = null;
      this.remitError = null;
      if (name === null || app.status !== 'ready') return;
      const filter = { asOf, list: 'agencies' as const, name };
      return latest(
        async (signal) => ({
          remit: await loadRemit(app.db, filter, { signal }),
          provisions: await loadCitingProvisions(app.db, filter, { signal })
        }),
        (r) => {
          this.remit = r.remit;
          this.provisions = r.provisions;
        },
        (error) => (this.remitError = `What falls in the remit of ${name} could not be read: ${error}`)
      );
    });
  }
}
