/**
 * State of the SQL console: the statement running, its result (Arrow columns), its error with the position in the
 * editor, cancel and timeout, the client-side sort, and the recent/saved queries. The page and its components only
 * read this and call its methods.
 */
import type { ColumnarResult } from '$lib/db/columnar';
import { QueryCancelled } from '$lib/db/errors';
import type { ColumnarDb } from '$lib/db/types';
import { parseSqlError } from './error-position';
import { errorHint, refusal } from './guard';
import { QueryStore, type StoredQueries } from './query-store';
import { nextSort, type SortState } from './sort-order';
import { sortResult } from './sort-result';
import type { Statement } from './statements';

/** Rows a result may hold: the grid scrolls through this many, and past it the console says so. */
export const MAX_RESULT_ROWS = 1_000_000;
/** Arrow bytes a result may hold (wide text columns reach this before the row cap). */
export const MAX_RESULT_BYTES = 256 * 1024 * 1024;
export const TIMEOUT_CHOICES = [10, 30, 60, 300] as const;
export const DEFAULT_TIMEOUT_SECONDS = 60;

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled' | 'timeout';

export interface ConsoleError {
  message: string;
  /** Offset in the editor's text, or null when DuckDB named no position. */
  offset: number | null;
  /** What to do instead, where DuckDB's message would mislead (it suggests INSTALL for read_parquet). */
  hint: string | null;
}

export class SqlConsoleModel {
  status = $state<RunStatus>('idle');
  /** Raw: a Proxy around Arrow vectors would make every cell read slow. */
  result = $state.raw<ColumnarResult | null>(null);
  error = $state<ConsoleError | null>(null);
  statement = $state<Statement | null>(null);
  elapsedMs = $state(0);
  timeoutSeconds = $state<number>(DEFAULT_TIMEOUT_SECONDS);
  sort = $state<SortState | null>(null);
  /** Row order while sorted: `order[i]` is the result row shown at position i. */
  order = $state.raw<Uint32Array | null>(null);
  sorting = $state(false);
  sortError = $state<string | null>(null);
  stored = $state.raw<StoredQueries>({ version: 1, recent: [], saved: [] });
  /** Runs that have ended (any outcome): a signal for tests and assistive technology that a run is over. */
  finished = $state(0);

  private controller: AbortController | null = null;
  private sortController: AbortController | null = null;
  private requestedSort: SortState | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private runId = 0;

  constructor(
    private readonly db: ColumnarDb,
    readonly store: QueryStore = new QueryStore(null)
  ) {
    this.stored = store.read();
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Runs one statement (the caller picked it from the editor); a run in progress is cancelled first. */
  async run(statement: Statement): Promise<void> {
    this.cancel();
    const id = ++this.runId;
    this.statement = statement;
    this.error = null;
    this.sortController?.abort();
    this.sorting = false;
    this.sort = null;
    this.order = null;
    this.stored = this.store.addRecent(statement.text);

    const refused = refusal(statement.text);
    if (refused) {
      this.result = null;
      this.error = { message: refused, offset: statement.from, hint: null };
      this.status = 'error';
      this.finished++;
      return;
    }

    const controller = new AbortController();
    this.controller = controller;
    this.status = 'running';
    this.elapsedMs = 0;
    const started = performance.now();
    this.ticker = setInterval(() => (this.elapsedMs = performance.now() - started), 100);
    this.timer = setTimeout(() => controller.abort('timeout'), this.timeoutSeconds * 1000);
    try {
      const result = await this.db.queryColumns(statement.text, {
        signal: controller.signal,
        maxRows: MAX_RESULT_ROWS,
        maxBytes: MAX_RESULT_BYTES
      });
      if (id !== this.runId) return; // a newer run took over
      this.elapsedMs = performance.now() - started;
      // For the benchmark (docs/BENCHMARKS.md): result in hand -> first grid paint.
      performance.mark('sql-console:result', { detail: { rows: result.numRows } });
      this.result = result;
      this.status = 'done';
    } catch (error) {
      if (id !== this.runId) return;
      this.elapsedMs = performance.now() - started;
      if (error instanceof QueryCancelled || controller.signal.aborted) {
        this.status = controller.signal.reason === 'timeout' ? 'timeout' : 'cancelled';
      } else {
        const raw = error instanceof Error ? error.message : String(error);
        const parsed = parseSqlError(raw, statement.text);
        this.error = {
          message: parsed.message,
          offset: parsed.offset === null ? null : statement.from + parsed.offset,
          hint: errorHint(parsed.message)
        };
        this.status = 'error';
      }
    } finally {
      if (id === this.runId) {
        this.stopClock();
        this.finished++;
      }
    }
  }

  cancel(): void {
    if (this.status !== 'running') return;
    this.controller?.abort('cancelled');
  }

  private stopClock(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.ticker) clearInterval(this.ticker);
    this.timer = null;
    this.ticker = null;
    this.controller = null;
  }

  /** Header click: ascending, descending, then the result's own order. Large results sort in a worker. */
  async toggleSort(column: number): Promise<void> {
    const result = this.result;
    if (!result) return;
    // From the last click, not the last finished sort: a second click while sorting means "descending".
    const next = nextSort(this.sorting ? this.requestedSort : this.sort, column);
    this.requestedSort = next;
    this.sortController?.abort();
    if (!next) {
      this.sort = null;
      this.order = null;
      this.sorting = false;
      return;
    }
    const controller = new AbortController();
    this.sortController = controller;
    this.sorting = true;
    this.sortError = null;
    // Let the "Sorting…" state paint before a main-thread sort of a mid-sized result.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      const order = await sortResult(result, next.column, next.direction, controller.signal);
      if (controller.signal.aborted || this.result !== result) return;
      this.sort = next;
      this.order = order;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.sortError = error instanceof Error ? error.message : String(error);
    } finally {
      if (this.sortController === controller) {
        this.sorting = false;
        this.sortController = null;
      }
    }
  }

  save(name: string, sql: string): void {
    this.stored = this.store.save(name, sql);
  }

  removeSaved(name: string): void {
    this.stored = this.store.remove(name);
  }

  clearRecent(): void {
    this.stored = this.store.clearRecent();
  }

  destroy(): void {
    this.cancel();
    this.runId++;
    this.stopClock();
  }
}
