/**
 * Statements the console refuses before DuckDB sees them. The engine's lock-down (`enable_external_access = false`,
 * `lock_configuration = true`, see docs/SQL.md) already refuses files, URLs, ATTACH and SET. duckdb-wasm, though,
 * answers `INSTALL x` with success without fetching anything, and a `LOAD` would try to fetch the extension's wasm
 * from the extension repository: both are refused here, so the analyst gets a clear answer and nothing is requested.
 */
import { splitStatements } from './statements';

/** Leading keywords (after comments) of statements that manage extensions. */
const EXTENSION_STATEMENT = /^(?:FORCE\s+)?(INSTALL|LOAD)\b/i;

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
