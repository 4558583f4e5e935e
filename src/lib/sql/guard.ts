/**
 * Statements the console refuses before DuckDB sees them. The engine's lock-down (`enable_external_access = false`,
 * `lock_configuration = true`, see docs/SQL.md) already refuses files, URLs, ATTACH and SET. duckdb-wasm, though,
 * answers `INSTALL x` with success without fetching anything, and a `LOAD` would try to fetch the extension's wasm
 * from the extension repository: both are refused here, so the analyst gets a clear answer and nothing is requested.
 */
import { splitStatements } from './statements';

/** Leading keywords (after comments) of statements that manage extensions; `EXPLAIN ANALYZE` would run them. */
const EXTENSION_STATEMENT = /^(?:EXPLAIN\s+(?:ANALY[SZ]E\s+)?)?(?:FORCE\s+)?(INSTALL|LOAD)\b/i;

/** Strips leading comments and blanks so `-- note\nLOAD x` is seen as LOAD. */
function leadingText(sql: string): string {
  let text = sql;
  for (;;) {
    const trimmed = text.replace(/^\s+/, '');
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      text = end === -1 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      text = end === -1 ? '' : trimmed.slice(end + 2);
    } else return trimmed;
  }
}

/** Why the console will not run this statement, or null to let DuckDB decide. */
export function refusal(sql: string): string | null {
  for (const statement of splitStatements(sql)) {
    const match = EXTENSION_STATEMENT.exec(leadingText(statement.text));
    if (match) {
      const verb = match[1]!.toUpperCase();
      return `Permission Error: ${verb} is not allowed in Termscope's console. Extensions are never installed or loaded: the console reads the export's tables and nothing else, and no request leaves this page.`;
    }
  }
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
  if (/configuration has been locked/i.test(message)) {
    return 'Settings are locked after the export loads, so no statement can re-open file or network access.';
  }
  return null;
}
