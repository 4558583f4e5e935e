/** Column accessors for tables of result rows (`TableColumn<Row>.value`). */
import type { Row } from '$lib/db/values';
import type { ExportCell } from '$lib/export/source';

/** The row's value of `key` as is; a row without the field gives undefined, which the download reports as a bug. */
export function field(key: string): (row: Row) => ExportCell {
  return (row) => row[key] as ExportCell;
}
