/**
 * Fetches Parquet files, checks their SHA-256 and decodes them to Arrow IPC streams, off the main thread.
 *
 * duckdb-wasm >= 1.29 has no Parquet reader built in and would try to download the extension at run time (fails
 * offline and can break the instance — see docs/ARCHITECTURE.md), so Parquet is decoded with parquet-wasm here and
 * inserted as Arrow, a batch of row groups at a time (see parquet-protocol.ts).
 */
import initParquet, { ParquetFile, readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { looksOutOfMemory, type DecodeRequest, type DecodeResponse } from './parquet-protocol';

/** Row groups are merged into batches of at least this many rows (DuckDB writes 122,880-row groups). */
const BATCH_ROWS = 100_000;

let ready: Promise<unknown> | null = null;

interface Batch {
  /** Row-group indexes; empty for a file without row groups. */
  groups: number[];
  rows: number;
  /** Uncompressed bytes of its row groups (the footer's `total_byte_size`): what decoding holds at once. */
  bytes: number;
}

interface OpenFile {
  bytes: Uint8Array;
  batches: Batch[];
}
const files = new Map<number, OpenFile>();

function post(message: DecodeResponse, transfer: Transferable[] = []) {
  (self as unknown as Worker).postMessage(message, transfer);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function fetchWithProgress(id: number, url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status} ${response.statusText}`.trim()), { status: response.status });
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  return readWithProgress(id, response.body, total);
}

/** Reads a stream whole, reporting bytes read every 50 ms. */
async function readWithProgress(id: number, body: ReadableStream<Uint8Array>, total: number): Promise<Uint8Array> {
  const reader = body.getReader();
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

/** Groups consecutive row groups into batches of about BATCH_ROWS rows; a file without row groups is one batch. */
async function planBatches(bytes: Uint8Array): Promise<{ rows: number; batches: Batch[] }> {
  const file = await ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  try {
    const metadata = file.metadata();
    const batches: Batch[] = [];
    let rows = 0;
    let current: Batch = { groups: [], rows: 0, bytes: 0 };
    for (let i = 0; i < metadata.numRowGroups(); i++) {
      const group = metadata.rowGroup(i);
      const n = group.numRows();
      current.groups.push(i);
      current.rows += n;
      current.bytes += Number(group.totalByteSize());
      rows += n;
      if (current.rows >= BATCH_ROWS) {
        batches.push(current);
        current = { groups: [], rows: 0, bytes: 0 };
      }
    }
    if (current.groups.length > 0 || batches.length === 0) batches.push(current);
    return { rows, batches };
  } finally {
    file.free();
  }
}

async function open(id: number, url: string, blob: Blob | undefined) {
  let bytes: Uint8Array;
  try {
    // A picked or dropped file is read here, off the main thread, the same way as a download: its Blob is read
    // directly, with no blob: URL in between.
    bytes = blob ? await readWithProgress(id, blob.stream(), blob.size) : await fetchWithProgress(id, url);
  } catch (error) {
    post({ id, type: 'error', stage: 'fetch', message: errorText(error), status: (error as { status?: number }).status });
    return;
  }
  try {
    const sha256 = await sha256Hex(bytes);
    ready ??= initParquet({ module_or_path: parquetWasmUrl });
    await ready;
    const { rows, batches } = await planBatches(bytes);
    files.set(id, { bytes, batches });
    post({ id, type: 'opened', bytes: bytes.byteLength, sha256, rows, batches: batches.length });
  } catch (error) {
    post({ id, type: 'error', stage: 'decode', message: errorText(error) });
  }
}

function batch(id: number, index: number) {
  const file = files.get(id);
  if (!file) return post({ id, type: 'error', stage: 'decode', message: `file ${id} is not open` });
  const { groups, rows, bytes } = file.batches[index] ?? { groups: [], rows: 0, bytes: 0 };
  try {
    // An empty group list reads the whole (row-less) file, which still gives the schema.
    const table = readParquet(file.bytes, groups.length > 0 ? { rowGroups: groups } : undefined);
    const ipc = table.intoIPCStream(); // consumes (frees) the wasm table
    post({ id, type: 'batch', index, ipc, rows }, [ipc.buffer]);
  } catch (error) {
    // A panic inside parquet-wasm can leave its wasm instance unusable; the loader drops this worker after an error.
    const message = errorText(error);
    const memory = looksOutOfMemory(message, bytes);
    post({ id, type: 'error', stage: 'decode', message, ...(memory ? { memoryBytes: bytes } : {}) });
  }
}

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  if (request.type === 'open') void open(request.id, request.url, request.blob);
  else if (request.type === 'batch') batch(request.id, request.index);
  else files.delete(request.id);
};
