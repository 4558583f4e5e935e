/**
 * `/regulations`: URL -> (as-of day, axis) -> the regulation cells and the columns -> rows arranged by the matrix's own
 * functions (`$lib/matrix/arrange.ts`), and the provisions behind the open cell and behind the chosen regulation.
 * Sorting and opening a cell work on the loaded data; the open cell and the chosen regulation run their own queries.
 *
 * Construct during component initialisation (its queries live in `$effect`s, aborted on cleanup).
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import type { MatrixData } from '$lib/queries/matrix';
import {
  loadCitingProvisions,
  loadPivotColumns,
  loadRegulationCells,
  type CitingProvision,
  type PivotAxis,
  type PivotColumn,
  type RegulationCell
} from '$lib/queries/regulations';
import { categoryCoverage, findCell, sortedMatrixRows } from '$lib/matrix/arrange';
import { latest, loadLatest } from '$lib/db/latest';
import { PivotScope } from './PivotScope.svelte';
import { regulationMatrix } from './regulation-matrix';
import type { RegulationParams } from './params';

interface Loaded {
  asOf: string | null;
  by: PivotAxis;
  cells: RegulationCell[];
  columns: PivotColumn[];
}


export class RegulationsModel {
  readonly scope: PivotScope;
  readonly #filters: UrlState<RegulationParams>;

  loaded = $state.raw<Loaded | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  cellProvisions = $state.raw<CitingProvision[] | null>(null);
  cellError = $state<string | null>(null);
  listed = $state.raw<CitingProvision[] | null>(null);
  listError = $state<string | null>(null);

  readonly filter = $derived.by(() => ({ asOf: this.scope.asOf, by: this.#filters.value.by }));
  readonly filterKey = $derived(JSON.stringify(this.filter));

  readonly data: MatrixData | null = $derived(this.loaded ? regulationMatrix(this.loaded.cells, this.loaded.columns) : null);
  readonly columns = $derived(this.data?.categories ?? []);
  readonly coverage = $derived(this.data ? categoryCoverage(this.data) : new Map<string, number>());
  /** The regulation chosen (`?regulation=`), when some provision in view cites it (by name or law). */
  readonly regulation = $derived.by(() => {
    const wanted = this.#filters.value.regulation;
    if (wanted === '' || !this.data) return null;
    return this.data.platforms.some((r) => r.name === wanted || r.sector === wanted) ? wanted : null;
  });
  /** The rows drawn (and downloaded): every regulation, or the chosen one's. */
  readonly rows = $derived.by(() => {
    if (!this.data) return [];
    const v = this.#filters.value;
    const all = sortedMatrixRows(this.data, this.columns, v.sort, v.col);
    const chosen = this.regulation;
    return chosen === null ? all : all.filter((r) => r.name === chosen || r.sector === chosen);
  });

  readonly openCell = $derived.by(() => {
    const { cellRow, cellColumn } = this.#filters.value;
    if (!this.data || cellRow === '' || cellColumn === null) return null;
    return findCell(this.data, cellRow, cellColumn);
  });

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes];
    if (this.scope.asOfNote) notes.push(this.scope.asOfNote);
    if (this.data && this.scope.hasCitations) {
      const when = this.loaded?.asOf ? ' on that day' : '';
      if (v.regulation !== '' && this.regulation === null) notes.push(`Ignored regulation=${v.regulation}: no provision${when} cites it.`);
      if (v.sort.column === 'category' && v.col !== null && !this.columns.some((c) => c.category_id === v.col)) {
        notes.push(`Ignored col=${v.col}: not a column of this matrix; rows are not ordered by it.`);
      }
      if ((v.cellRow !== '' || v.cellColumn !== null) && !this.openCell) {
        notes.push(`Ignored the open cell (${v.cellRow || '—'} × ${v.cellColumn ?? '—'}): it is not in this matrix.`);
      }
    }
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<RegulationParams>) {
    this.#filters = filters;
    this.scope = new PivotScope(app, 'regulations', () => filters.value.asOf);

    $effect(() => {
      void this.filterKey;
      const filter = untrack(() => this.filter);
      if (app.status !== 'ready') return;
      return loadLatest(
        this,
        async (signal) => {
          const columns = await loadPivotColumns(app.db, filter.by, { signal });
          const cells = await loadRegulationCells(app.db, filter, { signal });
          return { ...filter, cells, columns };
        },
        (loaded) => (this.loaded = loaded),
        'The regulation matrix could not be computed'
      );
    });

    $effect(() => {
      const open = this.openCell;
      const loaded = this.loaded;
      this.cellProvisions = null;
      this.cellError = null;
      if (!open || !loaded || app.status !== 'ready') return;
      const filter = { asOf: loaded.asOf, list: 'regulations' as const, name: open.row.platform_id, column: { by: loaded.by, id: open.column.category_id } };
      return latest(
        (signal) => loadCitingProvisions(app.db, filter, { signal }),
        (rows) => (this.cellProvisions = rows),
        (error) => (this.cellError = `The provisions of this cell could not be read: ${error}`)
      );
    });

    $effect(() => {
      const name = this.regulation;
      const asOf = this.loaded?.asOf ?? null;
      this.listed = null;
      this.listError = null;
      if (name === null || app.status !== 'ready') return;
      return latest(
        (signal) => loadCitingProvisions(app.db, { asOf, list: 'regulations', name }, { signal }),
        (rows) => (this.listed = rows),
        (error) => (this.listError = `The provisions citing ${name} could not be read: ${error}`)
      );
    });
  }
}
