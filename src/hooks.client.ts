/**
 * Runs once in the browser, before the first page hydrates: the database engine is started here, so that its wasm
 * is downloaded and compiled while the page hydrates rather than after (src/lib/db/early-engine.ts).
 */
import type { ClientInit } from '@sveltejs/kit';
import { startEngineEarly } from '$lib/db/early-engine';

export const init: ClientInit = () => {
  startEngineEarly();
};
