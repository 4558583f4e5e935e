/** Errors of the database layer; free of `@duckdb/duckdb-wasm` so prerendered pages can import them. */
import type { LoadError } from './types';

/** An export could not be loaded: `detail` says which file, what is wrong and how to fix it. */
export class LoadFailure extends Error {
  constructor(readonly detail: LoadError) {
    super(`${detail.file}: ${detail.message}`);
    this.name = 'LoadFailure';
  }
}

export class QueryCancelled extends Error {
  constructor() {
    super('Query cancelled');
    this.name = 'QueryCancelled';
  }
}

/**
 * Errors after which the wasm instance cannot be trusted: a trap inside DuckDB leaves it answering every later query
 * with "memory access out of bounds", so the next query starts a fresh instance instead.
 */
export function isFatalEngineError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /memory access out of bounds|unreachable|RuntimeError|worker (is )?terminated|worker crashed|not initialized|Aborted\(/i.test(text);
}
