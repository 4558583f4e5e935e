/**
 * The provisions a SQL console result names: the values of its `record_id` column (exactly that name, as the
 * contract spells it), in row order, each once. Nulls and blanks are skipped; numbers and other scalars are read as
 * their text (a source's ids may be numeric). Null when the result has no such column.
 */
import type { ExportSource } from '$lib/export/source';

export const RECORD_ID_COLUMN = 'record_id';

export function resultRecordIds(result: ExportSource): string[] | null {
  const column = result.columns.findIndex((c) => c.name === RECORD_ID_COLUMN);
  if (column === -1) return null;
  const ids = new Set<string>();
  for (let row = 0; row < result.numRows; row++) {
    const value = result.cell(row, column);
    if (value === null || typeof value === 'object') continue; // lists and instants are not ids
    const text = String(value).trim();
    if (text !== '') ids.add(text);
  }
  return [...ids];
}
