/**
 * Messages between the loader and `parquet.worker.ts`. The loader pulls: `open` fetches a file (with progress) and
 * reads its footer; then each `batch` decodes the next run of row groups to one Arrow IPC stream, only when the
 * loader is ready for it, so decoded data never piles up faster than DuckDB takes it in.
 */
export type DecodeRequest =
  /** A file of a hosted export (fetched), or one the analyst picked or dropped (`blob`: a File, read in the worker). */
  | { id: number; type: 'open'; url: string; blob?: Blob }
  | { id: number; type: 'batch'; index: number }
  | { id: number; type: 'close' };

export type DecodeResponse =
  | { id: number; type: 'progress'; loaded: number; total: number }
  | { id: number; type: 'opened'; bytes: number; sha256: string; rows: number; batches: number }
  | { id: number; type: 'batch'; index: number; ipc: Uint8Array; rows: number }
  | {
      id: number;
      type: 'error';
      stage: 'fetch' | 'decode';
      message: string;
      status?: number;
      /** Set when decoding most likely ran out of memory: the uncompressed bytes of the row groups it was reading. */
      memoryBytes?: number;
    };

/** Uncompressed bytes of row groups decoded at once past which a bare wasm trap is taken for lack of memory. */
export const MEMORY_SUSPECT_BYTES = 512 * 1024 * 1024;

/**
 * Whether a decode failure is most likely lack of memory rather than a corrupt file. parquet-wasm aborts with a bare
 * "unreachable" trap when an allocation fails — the same word a panic on a corrupt file gives — so a trap counts as
 * memory only when the row groups being decoded are this large; a message that names memory or allocation always does.
 */
export function looksOutOfMemory(message: string, uncompressedBytes: number): boolean {
  if (/out of memory|memory allocation|allocation failed|could not allocate|capacity overflow/i.test(message)) return true;
  return /unreachable|memory access out of bounds/i.test(message) && uncompressedBytes >= MEMORY_SUSPECT_BYTES;
}
