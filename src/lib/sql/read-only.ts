/**
 * What the SQL console may run: read statements only, so nothing typed in /sql can change what another view shows
 * (the views and the console share one DuckDB instance and the export's tables). A statement is classified by its
 * leading keywords, read with the same lexer that splits statements (strings, quoted names and comments skipped);
 * tests/sql/read-only-duckdb.test.ts holds every decision to the statement type DuckDB itself gives.
 */
import { skipSpan } from './statements';

interface Word {
  /** Upper-cased keyword or name; `(`, `)`, `=` and `,` are words too. */
  text: string;
  /** Parenthesis depth at the word. */
  depth: number;
}

/** The statement's bare words and punctuation, outside strings, quoted names and comments. */
function words(sql: string): Word[] {
  const out: Word[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const next = skipSpan(sql, i);
    if (next !== i) {
      // A string or a quoted name still counts as one (opaque) word: `PRAGMA table_info('t')` has an argument.
      if (sql[i] !== '-' && sql[i] !== '/') out.push({ text: '\u0000', depth });
      i = next;
      continue;
    }
    const c = sql[i]!;
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i, i + 256));
    if (word) {
      out.push({ text: word[0].toUpperCase(), depth });
      i += word[0].length;
      continue;
    }
    if (c === '(') out.push({ text: '(', depth: depth++ });
    else if (c === ')') out.push({ text: ')', depth: (depth = Math.max(0, depth - 1)) });
    else if (c === '=' || c === ',') out.push({ text: c, depth });
    i++;
  }
  return out;
}

/** Statements that only read: their first keyword. */
const READ_VERBS = new Set(['SELECT', 'VALUES', 'TABLE', 'FROM', 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE', 'UNPIVOT', 'PIVOT_LONGER']);
/**
 * Every other keyword a DuckDB statement can start with (its grammar's `stmt` rules). These are refused; a statement
 * starting with a word in neither set is not SQL DuckDB can parse, so it goes to DuckDB for its syntax error and its
 * position (`SELEC 1`). tests/sql/read-only-duckdb.test.ts checks every DuckDB keyword against this.
 */
const WRITE_VERBS = new Set([
  // A PIVOT statement without an IN list runs as two: a CREATE TYPE of the values found, then the query.
  'PIVOT', 'PIVOT_WIDER',
  'ABORT', 'ALTER', 'ANALYZE', 'ANALYSE', 'ATTACH', 'BEGIN', 'CALL', 'CHECKPOINT', 'COMMENT', 'COMMIT', 'COPY', 'CREATE',
  'DEALLOCATE', 'DELETE', 'DETACH', 'DROP', 'END', 'EXECUTE', 'EXPORT', 'FORCE', 'IMPORT', 'INSERT', 'INSTALL', 'LOAD',
  'MERGE', 'PRAGMA', 'PREPARE', 'RESET', 'ROLLBACK', 'SET', 'START', 'TRUNCATE', 'UPDATE', 'USE', 'VACUUM', 'WITH',
  'EXPLAIN'
]);
/** Keywords that start the main statement after a WITH clause's common table expressions. */
const MAIN_VERBS = new Set(['SELECT', 'VALUES', 'TABLE', 'FROM', 'INSERT', 'UPDATE', 'DELETE', 'MERGE']);
/** PRAGMAs that only read (DuckDB rewrites them to a SELECT). Any other PRAGMA, or one with `=`, is refused. */
const READ_PRAGMAS = new Set([
  'TABLE_INFO', 'SHOW', 'SHOW_TABLES', 'SHOW_TABLES_EXPANDED', 'SHOW_DATABASES', 'DATABASE_LIST', 'DATABASE_SIZE',
  'STORAGE_INFO', 'METADATA_INFO', 'VERSION', 'PLATFORM', 'FUNCTIONS', 'COLLATIONS', 'USER_AGENT'
]);

/** `unknown`: not a statement DuckDB can parse; DuckDB is left to say so. */
export type Verdict = { read: true } | { read: false; verb: string } | { read: 'unknown' };

/** Whether the statement starting at word `at` only reads. */
function classify(list: Word[], at: number): Verdict {
  const first = list[at];
  if (!first) return { read: true }; // nothing to run: DuckDB answers with its own error or an empty result
  const verb = first.text;
  if (verb === '(') return { read: true }; // a parenthesised query: DuckDB's grammar allows only a SELECT there
  if (READ_VERBS.has(verb)) return { read: true };
  if (verb === 'EXPLAIN') {
    // EXPLAIN ANALYZE runs the statement it explains: it is as read-only as that statement.
    const next = list[at + 1]?.text === 'ANALYZE' || list[at + 1]?.text === 'ANALYSE' ? at + 2 : at + 1;
    const inner = classify(list, next);
    return inner.read === false ? { read: false, verb: `EXPLAIN ${inner.verb}` } : inner;
  }
  if (verb === 'WITH') {
    const main = list.slice(at + 1).find((w) => w.depth === first.depth && MAIN_VERBS.has(w.text));
    if (!main) return { read: false, verb: 'WITH' };
    return READ_VERBS.has(main.text) ? { read: true } : { read: false, verb: main.text };
  }
  if (verb === 'PRAGMA') {
    const name = list[at + 1]?.text ?? '';
    const assigns = list.slice(at + 1).some((w) => w.text === '=');
    return READ_PRAGMAS.has(name) && !assigns ? { read: true } : { read: false, verb: `PRAGMA ${name.toLowerCase()}` };
  }
  if (!WRITE_VERBS.has(verb)) return { read: 'unknown' };
  // Two-word verbs read better in the message.
  const second = list[at + 1]?.text;
  if ((verb === 'FORCE' && second === 'INSTALL') || (verb === 'CREATE' && second) || (verb === 'DROP' && second)) {
    return { read: false, verb: `${verb} ${second}` };
  }
  return { read: false, verb };
}

/** Whether one statement (as split by `splitStatements`) only reads the export. */
export function readVerdict(statement: string): Verdict {
  return classify(words(statement), 0);
}
