/**
 * URLs of duckdb-wasm's wasm and worker, served from the app's own origin (Vite `?url` imports copy them into the
 * build). Only strings: the layout's head preloads the wasm and makes the worker — the engine's start is most of the
 * wait before the first live query — without importing duckdb-wasm itself.
 */
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export const ENGINE_WASM_URL: string = ehWasmUrl;
export const ENGINE_WORKER_URL: string = ehWorkerUrl;

/** Name of the global holding the worker the page's head made as it was parsed (`earlyWorkerScript`). */
export const EARLY_WORKER = '__termscopeEngineWorker';

/**
 * An inline script for the page's head: makes the engine's worker as the HTML is parsed, so its script (750 KB) is
 * fetched and compiled while the app's own scripts load; the engine started before hydration takes it over
 * (early-engine.ts).
 */
export function earlyWorkerScript(): string {
  return `<script>try{window.${EARLY_WORKER}=new Worker(${JSON.stringify(ENGINE_WORKER_URL)})}catch(e){}</script>`;
}
