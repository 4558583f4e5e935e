/**
 * URLs of duckdb-wasm's wasm and worker, served from the app's own origin (Vite `?url` imports copy them into the
 * build). Only strings, so that reading them imports nothing of duckdb-wasm.
 */
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export const ENGINE_WASM_URL: string = ehWasmUrl;
export const ENGINE_WORKER_URL: string = ehWorkerUrl;

