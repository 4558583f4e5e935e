/**
 * The browser side of the Parquet download: hands the result to `parquet-writer.worker.ts` and returns the file as
 * a Blob. Aborting terminates the worker, which stops the work at once.
 */
import { tableToIPC, type Table } from 'apache-arrow';
import type { Row } from '$lib/db/values';
import { PARQUET_MIME, type ParquetOptions } from './parquet';
import { workerJob } from '$lib/worker-job';
import type { ParquetRequest } from './parquet-protocol';
import type { ExportColumn } from './source';

/** What to write: row objects with their columns, an Arrow table (e.g. `ColumnarResult.table`), or Arrow IPC bytes. */
export type ParquetInput =
  | { rows: readonly Row[]; columns: readonly ExportColumn[] }
  | { table: Table }
  | { ipc: Uint8Array };

export interface ParquetBlobOptions extends ParquetOptions {
  signal?: AbortSignal;
}

function request(input: ParquetInput, options: ParquetOptions): [ParquetRequest, Transferable[]] {
  if ('rows' in input) return [{ kind: 'rows', rows: input.rows, columns: input.columns, options }, []];
  // The IPC bytes are moved to the worker, not copied: a fresh buffer from tableToIPC, or the caller's own.
  const ipc = 'table' in input ? tableToIPC(input.table, 'stream') : input.ipc;
  return [{ kind: 'ipc', ipc, options }, 'table' in input ? [ipc.buffer] : []];
}

export async function parquetBlob(input: ParquetInput, { signal, ...options }: ParquetBlobOptions = {}): Promise<Blob> {
  signal?.throwIfAborted();
  const [message, transfer] = request(input, options);
  const done = await workerJob<{ bytes: Uint8Array }>(
    () => new Worker(new URL('./parquet-writer.worker.ts', import.meta.url), { type: 'module' }),
    message,
    transfer,
    { failed: 'Could not write the Parquet file', stopped: 'The Parquet writer stopped' },
    signal
  );
  return new Blob([done.bytes as Uint8Array<ArrayBuffer>], { type: PARQUET_MIME });
}
