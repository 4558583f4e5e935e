/** Messages between the console and `sort.worker.ts`. */
import type { WorkerAnswer } from '$lib/worker-job';
import type { SortDirection } from './sort-order';

export interface SortRequest {
  /** One column, as an Arrow IPC stream. */
  ipc: Uint8Array;
  direction: SortDirection;
}

export type SortResponse = WorkerAnswer<{ order: Uint32Array }>;
