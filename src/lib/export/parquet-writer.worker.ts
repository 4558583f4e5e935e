/**
 * Writes Parquet off the main thread: building Arrow from rows and compressing a large result takes long enough to
 * freeze the page. One job per worker; the caller terminates it afterwards (which is also how a job is cancelled, and
 * a panic inside parquet-wasm cannot poison a later download).
 */
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { arrowToParquet, rowsToParquet } from './parquet';
import type { ParquetRequest, ParquetResponse } from './parquet-protocol';

function post(message: ParquetResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(message, transfer);
}

self.onmessage = async (event: MessageEvent<ParquetRequest>) => {
  const request = event.data;
  try {
    await initParquet({ module_or_path: parquetWasmUrl });
    const bytes =
      request.kind === 'rows'
        ? rowsToParquet(parquetWasm, request.rows, request.columns, request.options)
        : arrowToParquet(parquetWasm, request.ipc, request.options);
    post({ type: 'done', bytes }, [bytes.buffer]);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
