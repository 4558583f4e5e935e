/**
 * Files the analyst picked or dropped (a folder, a set of Parquet or CSV files, the contents of a `.zip`), sorted
 * into an export: which file is which table, and the manifest — theirs when `manifest.json` is among the files,
 * otherwise one made up from the files, with the source "not stated". Tables are recognised by file name: the
 * manifest's `file` entries, or `<table>.parquet` / `<table>.csv`. Anything that cannot be an export is refused here,
 * before an engine starts, with a `LoadFailure` naming the file. Pure (Blob and File exist in Node too).
 */
import { missingTables } from '$lib/contract/checks';
import { ManifestError, parseManifest } from '$lib/contract/manifest';
import { isTableName, TABLE_NAMES, type Manifest, type TableName } from '$lib/contract/schema';
import { LoadFailure } from './errors';
import type { PickedFile } from './export-source';

export type TableFormat = 'parquet' | 'csv';

export interface LocalTable {
  table: TableName;
  /** Its path in what was opened (how messages name it). */
  path: string;
  /** Its plain name, as the manifest lists it. */
  file: string;
  blob: Blob;
  format: TableFormat;
}

export interface LocalExport {
  /** How messages and the page name what was opened: the folder's or the zip's name, or "N files". */
  label: string;
  manifest: Manifest;
  /** False: no `manifest.json` came with the files, so `manifest` was made up from them. */
  manifestGiven: boolean;
  format: TableFormat;
  tables: LocalTable[];
  /** The engine file (`termscope.duckdb`) the manifest lists, when it came with the files. */
  engineFile: Blob | null;
  /** Files that are not part of an export, left out (notes, overview.json, …), by path. */
  ignored: string[];
}

/** Files an export may carry beside its tables, which opening it does not need. */
const SIDE_FILES = /(^\.|\.md$|\.txt$|^overview\.json$|^import-report\.json$|^source\.json$|\.duckdb\.wal$|^LICEN[CS]E)/i;
const HINT_NAMES = `Name each table's file after its table: ${TABLE_NAMES.map((t) => `${t}.parquet`).join(', ')} (or .csv).`;

const baseName = (path: string) => path.split('/').filter(Boolean).at(-1) ?? path;

/** The folder everything sits in (a dropped folder's name), or null when the files come from several. */
function commonFolder(files: readonly PickedFile[]): string | null {
  const tops = new Set(files.map((f) => (f.path.includes('/') ? f.path.split('/')[0]! : '')));
  const [top] = [...tops];
  return tops.size === 1 && top ? top : null;
}

async function readManifest(picked: PickedFile): Promise<Manifest> {
  let json: unknown;
  try {
    json = JSON.parse(await picked.file.text());
  } catch (error) {
    throw new LoadFailure({ file: picked.path, message: `is not valid JSON (${(error as Error).message})`, hint: 'Open the folder without it to use the files alone, or fix it.' });
  }
  try {
    return parseManifest(json, picked.path);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    throw new LoadFailure({ file: picked.path, message: 'does not match the export contract', details: error.problems, hint: 'See docs/DATA.md for the manifest format.' });
  }
}

/** The manifest of files that came without one: what the files are, and nothing claimed about their source. */
function madeUpManifest(label: string, tables: readonly LocalTable[], newest: number): Manifest {
  return {
    schema_version: 1.1,
    generated_at: new Date(newest || Date.now()).toISOString(),
    source: { name: label, licence: 'not stated (no manifest.json)', attribution: 'not stated (no manifest.json)' },
    tables: Object.fromEntries(tables.map((t) => [t.table, { file: t.file, rows: 0, bytes: t.blob.size, sha256: '' }]))
  };
}

export async function localExport(files: readonly PickedFile[], label = commonFolder(files) ?? `${files.length} files`): Promise<LocalExport> {
  if (files.length === 0) throw new LoadFailure({ file: label, message: 'holds no files', hint: 'Pick the export folder, its Parquet or CSV files, or a .zip of it.' });
  const byName = new Map<string, PickedFile[]>();
  for (const f of files) {
    const name = baseName(f.path);
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const twice = [...byName].filter(([, list]) => list.length > 1);
  if (twice.length > 0) {
    throw new LoadFailure({
      file: label,
      message: 'holds the same file name more than once',
      details: twice.map(([name, list]) => `${name}: ${list.map((f) => f.path).join(', ')}`),
      hint: 'Open one export at a time: a folder with one file per table.'
    });
  }
  const one = (name: string) => byName.get(name)?.[0];
  const manifestFile = one('manifest.json');
  const given = manifestFile ? await readManifest(manifestFile) : null;

  const tables: LocalTable[] = [];
  const used = new Set<string>(manifestFile ? ['manifest.json'] : []);
  const problems: string[] = [];
  for (const [name, [picked]] of byName) {
    const match = /^(.+)\.(parquet|csv)$/i.exec(name);
    if (!match) continue;
    // A manifest may name a table's file otherwise; its entries win over the naming rule.
    const listed = given && (Object.entries(given.tables) as [TableName, { file: string }][]).find(([, e]) => e.file === name)?.[0];
    const table = listed || (isTableName(match[1]!) ? match[1]! : null);
    if (!table) {
      problems.push(`${picked!.path}: "${match[1]}" is not a table of the contract (${TABLE_NAMES.join(', ')})`);
      continue;
    }
    tables.push({ table, path: picked!.path, file: name, blob: picked!.file, format: match[2]!.toLowerCase() as TableFormat });
    used.add(name);
  }
  const perTable = new Map<TableName, LocalTable[]>();
  for (const t of tables) perTable.set(t.table, [...(perTable.get(t.table) ?? []), t]);
  for (const [table, list] of perTable) if (list.length > 1) problems.push(`table ${table} is given twice: ${list.map((t) => t.path).join(' and ')}`);
  const formats = new Set(tables.map((t) => t.format));
  if (formats.size > 1) problems.push('the tables are a mix of Parquet and CSV files: give every table in one format');
  if (given) {
    for (const [table, entry] of Object.entries(given.tables) as [TableName, { file: string }][]) {
      const sameTable = tables.some((t) => t.table === table);
      if (!sameTable) problems.push(`${entry.file}, which manifest.json lists for table ${table}, is not among the files`);
    }
  }
  const missing = missingTables(new Set(tables.map((t) => t.table)));
  if (missing.length > 0 && !given) problems.push(`no file for the required table${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length > 0) {
    throw new LoadFailure({ file: label, message: 'is not an export Termscope can open', details: problems, hint: HINT_NAMES });
  }

  const engineName = given?.engine?.file;
  const engineFile = engineName ? (one(engineName)?.file ?? null) : null;
  if (engineName && engineFile) used.add(engineName);
  const ignored = files.filter((f) => !used.has(baseName(f.path))).map((f) => f.path);
  const strange = ignored.filter((p) => !SIDE_FILES.test(baseName(p)) && !/\.duckdb$/i.test(p));
  if (strange.length > 0 && tables.length === 0) {
    throw new LoadFailure({ file: label, message: 'holds no Parquet or CSV file of a table', details: strange.slice(0, 20), hint: HINT_NAMES });
  }
  tables.sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table));
  const newest = Math.max(0, ...files.map((f) => (f.file instanceof File ? f.file.lastModified : 0)));
  return {
    label,
    // Precomputed files are read from beside a hosted export's manifest; opened files have no such address.
    manifest: given ? { ...given, precomputed: undefined } : madeUpManifest(label, tables, newest),
    manifestGiven: given !== null,
    format: [...formats][0] ?? 'parquet',
    tables,
    engineFile,
    ignored
  };
}
