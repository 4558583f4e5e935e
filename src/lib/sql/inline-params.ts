/**
 * A view's statement with its bound parameters written in as SQL literals, so "Open in SQL console" shows the exact
 * statement that produced a chart or table and the console (which takes no parameters) can run it. The values come
 * from the view's state (URL parameters, the analyst's search text), so each is rendered as data only: a string is one
 * quoted literal with its quotes doubled, a number an integer literal or its text cast to DOUBLE, never text spliced
 * into the SQL.
 *
 * Placeholders are found with the lexer the console's statement splitter and read-only guard use (`skipSpan`, through
 * `bareOffsets`): a `?` inside a string, an `E'…'` or `$tag$…$tag$` string, a quoted name or a comment is text, not a
 * placeholder.
 */
import type { Param, Query } from '$lib/db/types';
import { bareOffsets } from './statements';

/** One parameter value as a DuckDB literal. */
export function sqlLiteral(value: Param): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return stringLiteral(value);
  throw new Error(`Cannot write a parameter of type ${typeof value} as SQL.`);
}

/**
 * A standard string: only `'` is special in it (doubled); a backslash is an ordinary character, as DuckDB reads `'…'`.
 * A NUL character cannot appear in a DuckDB string literal, so it is joined in with `chr(0)`.
 */
function stringLiteral(value: string): string {
  const quoted = (part: string) => `'${part.replaceAll("'", "''")}'`;
  if (!value.includes('\u0000')) return quoted(value);
  return `(${value.split('\u0000').map(quoted).join(' || chr(0) || ')})`;
}

/**
 * Integers as integer literals; other numbers as DOUBLE, from their shortest round-trip text in quotes: a bare
 * `-0.0017437415027584827` (or `…::DOUBLE`) is read as a DECIMAL first and that cast to DOUBLE can land one unit off
 * (-0.0017437415027584829), while DuckDB parses the quoted text as a double, exactly. Negative integers are
 * parenthesised: `x - ?` with -1 must not become `x --1`, a comment.
 */
function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return "'NaN'::DOUBLE";
  if (value === Infinity) return "'Infinity'::DOUBLE";
  if (value === -Infinity) return "'-Infinity'::DOUBLE";
  if (Object.is(value, -0)) return "'-0.0'::DOUBLE";
  if (!Number.isSafeInteger(value)) return `'${String(value)}'::DOUBLE`;
  return value < 0 ? `(${value})` : String(value);
}

/** Where the statement's `?` placeholders are (offsets), outside strings, quoted names and comments. */
export function placeholderOffsets(sql: string): number[] {
  const out: number[] = [];
  for (const i of bareOffsets(sql)) {
    if (sql[i] === '?') {
      // `?1` (a numbered parameter) binds by number, not by position: the view builders never write it.
      if (/[0-9]/.test(sql[i + 1] ?? '')) throw new Error(`Numbered parameter ${sql.slice(i, i + 4)}… at offset ${i} is not supported: use ? placeholders.`);
      out.push(i);
    }
  }
  return out;
}

/** The statement with every `?` replaced by its parameter as a literal. Throws when the counts differ. */
export function inlineParams(query: Query): string {
  const offsets = placeholderOffsets(query.sql);
  if (offsets.length !== query.params.length) {
    throw new Error(`The statement has ${offsets.length} ? placeholder(s) but ${query.params.length} parameter(s) were given.`);
  }
  let out = '';
  let from = 0;
  offsets.forEach((at, n) => {
    out += query.sql.slice(from, at) + sqlLiteral(query.params[n]!);
    from = at + 1;
  });
  return out + query.sql.slice(from);
}
