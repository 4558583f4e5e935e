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
 * with "memory access out of bounds", so the next query starts a fresh instance instead. The watchdog's
 * `EngineUnresponsive` (a worker that stopped answering) counts too.
 */
export function isFatalEngineError(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'RuntimeError' || name === 'EngineUnresponsive') return true;
  // Wasm traps as the worker reports them, alone or after a prefix: "RuntimeError: unreachable". Anchored, so a
  // user's value in an ordinary error ("Could not convert string 'unreachable'") is not taken for one.
  if (/(^|: )(unreachable|memory access out of bounds|table index is out of bounds)\b/i.test(message)) return true;
  return /RuntimeError|EngineUnresponsive|worker (is )?terminated|worker crashed|not initialized|Aborted\(/i.test(message);
}

/**
 * Errors that mean an attached engine file cannot be read (a block whose checksum fails, a range request that
 * fails): the app then loads the export's Parquet files instead (`AppDbState`).
 */
export function isEngineFileError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Corrupt database file|checksum|Range request for|Could not read enough bytes|IO Error/i.test(text);
}
