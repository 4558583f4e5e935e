/**
 * A table's columns as data: what each shows, how it sorts, what goes in the CSV. The same list drives the header,
 * the cells, the sort and the download, so the file always has exactly the columns on screen.
 */
import type { Snippet } from 'svelte';
import type { ExportCell } from '$lib/export/source';
import type { Row } from '$lib/db/values';
import type { FileNameFilters } from '$lib/export/file-name';
import type { Sort, SortDirection } from '$lib/filters/params';

/**
 * How a column's values read, sort and display:
 * text (locale collation, numbers inside text in numeric order), number, date ('YYYY-MM-DD', a calendar day),
 * timestamp (a Date, a UTC instant), severity (a `SeverityKey`; sorted on the scale), list (arrays), boolean.
 */
export type ColumnKind = 'text' | 'number' | 'date' | 'timestamp' | 'severity' | 'list' | 'boolean';

/** What a column sorts by: null sorts last in either direction ("unknown" is never the smallest or largest). */
export type SortKey = string | number | null;

export interface TableColumn<R> {
  /** Stable id: in the URL (`?sort=-severity`) and in test hooks. */
  readonly key: string;
  /** Header text, also the CSV header. */
  readonly label: string;
  readonly kind: ColumnKind;
  /** The value: what the CSV holds, what is shown without a `cell` snippet, and the default sort key. */
  readonly value: (row: R) => ExportCell;
  /** Sort key when the value alone does not order the column as a reader expects. */
  readonly sortKey?: (row: R) => SortKey;
  /** Custom rendering of the cell; receives the row. */
  readonly cell?: Snippet<[R]>;
  /**
   * For a row that holds several items (a platform's provisions): renders item `i` of the row in its own line, so
   * the item columns line up across the table. Used when the table is given `itemCount`; the other columns then span
   * the row's lines.
   */
  readonly item?: Snippet<[R, number]>;
  /** @default true */
  readonly sortable?: boolean;
  /** Direction of the first click on the header. @default 'desc' for severity, 'asc' otherwise */
  readonly firstDirection?: SortDirection;
  /** @default 'end' for numbers, 'start' otherwise */
  readonly align?: 'start' | 'end';
  /** CSS width of the column, e.g. '12rem'. */
  readonly width?: string;
  /** Longer description of the header (its `title`). */
  readonly description?: string;
  /**
   * The CSV fields of this column when one is not enough (a "Platform" cell showing name, sector and jurisdiction
   * writes three fields). Default: one field, `label` and `value`.
   */
  readonly csv?: readonly CsvField<R>[];
}

export interface CsvField<R> {
  readonly label: string;
  readonly value: (row: R) => ExportCell;
}

/** The CSV fields of a column list, in order. */
export function csvFields<R>(columns: readonly TableColumn<R>[]): CsvField<R>[] {
  return columns.flatMap((c) => c.csv ?? [{ label: c.label, value: c.value }]);
}

/** What every sortable table takes from its page: the rows, and a sort the page keeps (in its URL). */
export interface SortedTableProps<R> {
  rows: readonly R[];
  sort: Sort<string>;
  onsort: (sort: Sort<string>) => void;
}

/** A sortable table paged by its page (the 0-based page kept in its URL). */
export interface PagedTableProps<R> extends SortedTableProps<R> {
  /** 0-based page. */
  page: number;
  onpage: (page: number) => void;
}

/** What every table of a record's rows takes: the rows, and a sort the page keeps (in its URL). */
export type RowTableProps = SortedTableProps<Row>;

/** A table of a record's rows paged by the page (the page in its URL). */
export interface PagedRowTableProps extends PagedTableProps<Row> {
  pageSize: number;
}

/** A table's CSV download: the file is named `csvFileName(view, filters)`. */
export interface TableDownload {
  view: string;
  filters?: FileNameFilters;
  label?: string;
}

/**
 * What a table's rows are, for its count and page buttons: one word ("platforms"), or the singular and the plural
 * ("1 category", "2 categories").
 */
export type TableNoun = string | readonly [one: string, many: string];

/** The word for `count` rows. */
export function nounFor(noun: TableNoun, count: number): string {
  return typeof noun === 'string' ? noun : noun[count === 1 ? 0 : 1];
}
