/**
 * Reading a folder laid out like ToS;DR's published `src/` (services/, points/, cases/, topics/): one JSON object per
 * file. Files are listed in a fixed order (numeric names by value, then the rest by code point) so every run reads
 * them in the same order, and one file is read at a time so the ~20,000 points of the full dump are never all in
 * memory together.
 */
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type SourceFolder = 'services' | 'points' | 'cases' | 'topics';

/** A problem with the input folder itself (not with one record): the import cannot start. */
export class TosdrInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TosdrInputError';
  }
}

/** The name of a file without `.json`. */
export function stem(file: string): string {
  return file.replace(/\.json$/i, '');
}

const NUMERIC = /^\d+$/;

/** Numeric names in numeric order first (points are `<id>.json`), then the others by code point (locale-free). */
export function compareFileNames(a: string, b: string): number {
  const na = NUMERIC.test(stem(a));
  const nb = NUMERIC.test(stem(b));
  if (na && nb) return Number(stem(a)) - Number(stem(b)) || (a < b ? -1 : a > b ? 1 : 0);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `*.json` files of one folder of the source, in reading order. Other files (README.md) are not records. */
export async function listJsonFiles(srcDir: string, folder: SourceFolder, required: boolean): Promise<string[]> {
  const dir = join(srcDir, folder);
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    names = await readdir(dir);
  } catch (error) {
    if (!required) return [];
    const what = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message;
    throw new TosdrInputError(`${dir}: ${what} (a ToS;DR source folder holds services/, points/ and cases/, as in tosdr.org's src/)`);
  }
  return names.filter((n) => n.toLowerCase().endsWith('.json')).sort(compareFileNames);
}

export type JsonRecord = Record<string, unknown>;

/** One file's object, or why it could not be read (the caller skips the file and reports it). */
export type ReadResult = { ok: true; record: JsonRecord } | { ok: false; error: string };

/**
 * One file's object. Read synchronously: the records are small and many (~20,000 points in the full dump), and the
 * promise API's round trips through the thread pool (open, stat, read, close per file) made the transform of 21,000
 * points twice as slow here (7 s instead of 3.5 s).
 */
export function readRecord(srcDir: string, folder: SourceFolder, file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(join(srcDir, folder, file), 'utf8');
  } catch (error) {
    // The code, not the message: the message holds the machine's path, and the report is the same everywhere.
    return { ok: false, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `not a JSON object (${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value})` };
  }
  return { ok: true, record: value as JsonRecord };
}

/** What the import report counts of one folder: the files seen, and those skipped as unreadable (and why). */
export interface FolderTally {
  files: number;
  unreadable: { file: string; error: string }[];
}

/**
 * The readable records of one folder, in reading order and one file at a time; every file is counted in `tally`, and
 * an unreadable one is recorded there and skipped.
 */
export async function* readRecords(
  srcDir: string,
  folder: SourceFolder,
  required: boolean,
  tally: FolderTally
): AsyncGenerator<{ file: string; record: JsonRecord }> {
  for (const file of await listJsonFiles(srcDir, folder, required)) {
    tally.files++;
    const read = readRecord(srcDir, folder, file);
    if (read.ok) yield { file, record: read.record };
    else tally.unreadable.push({ file: `${folder}/${file}`, error: read.error });
  }
}

/** A field as trimmed text: strings as they are, numbers as digits, anything else (or blank) as null. */
export function textField(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A field that should hold a list of names: a list keeps its text items, a single text value becomes one item. */
export function textList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map(textField).filter((v): v is string => v !== null);
}
