/**
 * The matrix's state: URL -> filter -> matrix data (cells, rows, columns) -> arranged rows and columns, and the
 * provisions behind the open cell. Only a change of the as-of day or the platform filter queries again; column
 * choices, sorting and opening a cell work on the loaded data (the open cell runs its own small query).
 *
 * Construct during component initialisation (its queries live in `$effect`s, aborted on cleanup).
 */
import { untrack } from 'svelte';
import type { AppDb } from '$lib/db/context';
import type { UrlState } from '$lib/filters/UrlState.svelte';
import { loadCellProvisions, loadMatrix, type CellProvision, type MatrixData, type MatrixFilter } from '$lib/queries/matrix';
import { asOfNote, effectiveAsOf } from '$lib/time/as-of-day';
import { loadedExportToday } from '$lib/time/today';
import type { PlatformOption } from '$lib/components/filters/options';
import { latest, loadTimed } from '$lib/db/latest';
import { PlatformOptions } from '$lib/filters/PlatformOptions.svelte';
import { loadCitations } from '$lib/citations/load-citations';
import type { CitationRecord } from '$lib/citations/record';
import { arrangeColumns, categoryCoverage, findCell, foldsEmptyRows, sortedMatrixRows } from './arrange';
import type { MatrixParams } from './params';

export class MatrixModel {
  readonly #app: AppDb;
  readonly #filters: UrlState<MatrixParams>;

  data = $state.raw<MatrixData | null>(null);
  dataFilter = $state.raw<MatrixFilter | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  queryMs = $state<number | null>(null);
  resultAt = $state<number | null>(null);

  readonly #platforms: PlatformOptions;
  /**
   * Every platform of the export, for the platform filter's choices; none when they could not be read (the filter
   * then offers no hand-picked list; the matrix itself reports query errors).
   */
  get platformOptions(): PlatformOption[] {
    return this.#platforms.list ?? [];
  }
  cellProvisions = $state.raw<CellProvision[] | null>(null);
  /** The open cell's provisions' citation records (last verified, the capture cited), by record id; null while read. */
  cellCited = $state.raw<ReadonlyMap<string, CitationRecord> | null>(null);
  cellError = $state<string | null>(null);

