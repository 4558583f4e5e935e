/** Messages between the loader and `parquet.worker.ts`. */
export interface DecodeRequest {
  id: number;
  url: string;
}

export type DecodeResponse =
  | { id: number; type: 'progress'; loaded: number; total: number; decoding?: boolean }
  | { id: number; type: 'done'; ipc: Uint8Array; bytes: number; sha256: string }
  | { id: number; type: 'error'; stage: 'fetch' | 'decode'; message: string; status?: number };
