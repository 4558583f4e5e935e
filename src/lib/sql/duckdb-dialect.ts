/**
 * DuckDB for CodeMirror's SQL mode. `@codemirror/lang-sql` has no DuckDB dialect; DuckDB follows PostgreSQL's syntax,
 * so this is PostgreSQL's dialect plus the keywords and types DuckDB adds (SUMMARIZE, PIVOT, QUALIFY, EXCLUDE, …),
 * with case-insensitive identifiers as in DuckDB (completions are not quoted).
 */
import { PostgreSQL, SQLDialect } from '@codemirror/lang-sql';

const DUCKDB_KEYWORDS =
  'summarize describe show pivot unpivot pivot_wider pivot_longer qualify exclude replace rename columns asof positional ' +
  'anti semi sample tablesample using struct map list union_by_name macro pragma install load attach detach ' +
  'glob ilike similar lambda try_cast filter within';

const DUCKDB_TYPES =
  'tinyint utinyint usmallint uinteger ubigint hugeint uhugeint blob varchar list struct map union ' +
  'timestamptz timestamp_s timestamp_ms timestamp_ns interval uuid json bit';

export const DuckDBDialect = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
  types: `${PostgreSQL.spec.types ?? ''} ${DUCKDB_TYPES}`,
  doubleDollarQuotedStrings: true,
  caseInsensitiveIdentifiers: true
});
