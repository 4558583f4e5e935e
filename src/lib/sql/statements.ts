/**
 * Splitting the editor's text into statements, so Ctrl/Cmd+Enter runs the one under the cursor and the read-only guard
 * classifies exactly what DuckDB will run. A `;` inside a string (`'…'`, `E'…'`, `$tag$…$tag$`), a quoted name or a
 * comment does not end a statement; tests/sql/statements-duckdb.test.ts holds the split to DuckDB's own.
 */

export interface Statement {
  /** Offsets into the text: `text.slice(from, to)` is the statement without its `;` and surrounding blanks. */
  from: number;
  to: number;
  text: string;
}

/** Characters that continue an identifier (PostgreSQL's lexer, which DuckDB's parser uses): `$` included. */
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

/** End of a `'…'` string starting at `i`: a doubled quote is a quote; in an E'…' string a backslash escapes too. */
function skipString(text: string, i: number, backslash: boolean): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (backslash && c === '\\') j += 2;
    else if (c === "'") {
      if (text[j + 1] === "'") j += 2;
      else return j + 1;
    } else j++;
  }
  return text.length;
}

/**
 * Offset just past the end of a quoted or commented span starting at `i`, or `i` when none starts there. Follows
 * DuckDB's lexer (PostgreSQL's): `E'…'` strings with backslash escapes, `$tag$…$tag$` strings, `"…"` names, `--` comments and
 * block comments, which nest. Reading any of these differently from DuckDB would let a `;` hide a second statement.
 */
export function skipSpan(text: string, i: number): number {
  const c = text[i];
  const startsToken = i === 0 || !IDENT_CHAR.test(text[i - 1]!);
  if ((c === 'E' || c === 'e') && text[i + 1] === "'" && startsToken) return skipString(text, i + 1, true);
  if (c === "'") return skipString(text, i, false);
  if (c === '"') {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === '"') {
        if (text[j + 1] === '"') j += 2;
        else return j + 1;
      } else j++;
    }
    return text.length;
  }
  if (c === '-' && text[i + 1] === '-') {
    const end = text.indexOf('\n', i + 2);
    return end === -1 ? text.length : end + 1;
  }
  if (c === '/' && text[i + 1] === '*') {
    // Block comments nest: a `/*` inside one opens another level, which needs its own `*/`.
    let depth = 1;
    let j = i + 2;
    while (j < text.length && depth > 0) {
      if (text[j] === '/' && text[j + 1] === '*') {
        depth++;
        j += 2;
      } else if (text[j] === '*' && text[j + 1] === '/') {
        depth--;
        j += 2;
      } else j++;
    }
    return depth === 0 ? j : text.length;
  }
  if (c === '$' && startsToken) {
    const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 66));
    // `$1` is a parameter, not a dollar quote: the tag cannot start with a digit.
    if (tag) {
      const end = text.indexOf(tag[0], i + tag[0].length);
      return end === -1 ? text.length : end + tag[0].length;
    }
  }
  return i;
}

/** The offsets of the text's characters outside strings, quoted names and comments, in order. */
export function* bareOffsets(text: string): Generator<number> {
  let i = 0;
  while (i < text.length) {
    const next = skipSpan(text, i);
    if (next !== i) {
      i = next;
      continue;
    }
    yield i;
    i++;
  }
}

/** True when the statement holds nothing but blanks and comments. */
export function isBlank(sql: string): boolean {
  let i = 0;
  while (i < sql.length) {
    if (/\s/.test(sql[i]!)) {
      i++;
      continue;
    }
    const c = sql[i];
    const next = skipSpan(sql, i);
    // A string or a quoted name is content; only comments are blank.
    if (next === i || !(c === '-' || c === '/')) return false;
    i = next;
  }
  return true;
}

function trimmed(text: string, from: number, to: number): Statement {
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  return { from, to, text: text.slice(from, to) };
}

/** Every statement of the text, in order; blank ones (only whitespace or comments) are left out. */
export function splitStatements(text: string): Statement[] {
  const out: Statement[] = [];
  let start = 0;
  for (const i of bareOffsets(text)) {
    if (text[i] === ';') {
      out.push(trimmed(text, start, i));
      start = i + 1;
    }
  }
  out.push(trimmed(text, start, text.length));
  return out.filter((s) => !isBlank(s.text));
}

/**
 * What Ctrl/Cmd+Enter runs: the selection when there is one; otherwise the statement the cursor is in, or the one
 * just before it on the same line (a cursor after `SELECT 1;` runs `SELECT 1`), or else the next one. Null when there is nothing.
 */
export function statementToRun(text: string, selection: { from: number; to: number }): Statement | null {
  if (selection.to > selection.from) {
    const picked = trimmed(text, selection.from, selection.to);
    // A selection may itself hold several statements: run its first non-blank one with its own offsets.
    const inner = splitStatements(picked.text)[0];
    return inner ? { from: picked.from + inner.from, to: picked.from + inner.to, text: inner.text } : null;
  }
  const statements = splitStatements(text);
  if (statements.length === 0) return null;
  const cursor = selection.from;
  const containing = statements.find((s) => s.from <= cursor && cursor <= s.to);
  if (containing) return containing;
  const before = statements.filter((s) => s.to <= cursor).at(-1);
  // On the same line, after its `;`: still that statement. On a later line: the next one.
  if (before && /^[ \t;]*$/.test(text.slice(before.to, cursor))) return before;
  return statements.find((s) => s.from >= cursor) ?? before ?? null;
}
