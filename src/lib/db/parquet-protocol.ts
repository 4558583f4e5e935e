/**
 * Messages between the loader and `parquet.worker.ts`. The loader pulls: `open` fetches a file (with progress) and
 * reads its footer; then each `batch` decodes the next run of row groups to one Arrow IPC stream, only when the
 * loader is ready for it, so decoded data never piles up faster than DuckDB takes it in.
 */
export type DecodeRequest =
  | { id: number; type: 'open'; url: string }
  | { id: number; type: 'batch'; index: number }
  | { id: number; type: 'close' };

export type DecodeResponse =
  | { id: number; type: 'progress'; loaded: number; total: number }
  | { id: number; type: 'opened'; bytes: number; sha256: string; rows: number; batches: number }
  | { id: number; type: 'batch'; index: number; ipc: Uint8Array; rows: number }
  | { id: number; type: 'error'; stage: 'fetch' | 'decode'; message: string; status?: number };
