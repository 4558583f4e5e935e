/**
 * What a view's page publishes about its state: one word on the page (`data-<view>-state`) that tests and the
 * benchmark wait on, and the status line a screen reader hears ("Loading…", "Updating…"), beside the export's today
 * and the filter and timings the benchmark reads. One rule for every view, so they say the same thing the same way.
 */

export type ViewState = 'error' | 'no-history' | 'loading' | 'ready';

/** In that order: a failure wins, then an export without the history the view needs, then a query still running. */
export function viewState(failed: boolean, loading: boolean, noHistory = false): ViewState {
  return failed ? 'error' : noHistory ? 'no-history' : loading ? 'loading' : 'ready';
}

/** "Loading…" while the view has nothing to show yet, "Updating…" while what it shows is being replaced. */
export function loadingStatus(state: string, shown: boolean): string {
  return state === 'loading' ? (shown ? 'Updating…' : 'Loading…') : '';
}

export interface ViewSignals {
  /** The export's "today" (`data_as_of`); null until the manifest is read. */
  today: string | null;
  /** The key of the filter the view is showing or loading (`data-filter`). */
  filter?: string;
  /** How long the last result took to compute (ms, `data-query-ms`). */
  queryMs?: number | null;
  /** How long it took to draw (`RenderTimer.attr`, `data-render-ms`). */
  renderMs?: string;
}

/** The `Page`'s status line and `data-*` attributes; `shown` is whether the view has a result on screen. */
export function pageSignals(
  view: string,
  state: string,
  shown: boolean,
  signals: ViewSignals
): { status: string } & Record<`data-${string}`, string | null | undefined> {
  return {
    status: loadingStatus(state, shown),
    [`data-${view}-state`]: state,
    'data-today': signals.today,
    'data-filter': signals.filter,
    'data-query-ms': signals.queryMs?.toFixed(1),
    'data-render-ms': signals.renderMs
  };
}
