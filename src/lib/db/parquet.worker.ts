/**
 * Fetches one Parquet file, checks its SHA-256 and decodes it to an Arrow IPC stream, off the main thread.
 *
 * duckdb-wasm >= 1.29 has no Parquet reader built in and would try to download the extension at run time (fails
 * offline and can break the instance — see docs/ARCHITECTURE.md), so Parquet is decoded with parquet-wasm here and
 * inserted as Arrow.
 */
import initParquet, { readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { DecodeRequest, DecodeResponse } from './parquet-protocol';

let ready: Promise<unknown> | null = null;

function post(message: DecodeResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(message, transfer);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

async function fetchWithProgress(id: number, url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status} ${response.statusText}`.trim()), { status: response.status });
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    const now = performance.now();
    if (now - lastReport > 50) {
      lastReport = now;
      post({ id, type: 'progress', loaded, total });
    }
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  post({ id, type: 'progress', loaded, total: Math.max(total, loaded) });
  return bytes;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, url } = event.data;
  let bytes: Uint8Array;
  try {
    bytes = await fetchWithProgress(id, url);
  } catch (error) {
    post({ id, type: 'error', stage: 'fetch', message: errorText(error), status: (error as { status?: number }).status });
    return;
  }
  try {
    const sha256 = await sha256Hex(bytes);
    post({ id, type: 'progress', loaded: bytes.byteLength, total: bytes.byteLength, decoding: true });
    ready ??= initParquet({ module_or_path: parquetWasmUrl });
    await ready;
    const table = readParquet(bytes);
    const ipc = table.intoIPCStream(); // consumes (frees) the wasm table
    post({ id, type: 'done', ipc, bytes: bytes.byteLength, sha256 }, [ipc.buffer]);
  } catch (error) {
    // A panic inside parquet-wasm can leave its wasm instance unusable; the loader drops this worker after an error.
    post({ id, type: 'error', stage: 'decode', message: errorText(error) });
  }
};
