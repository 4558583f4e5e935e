/**
 * Sorts one result column off the main thread: a million text values take seconds to sort, which would freeze the
 * page. Receives the column as Arrow IPC, reads its keys with the same code as the page (`ColumnarResult.sortKeys`),
 * and answers with the row order, transferred.
 */
import { tableFromIPC } from 'apache-arrow';
import { ColumnarResult } from '$lib/db/columnar';
import { sortOrder } from './sort-order';
import type { SortRequest, SortResponse } from './sort-protocol';

self.onmessage = (event: MessageEvent<SortRequest>) => {
  const post = (message: SortResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);
  try {
    const column = new ColumnarResult(tableFromIPC(event.data.ipc));
    const order = sortOrder(column.sortKeys(0), event.data.direction);
    post({ type: 'done', order }, [order.buffer]);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
