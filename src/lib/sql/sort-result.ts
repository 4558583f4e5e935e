/**
 * The row order for a header click. Small results sort on the main thread (a worker's start-up would cost more than
 * the sort); large ones in `sort.worker.ts`, so the page keeps responding while a million rows are sorted.
 */
import { Table, tableToIPC } from 'apache-arrow';
import type { ColumnarResult } from '$lib/db/columnar';
import { sortOrder, type SortDirection } from './sort-order';
import { workerJob } from '$lib/worker-job';
import type { SortRequest } from './sort-protocol';

/** Below this many rows the sort takes a few milliseconds: no worker. */
export const WORKER_SORT_FROM_ROWS = 50_000;

export function sortResult(result: ColumnarResult, column: number, direction: SortDirection, signal?: AbortSignal): Promise<Uint32Array> {
  if (result.numRows < WORKER_SORT_FROM_ROWS || typeof Worker === 'undefined') {
    return Promise.resolve(sortOrder(result.sortKeys(column), direction));
  }
  const vector = result.table.getChildAt(column);
  if (!vector) return Promise.reject(new RangeError(`No column ${column} in the result`));
  // Only the sorted column goes to the worker, as Arrow IPC (its buffers copied once, then moved).
  const ipc = tableToIPC(new Table({ key: vector }), 'stream');
  const request: SortRequest = { ipc, direction };
  return workerJob<{ order: Uint32Array }>(
    () => new Worker(new URL('./sort.worker.ts', import.meta.url), { type: 'module' }),
    request,
    [ipc.buffer],
    { failed: 'Could not sort', stopped: 'The sort stopped' },
    signal
  ).then((done) => done.order);
}