  readonly hasHistory = $derived.by(() => this.#app.info?.manifest.tables.provision_versions !== undefined);
  /** The export's "today" (`data_as_of`), the day of its latest state; null until the manifest is read. */
  readonly today: string | null = $derived.by(() => loadedExportToday(this.#app.info));

  /** The as-of day actually used: null (the latest state) unless a past day is asked for and the history exists. */
  readonly asOf: string | null = $derived.by(() =>
    effectiveAsOf(this.#filters.value.asOf, this.today, this.#app.info ? this.hasHistory : null)
  );

  readonly filter: MatrixFilter = $derived.by(() => {
    const v = this.#filters.value;
    return { asOf: this.asOf, platforms: { sectors: v.sector, jurisdictions: v.jurisdiction, q: v.q, platforms: v.platform } };
  });
  readonly filterKey = $derived(JSON.stringify(this.filter));

  readonly coverage = $derived(this.data ? categoryCoverage(this.data) : new Map<string, number>());
  readonly columns = $derived.by(() => {
    const v = this.#filters.value;
    if (!this.data) return [];
    // Ids and groups this export does not have are left out (and noted), rather than emptying the matrix.
    const ids = new Set(this.data.categories.map((c) => c.category_id));
    const groups = new Set(this.data.categories.map((c) => c.group_name));
    const filter = { categories: v.category.filter((id) => ids.has(id)), groups: v.group.filter((g) => groups.has(g)) };
    return arrangeColumns(this.data.categories, filter, v.columns, this.coverage);
  });
  /** Every platform's row, sorted. */
  readonly allRows = $derived.by(() => {
    if (!this.data) return [];
    const v = this.#filters.value;
    return sortedMatrixRows(this.data, this.columns, v.sort, v.by);
  });
  /** Rows without a provision in the columns shown. */
  readonly emptyRows = $derived(this.allRows.filter((r) => r.covered === 0).length);
  /** They outnumber the others (`foldsEmptyRows`): folded unless `showEmpty`. */
  readonly emptyFolds = $derived(this.columns.length > 0 && foldsEmptyRows(this.allRows));
  readonly foldEmpty = $derived.by(() => this.emptyFolds && !this.#filters.value.showEmpty);
  /** The rows drawn (and downloaded). */
  readonly rows = $derived(this.foldEmpty ? this.allRows.filter((r) => r.covered > 0) : this.allRows);

  /** The open cell, when both its platform and category are in the matrix. */
  readonly openCell = $derived.by(() => {
    const { cellPlatform, cellCategory } = this.#filters.value;
    if (!this.data || cellPlatform === null || cellCategory === null) return null;
    const found = findCell(this.data, cellPlatform, cellCategory);
    return found && { platform: found.row, category: found.column, cell: found.cell };
  });

  readonly notes: string[] = $derived.by(() => {
    const v = this.#filters.value;
    const notes = [...this.#filters.notes];
    const asOfIgnored = asOfNote(v.asOf, this.today, this.#app.info ? this.hasHistory : null);
    if (asOfIgnored) notes.push(asOfIgnored);
    if (this.data) {
      const known = new Set(this.data.categories.map((c) => c.category_id));
      const unknown = v.category.filter((id) => !known.has(id));
      if (unknown.length > 0) notes.push(`Ignored category=${unknown.slice(0, 5).join(', ')}: not a category of this export.`);
      const groups = new Set(this.data.categories.map((c) => c.group_name));
      const unknownGroups = v.group.filter((g) => !groups.has(g));
      if (unknownGroups.length > 0) notes.push(`Ignored group=${unknownGroups.slice(0, 5).join(', ')}: not a group of this export.`);
      if (v.by !== null && !this.columns.some((c) => c.category_id === v.by)) {
        notes.push(`Ignored by=${v.by}: not a column of this matrix; rows are not ordered by it.`);
      }
      if ((v.cellPlatform !== null || v.cellCategory !== null) && !this.openCell) {
        notes.push(`Ignored the open cell (${v.cellPlatform ?? '—'} × ${v.cellCategory ?? '—'}): it is not in this matrix.`);
      }
    }
    return notes;
  });

  constructor(app: AppDb, filters: UrlState<MatrixParams>) {
    this.#app = app;
    this.#filters = filters;

    this.#platforms = new PlatformOptions(app);

    $effect(() => {
      void this.filterKey;
      const filter = untrack(() => this.filter);
      if (app.status !== 'ready') return;
      return loadTimed(
        this,
        (signal) => loadMatrix(app.db, filter, { signal }),
        (data) => {
          this.data = data;
          this.dataFilter = filter;
        },
        'The matrix could not be computed'
      );
    });

    $effect(() => {
      const open = this.openCell;
      const asOf = this.asOf;
      this.cellProvisions = null;
      this.cellCited = null;
      this.cellError = null;
      if (!open || app.status !== 'ready') return;
      const cell = { asOf, platform: open.platform.platform_id, category: open.category.category_id };
      const withSnapshots = app.info?.tables.includes('snapshots') ?? false;
      // The list shows as soon as it is read; the provenance a citation names (last verified, the capture with its
      // hash and archive link: the citations' own query, for the cell's records) joins it when that is read.
      let stopCited = () => {};
      const stopProvisions = latest(
        (signal) => loadCellProvisions(app.db, cell, { signal }),
        (rows) => {
          this.cellProvisions = rows;
          stopCited = latest(
            async (signal) => {
              if (rows.length === 0) return new Map<string, CitationRecord>();
              // Only the records' dates and captures are read from them here: the citation's own fields stay empty.
              const context = { withSnapshots, permalinkOf: () => '', publisher: '', accessed: '' };
              const { records } = await loadCitations(app.db, rows.map((r) => r.record_id), context, { signal });
              return new Map(records.map((r) => [r.recordId, r]));
            },
            (cited) => (this.cellCited = cited),
            (message) => (this.cellError = `The provenance of this cell's provisions could not be read: ${message}`)
          );
        },
        (message) => (this.cellError = `The provisions of this cell could not be read: ${message}`)
      );
      return () => {
        stopProvisions();
        stopCited();
      };
    });
  }
}
