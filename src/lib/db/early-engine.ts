/**
 * The engine started before the page hydrates. Hydrating a prerendered page keeps the main thread busy for a few
 * hundred milliseconds, and the engine's start is a conversation between the page and the engine's worker; started
 * from the layout (inside hydration), it only began once that was over. Started from the client `init` hook instead
 * (src/hooks.client.ts, which imports this module and so the engine with the app's first scripts), its worker
 * downloads and compiles the wasm while the page hydrates, and the loader takes it over (`takeEarlyEngine`).
 *
 * Imported by the client hook and the loader only: never on the server (duckdb-wasm breaks prerendering).
 */
import { Engine } from './engine';

let early: Promise<Engine> | null = null;

/** Starts an engine now, for the first load to take. */
export function startEngineEarly(): void {
  if (early) return;
  performance.mark('termscope:engine-start');
  early = Engine.start();
  early.catch(() => undefined); // the loader reports a failed start, when it takes the engine
}

/** The engine started early, once: the first load takes it; later loads (after a crash) start their own. */
export function takeEarlyEngine(): Promise<Engine> | null {
  const engine = early;
  early = null;
  return engine;
}
