/**
 * CSV formula-injection guard (OWASP "CSV Injection"): spreadsheet programs run a cell that starts with `=`, `+`, `-`
 * or `@` as a formula, so a clause quoted from a terms-of-service page could become a live formula in the analyst's
 * spreadsheet. A text cell is prefixed with `'`, which spreadsheets treat as "this is text".
 *
 * The rule, applied to text cells only (strings, lists, header labels) — never to numbers, booleans or timestamps:
 *   a cell is guarded when its first character that is not a space is one of
 *   `=` `+` `-` `@`, TAB, CR, or the full-width `＝` `＋` `－` `＠` (Apple Numbers folds those to ASCII).
 * "Space" here is any Unicode space or invisible separator (U+0020, NBSP, U+3000, zero-width space, LF, …), because
 * Excel and LibreOffice skip leading spaces before deciding a cell is a formula. So the number -5 is written `-5`,
 * while the text "-5" (or " =SUM(A1)") is written `'-5` — the price is a visible `'` on text that merely starts
 * with a dash. The Parquet download carries the text unchanged for anyone who needs it byte for byte.
 *
 * csv-stringify's `escape_formulas` looks at the first character only, so " =1+1" would slip through.
 */

function isTrigger(c: number): boolean {
  return (
    c === 0x3d || // =
    c === 0x2b || // +
    c === 0x2d || // -
    c === 0x40 || // @
    c === 0x09 || // TAB
    c === 0x0d || // CR
    c === 0xff1d || // ＝
    c === 0xff0b || // ＋
    c === 0xff0d || // －
    c === 0xff20 // ＠
  );
}

/** Characters a spreadsheet may skip before the first significant one. */
function isSkippable(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True when a spreadsheet could read this text cell as a formula. */
export function needsFormulaGuard(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isTrigger(c)) return true;
    if (!isSkippable(c)) return false;
  }
  return false;
}

/** The text as it should appear in a CSV cell: prefixed with `'` when it could be read as a formula. */
export function guardFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}
