/**
 * Download file names that say what is in the file and are safe on every system:
 * `termscope-compare-ai_training_data-asof-2024-01-01.csv`.
 *
 * Rules: the view, then each filter in the order given (undefined, '' and [] skipped). A value that reads on its own —
 * it holds a letter, like a category slug — is written bare; a value of digits and punctuation (a date, a number) or a
 * boolean is written after its key (lower-cased), so "asof-2024-01-01" says what the date is. Lists are joined with
 * "+". Accents are dropped ("é" -> "e"); only `A-Z a-z 0-9 . _ + -` survive, any other run of
 * characters becomes "_" (none at the start or end of a part, so no hidden files). Names are capped at
 * `MAX_FILE_NAME` characters; a shortened name ends with a hash of the full one, so different filters never share
 * a name.
 */

export const MAX_FILE_NAME = 120;

export type FileNameFilters = Record<string, string | readonly string[] | number | boolean | null | undefined>;

function safe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // "é" -> "e" rather than "_"
    .replace(/[^A-Za-z0-9._+-]+/g, '_')
    .replace(/^[._]+|_+$/g, '');
}

/** FNV-1a, 32 bits: enough to tell two long names apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function reads(value: string): boolean {
  return /\p{L}/u.test(value) && value !== 'true' && value !== 'false';
}

function segment(key: string, raw: FileNameFilters[string]): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const values = (Array.isArray(raw) ? raw : [String(raw)]).filter((v) => v !== '');
  if (values.length === 0) return null;
  const text = values.map(safe).join('+');
  return values.every(reads) ? text : `${safe(key.toLowerCase())}-${text}`;
}

export function exportFileName(view: string, filters: FileNameFilters, extension: string): string {
  const ext = safe(extension.toLowerCase()) || 'dat';
  const parts = ['termscope', safe(view) || 'export'];
  for (const [key, value] of Object.entries(filters)) {
    const s = segment(key, value);
    if (s) parts.push(s);
  }
  const stem = parts.join('-');
  const room = MAX_FILE_NAME - ext.length - 1;
  if (stem.length <= room) return `${stem}.${ext}`;
  const tag = hash(stem);
  return `${stem.slice(0, room - tag.length - 1).replace(/[-_+.]+$/, '')}-${tag}.${ext}`;
}

export function csvFileName(view: string, filters: FileNameFilters = {}): string {
  return exportFileName(view, filters, 'csv');
}

export function parquetFileName(view: string, filters: FileNameFilters = {}): string {
  return exportFileName(view, filters, 'parquet');
}

/**
 * The moment of a download, for the names of files that have no filters to tell them apart (the SQL console's
 * results and charts): `20240101-093000`, UTC. The reader's own clock is meant here: it is when they saved it.
 */
export function downloadStamp(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
