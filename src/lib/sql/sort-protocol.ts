/** Messages between the console and `sort.worker.ts`. */
import type { SortDirection } from './sort-order';

export interface SortRequest {
  /** One column, as an Arrow IPC stream. */
  ipc: Uint8Array;
  direction: SortDirection;
}

export type SortResponse = { type: 'done'; order: Uint32Array } | { type: 'error'; message: string };
