/**
 * Statements the console refuses before DuckDB sees them. The console is read-only (`read-only.ts`): the views and the
 * console share one DuckDB instance, so a `DELETE`, a `CREATE MACRO count_star()` or a `USE memory` typed here would
 * change every other view's numbers. The engine's lock-down (`enable_external_access = false`,
 * `lock_configuration = true`, see docs/SQL.md) refuses files, URLs and settings on its own; INSTALL and LOAD get their
 * own answer because duckdb-wasm answers `INSTALL x` with success without fetching anything, and a `LOAD` would try to
 * fetch the extension's wasm from the extension repository.
 */
import { readVerdict } from './read-only';
import { splitStatements } from './statements';

const EXTENSION_VERB = /^(?:EXPLAIN (?:ANALY[SZ]E )?)?(?:FORCE )?(INSTALL|LOAD)\b/;

export const READ_ONLY_ALLOWED = 'SELECT, WITH … SELECT, FROM, TABLE, VALUES, EXPLAIN, DESCRIBE, SHOW, SUMMARIZE and PRAGMA table_info';

/** Why the console will not run this text, or null to let DuckDB run it. */
export function refusal(sql: string): string | null {
  const statements = splitStatements(sql);
  for (const statement of statements) {
    const verdict = readVerdict(statement.text);
    if (verdict.read !== false) continue;
    const extension = EXTENSION_VERB.exec(verdict.verb);
    if (extension) {
      return `Permission Error: ${extension[1]} is not allowed in Termscope's console. Extensions are never installed or loaded: the console reads the export's tables and nothing else, and no request leaves this page.`;
    }
    return `Permission Error: the console is read-only, so ${verdict.verb} is not run. It runs ${READ_ONLY_ALLOWED}: nothing typed here can change the export or what the other views show.`;
  }
  // The console runs one statement; several in one text would run all but the last unseen.
  if (statements.length > 1) return 'Permission Error: the console runs one statement at a time; select just one, or put the cursor in it.';
  return null;
}

/**
 * A line to add under DuckDB's own message where that message would send the analyst the wrong way: for a function
 * that lives in an extension (`read_parquet`, `read_json`, …) DuckDB suggests `INSTALL`/`LOAD`, which the console
 * never does.
 */
export function errorHint(message: string): string | null {
  const extension = /exists in the (\w+) extension/i.exec(message);
  if (extension) {
    return `The console does not install or load extensions (${extension[1]} included): it queries the export's tables, which were read when the page loaded. Query them by name, e.g. FROM provisions.`;
  }
  if (/file system operations are disabled|external access is disabled/i.test(message)) {
    return "The console reads the loaded export's tables only: no files, URLs or other databases.";
  }
  if (/Out of Memory Error/i.test(message)) {
    return 'DuckDB in this tab may use 3 GB (its memory limit, locked with the other settings): aggregate or filter before returning rows, select fewer columns, or add a LIMIT.';
  }
  if (/configuration has been locked/i.test(message)) {
    return 'Settings are locked after the export loads, so no statement can re-open file or network access.';
  }
  return null;
}
