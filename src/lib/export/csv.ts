/**
 * CSV for spreadsheets and scripts: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark (so Excel reads
 * UTF-8), and the formula-injection guard of `formula-guard.ts` on text cells.
 *
 * Cells:
 *  - null -> nothing; the empty string -> `""` (as PostgreSQL's CSV does), so a reader can tell them apart
 *  - text -> as is (guarded, quoted when it holds `"` `,` CR or LF); a DATE is already 'YYYY-MM-DD' text
 *  - numbers -> JavaScript's shortest round-trip form ("1234.5", no grouping, no locale; an exponent only below 1e-6
 *    or from 1e21), never quoted or guarded; non-finite as DuckDB writes them: `inf`, `-inf`, `nan`
 *  - bigint -> its exact digits; booleans -> `true` / `false`
 *  - Date (a TIMESTAMP, a UTC instant) -> ISO 8601 UTC, '2024-02-29T23:30:00Z', milliseconds only when not zero
 *  - lists -> items joined with "; " (an empty list is `""`, a null list nothing); the joined text is guarded
 *
 * Written by hand rather than with csv-stringify: its formula guard checks only the first character (so " =1+1"
 * passes), and every cell needs our own formatting anyway; what would remain of the library is a few lines of quoting,
 * while its browser build carries a Buffer polyfill (81 kB).
 */
import { needsFormulaGuard } from './formula-guard';
import { rowsSource, type ExportCell, type ExportColumn, type ExportSource } from './source';
import type { Row } from '$lib/db/values';

export const CSV_MIME = 'text/csv;charset=utf-8';
const BOM = '\uFEFF';
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A text cell (or header): guarded, then quoted when RFC 4180 requires it (and always when empty or guarded). */
function textField(text: string): string {
  if (text === '') return '""';
  if (needsFormulaGuard(text)) return quote(`'${text}`);
  return NEEDS_QUOTES.test(text) ? quote(text) : text;
}

function numberText(n: number): string {
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
}

/** A UTC instant -> '2024-02-29T23:30:00Z' (or '…:00.123Z' when it has milliseconds). */
export function isoInstant(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date (not a timestamp)');
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** An item of a list, as plain text (the joined list is guarded and quoted as a whole). */
function itemText(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoInstant(value);
  if (Array.isArray(value)) return `[${value.map(itemText).join('; ')}]`;
  throw new TypeError(`Not a cell value: ${describe(value)}`);
}

function describe(value: unknown): string {
  return typeof value === 'object' && value !== null ? Object.prototype.toString.call(value) : String(value);
}

/** One cell as it appears between the commas. */
export function csvField(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'string') return textField(value);
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return isoInstant(value);
  if (Array.isArray(value)) return textField(value.length === 0 ? '' : value.map(itemText).join('; '));
  throw new TypeError(`Not a cell value: ${describe(value)}`);
}

export interface CsvOptions {
  /** Rows per chunk of `csvChunks`. @default 10000 */
  chunkRows?: number;
  /** Start with a UTF-8 byte-order mark, which Excel needs to read UTF-8. @default true */
  bom?: boolean;
}

function headerLine(source: ExportSource): string {
  if (source.columns.length === 0) throw new Error('A CSV needs at least one column');
  return source.columns.map((c) => textField(c.name)).join(',') + CRLF;
}

/**
 * The CSV in pieces: the header line first, then `chunkRows` rows per piece. Each piece is small, so a million-row
 * result never becomes one giant string (V8 caps a string at about 512 MB).
 */
export function* csvChunks(source: ExportSource, { chunkRows = 10_000, bom = true }: CsvOptions = {}): Generator<string, void, undefined> {
  if (!(chunkRows >= 1)) throw new RangeError(`chunkRows must be at least 1, got ${chunkRows}`);
  yield (bom ? BOM : '') + headerLine(source);
  const width = source.columns.length;
  for (let start = 0; start < source.numRows; start += chunkRows) {
    const end = Math.min(start + chunkRows, source.numRows);
    let text = '';
    let r = start;
    let c = 0;
    try {
      for (; r < end; r++) {
        for (c = 0; c < width; c++) {
          if (c > 0) text += ',';
          text += csvField(source.cell(r, c));
        }
        text += CRLF;
      }
    } catch (error) {
      const name = source.columns[c]?.name ?? `#${c}`;
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`CSV: row ${r + 1}, column "${name}": ${why}`, { cause: error });
    }
    yield text;
  }
}

/** The whole CSV as one string: for small results and tests. */
export function csvText(source: ExportSource, options?: CsvOptions): string {
  return Array.from(csvChunks(source, options)).join('');
}

/** Row objects with an explicit, ordered column list -> CSV text. */
export function rowsToCsv(rows: readonly Row[], columns: readonly ExportColumn[], options?: CsvOptions): string {
  return csvText(rowsSource(rows, columns), options);
}

export interface CsvBlobOptions extends CsvOptions {
  /** Rows written so far, after each chunk. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Stops between chunks with an AbortError. */
  signal?: AbortSignal;
}

/** Main-thread work between two pauses: below the 50 ms of a "long task", so the page keeps answering input. */
const SLICE_MS = 30;

/** `scheduler.yield()` (Chromium) resumes without the 4 ms clamp that nested `setTimeout`s get. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The CSV as a Blob, written on the main thread in slices of about `SLICE_MS` with a pause after each, so the page
 * keeps responding while a large result is written (measured in Chromium: 1,000,000 rows x 4 columns, 62 MB, ~4 s).
 * Each slice becomes its own Blob at once, so the JavaScript heap holds one slice of text at a time.
 */
export async function csvBlob(source: ExportSource, { onProgress, signal, ...options }: CsvBlobOptions = {}): Promise<Blob> {
  const chunkRows = options.chunkRows ?? 1_000;
  const parts: Blob[] = [];
  let slice: string[] = [];
  let done = 0;
  let first = true;
  let sliceStart = performance.now();
  for (const chunk of csvChunks(source, { ...options, chunkRows })) {
    slice.push(chunk);
    if (!first) done = Math.min(done + chunkRows, source.numRows);
    first = false;
    onProgress?.(done, source.numRows);
    signal?.throwIfAborted();
    if (performance.now() - sliceStart >= SLICE_MS) {
      parts.push(new Blob(slice));
      slice = [];
      await nextTask();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  parts.push(new Blob(slice));
  return new Blob(parts, { type: CSV_MIME });
}

/** The CSV as a stream of UTF-8 bytes, produced as the reader pulls (e.g. into a file picked with `showSaveFilePicker`). */
export function csvStream(source: ExportSource, options?: CsvOptions): ReadableStream<Uint8Array> {
  const chunks = csvChunks(source, options);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      chunks.return();
    }
  });
}

/**
 * `csvBlob` for a download button (its `DownloadContext`: abort signal, progress 0..1): the progress is the share of
 * rows written, done at once when there are none.
 */
export function csvDownload(source: ExportSource, { signal, progress }: { signal: AbortSignal; progress: (fraction: number) => void }): Promise<Blob> {
  return csvBlob(source, { signal, onProgress: (done, total) => progress(total ? done / total : 1) });
}
