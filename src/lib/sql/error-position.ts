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

/**
 * duckdb-wasm passes some errors (the parser's) as DuckDB's JSON error object:
 * `{"exception_type":"Parser","exception_message":"syntax error at or near …","position":"0"}`.
 */
function fromJson(raw: string): { text: string; position: number | null } | null {
  if (!raw.trimStart().startsWith('{')) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const error = json as { exception_type?: unknown; exception_message?: unknown; position?: unknown };
  if (typeof error.exception_message !== 'string') return null;
  const type = typeof error.exception_type === 'string' ? `${error.exception_type} Error: ` : '';
  const position = error.position === undefined ? NaN : Number(error.position);
  return { text: `${type}${error.exception_message}`, position: Number.isInteger(position) && position >= 0 ? position : null };
}

/**
 * duckdb-wasm's `position` counts Unicode code points (measured: in `SELECT '🤝' FRM platforms` it reports 15 for
 * "platforms", which is at UTF-16 index 16 and UTF-8 byte 18); the editor counts UTF-16 code units.
 */
export function codePointOffsetToIndex(text: string, codePoints: number): number {
  let seen = 0;
  let index = 0;
  for (const char of text) {
    if (seen >= codePoints) break;
    seen++;
    index += char.length;
  }
  return index;
}

/**
 * Columns a character takes in DuckDB's excerpt: DuckDB aligns its caret by rendered width (utf8proc), where East
 * Asian wide and full-width characters and emoji take two.
 */
function renderWidth(code: number): number {
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

/** The string index in `line` where a rendered column starts. */
function columnToIndex(line: string, column: number): number {
  let width = 0;
  let index = 0;
  for (const char of line) {
    if (width >= column) break;
    width += renderWidth(char.codePointAt(0)!);
    index += char.length;
  }
  return index;
}

export function parseSqlError(raw: string, statement: string): SqlError {
  const json = fromJson(raw);
  let text = json ? json.text : raw;
  if (text.startsWith(PREFIX)) text = text.slice(PREFIX.length);
  if (json && json.position !== null) {
    return { message: text.replace(EXCERPT, '').trim(), offset: Math.min(codePointOffsetToIndex(statement, json.position), statement.length) };
  }
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
    column = columnToIndex(line, caretColumn);
  } else {
    const at = line.indexOf(core);
    if (at === -1) return { message: text, offset: null };
    column = at + columnToIndex(core, caretColumn - 3);
  }
  column = Math.max(0, Math.min(column, line.length));
  return { message: text, offset: lineStart + column };
}
