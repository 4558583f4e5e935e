/**
 * Where in the statement DuckDB's error points. DuckDB appends the offending line and a caret to its message:
 *
 *     Binder Error: Referenced column "nme" not found in FROM clause!
 *
 *     LINE 1: SELECT nme FROM platforms
 *                    ^
 *
 * A long line is cut to a window around the error and marked with "..." at either end, so the caret's column is
 * found by locating that window in the statement's own line.
 */

export interface SqlError {
  /** The message without the LINE/caret excerpt (it is shown in the editor instead). */
  message: string;
  /** Character offset into the statement that was run, or null when DuckDB gave no position. */
  offset: number | null;
}

const EXCERPT = /\n*LINE (\d+): ([^\n]*)\n( *)\^\s*$/;
const PREFIX = 'Failed to extract statements: ';

export function parseSqlError(raw: string, statement: string): SqlError {
  let text = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : raw;
  const match = EXCERPT.exec(text);
  if (!match) {
    // "syntax error at end of input" names a place without an excerpt: the end of the statement.
    const atEnd = /syntax error at end of input/i.test(text);
    return { message: text.trim(), offset: atEnd ? statement.replace(/[\s;]+$/, '').length : null };
  }
  text = text.slice(0, match.index).trim();
  const lineNumber = Number(match[1]);
  const excerpt = match[2]!;
  const caretColumn = match[3]!.length - `LINE ${match[1]}: `.length;
  const lines = statement.split('\n');
  const line = lines[lineNumber - 1];
  if (line === undefined || caretColumn < 0) return { message: text, offset: null };
  const lineStart = lines.slice(0, lineNumber - 1).reduce((sum, l) => sum + l.length + 1, 0);

  const cutStart = excerpt.startsWith('...');
  const core = excerpt.slice(cutStart ? 3 : 0, excerpt.endsWith('...') && excerpt.length > 3 ? -3 : undefined);
  let column: number;
  if (!cutStart) {
    column = caretColumn;
  } else {
    const at = line.indexOf(core);
    if (at === -1) return { message: text, offset: null };
    column = at + caretColumn - 3;
  }
  column = Math.max(0, Math.min(column, line.length));
  return { message: text, offset: lineStart + column };
}
