/**
 * "Run this query for this filter, and drop it when the filter moves on": every view's model runs its queries in
 * `$effect`s that return `latest(…)`, so the effect's cleanup aborts the query (duckdb-wasm cancels what it can, and
 * an aborted result is discarded), and a stale result or error never lands in state that has moved on.
 */

/** An error as one line for the page: its message, not `Error: …` or `[object Object]`. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `load` with a fresh signal; `done` gets its result (and how long it took, in ms) and `failed` its error's
 * message, unless the returned abort was called first. Return the abort from the `$effect` that calls it.
 */
export function latest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  done: (value: T, ms: number) => void,
  failed: (message: string) => void
): () => void {
  const controller = new AbortController();
  const started = performance.now();
  load(controller.signal).then(
    (value) => {
      if (!controller.signal.aborted) done(value, performance.now() - started);
    },
    (error: unknown) => {
      if (!controller.signal.aborted) failed(errorMessage(error));
    }
  );
  return () => controller.abort();
}

/** What a view's main query moves while it runs: whether it is running, and why it last failed. */
export interface LoadState {
  loading: boolean;
  error: string | null;
}

/**
 * `latest` for a view's main query: `state.loading` is set and `state.error` cleared as it starts; `loading` is
 * cleared when `done` has taken the result, or when it failed, and then `state.error` is `failure: the message`.
 */
export function loadLatest<T>(
  state: LoadState,
  load: (signal: AbortSignal) => Promise<T>,
  done: (value: T, ms: number) => void,
  failure: string
): () => void {
  state.loading = true;
  state.error = null;
  return latest(
    load,
    (value, ms) => {
      done(value, ms);
      state.loading = false;
    },
    (message) => {
      state.loading = false;
      state.error = `${failure}: ${message}`;
    }
  );
}

/** What the benchmark reads of a view's main query: how long it took (ms), and when its result arrived. */
export interface TimedLoadState extends LoadState {
  queryMs: number | null;
  resultAt: number | null;
}

/** `loadLatest` that also times the result (`data-query-ms`; `RenderTimer` measures the drawing from `resultAt`). */
export function loadTimed<T>(state: TimedLoadState, load: (signal: AbortSignal) => Promise<T>, done: (value: T) => void, failure: string): () => void {
  return loadLatest(
    state,
    load,
    (value, ms) => {
      state.resultAt = performance.now();
      state.queryMs = ms;
      done(value);
    },
    failure
  );
}
