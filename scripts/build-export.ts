/**
 * Builds an export from JSON Lines or CSV records: `tsx scripts/build-export.ts <input-dir> <out-dir>`.
 *
 * The input folder holds one `<table>.jsonl` or `<table>.csv` per table and an optional `source.json`
 * ({ name, licence, attribution }); hidden files and `*.md` notes are ignored, anything else is an error. Every row is checked against the contract in TypeScript while it streams into
 * DuckDB, then the cross-row checks (keys, foreign keys, overlapping versions, date order) run in SQL. Any problem
 * means nothing is written; problems are reported as `file line N, column "x": what is wrong`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countSuffix, ident, runChecks, type Problem } from '../src/lib/contract/checks';
import { TABLE_NAMES, TABLES, URL_PATTERN, isIsoDay, isTableName, tableSpec, type Manifest, type TableName } from '../src/lib/contract/schema';
import { fail, isMain, seconds } from './lib/cli';
import { parseCell } from './lib/contract-values';
import { openNodeDb, type NodeDb } from './lib/duckdb-node';
import { createContractTables, writeExport } from './lib/export-io';
import { readCsv, readJsonLines } from './lib/input-records';
import { ProblemList } from './lib/problem-list';
import { MAX_LIST_ITEMS, TableAppender, type ContractValue, type ExtraColumn, type ExtraType } from './lib/table-appender';

export interface BuildOptions {
  /** Overrides fields of source.json (or replaces it when there is none). */
  source?: Partial<Manifest['source']>;
  /** manifest generated_at; default: now. */
  generatedAt?: string;
  /** manifest data_as_of, the day the data describes (YYYY-MM-DD); default: source.json's `data_as_of`, if any. */
  dataAsOf?: string;
  /** How many problems to list before "… and N more problems" (default 50). */
  maxErrors?: number;
  /**
   * Where the app that will serve this export is published (http(s) URL): the Atom feed's entries then link to their
   * provision pages. Without it the feed's entries carry their text only.
   */
  siteUrl?: string;
}

export type BuildResult = { ok: true; manifest: Manifest } | { ok: false; errors: string[]; more: number };

interface InputFile {
  table: TableName;
  file: string;
  path: string;
  format: 'jsonl' | 'csv';
}

/** Line numbers of a table's rows in its input file: row i (0-based rowid) came from line `get(i)`. */
class LineIndex {
  private lines = new Uint32Array(1024);
  length = 0;
  push(line: number): void {
    if (this.length === this.lines.length) {
      const grown = new Uint32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.length++] = line;
  }
  get(rowid: number): number | undefined {
    return rowid >= 0 && rowid < this.length ? this.lines[rowid] : undefined;
  }
}

/** Finds the table files and source.json in the input folder; problems with the folder itself go to `problems`. */
async function scanInput(inputDir: string, problems: ProblemList): Promise<{ files: InputFile[]; sourcePath?: string }> {
  const files: InputFile[] = [];
  let sourcePath: string | undefined;
  const names = (await readdir(inputDir)).sort();
  for (const name of names) {
    if (name.startsWith('.') || name.toLowerCase().endsWith('.md')) continue; // notes beside the data are fine
    const path = join(inputDir, name);
    if (!(await stat(path)).isFile()) continue;
    if (name === 'source.json') {
      sourcePath = path;
      continue;
    }
    const m = /^(.+)\.(jsonl|csv)$/.exec(name);
    const inputTables = TABLES.filter((t) => !t.derived).map((t) => t.name);
    if (m && isTableName(m[1]!) && tableSpec(m[1]).derived) {
      problems.add(`${name}: table ${m[1]} is computed by the builder from the other tables; remove this file`);
      continue;
    }
    if (!m || !isTableName(m[1]!)) {
      problems.add(
        `${name}: unknown table file (expected <table>.jsonl or <table>.csv for a table of the contract: ${inputTables.join(', ')}; or source.json)`
      );
      continue;
    }
    const table = m[1] as TableName;
    const other = files.find((f) => f.table === table);
    if (other) {
      problems.add(`${name}: table ${table} already comes from ${other.file}; keep one file per table`);
      continue;
    }
    files.push({ table, file: name, path, format: m[2] as 'jsonl' | 'csv' });
  }
  for (const spec of TABLES) {
    if (!spec.optional && !files.some((f) => f.table === spec.name)) {
      problems.add(`${inputDir}: no file for required table ${spec.name} (${spec.name}.jsonl or ${spec.name}.csv)`);
    }
  }
  files.sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table));
  return { files, sourcePath };
}

async function readSource(
  sourcePath: string | undefined,
  overrides: Partial<Manifest['source']>,
  problems: ProblemList
): Promise<Manifest['source'] | null> {
  let fromFile: Record<string, unknown> = {};
  if (sourcePath) {
    try {
      const value: unknown = JSON.parse(await readFile(sourcePath, 'utf8'));
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
      fromFile = value as Record<string, unknown>;
    } catch (error) {
      problems.add(`source.json: ${(error as Error).message}`);
      return null;
    }
  }
  const merged: Record<string, unknown> = { ...fromFile, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const missing = (['name', 'licence', 'attribution'] as const).filter((k) => typeof merged[k] !== 'string' || merged[k] === '');
  if (missing.length > 0) {
    problems.add(
      `source: missing ${missing.join(', ')} (put { "name", "licence", "attribution" } in source.json or pass --source-name, --licence, --attribution)`
    );
    return null;
  }
  if (merged.synthetic !== undefined && typeof merged.synthetic !== 'boolean') problems.add('source.json: synthetic must be true or false');
  if (merged.url !== undefined && (typeof merged.url !== 'string' || !URL_PATTERN.regex.test(merged.url))) {
    problems.add(`source: url must be ${URL_PATTERN.description}, got ${JSON.stringify(merged.url)}`);
  }
  return {
    name: merged.name as string,
    licence: merged.licence as string,
    attribution: merged.attribution as string,
    ...(typeof merged.synthetic === 'boolean' ? { synthetic: merged.synthetic } : {}),
    ...(typeof merged.url === 'string' ? { url: merged.url } : {})
  };
}

/** source.json's optional `data_as_of` (the day the data describes); it goes to the manifest, not to `source`. */
async function readDataAsOf(sourcePath: string): Promise<string | undefined> {
  try {
    const value = JSON.parse(await readFile(sourcePath, 'utf8')) as { data_as_of?: unknown };
    return value.data_as_of === undefined ? undefined : String(value.data_as_of);
  } catch {
    return undefined; // readSource reports an unreadable source.json
  }
}

interface LoadState {
  problems: ProblemList;
  lines: Map<TableName, LineIndex>;
  /**
   * Tables whose input could not be read whole (unparseable records, a CSV syntax error, a missing key column):
   * foreign keys into them are not checked, so one broken file does not also report every row that refers to it.
   */
  incomplete: Set<TableName>;
}

/** Extra column names: plain lowercase identifiers, so they can be quoted safely and read the same everywhere. */
const EXTRA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'strings' | 'other';

function valueKind(value: unknown): ValueKind {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'integer' : Number.isFinite(value) ? 'number' : 'other';
  if (Array.isArray(value) && value.length <= MAX_LIST_ITEMS && value.every((v) => typeof v === 'string')) return 'strings';
  return 'other';
}

/** The type an extra JSON Lines column gets from the kinds of its non-empty values: mixed kinds become text. */
export function inferExtraType(kinds: ReadonlySet<ValueKind>): ExtraType {
  const only = (...allowed: ValueKind[]) => kinds.size > 0 && [...kinds].every((k) => allowed.includes(k));
  if (only('boolean')) return 'BOOLEAN';
  if (only('integer')) return 'BIGINT';
  if (only('integer', 'number')) return 'DOUBLE';
  if (only('strings')) return 'VARCHAR[]';
  return 'VARCHAR';
}

/** One extra cell as its column's type takes it; a value of another kind becomes its JSON text (VARCHAR only). */
function extraValue(type: ExtraType, raw: unknown): ContractValue {
  if (raw === null || raw === undefined || raw === '') return null;
  if (type === 'VARCHAR') return typeof raw === 'string' ? raw : JSON.stringify(raw);
  return raw as ContractValue;
}

/**
 * Finds the columns of an input file beyond the contract's: kept in the export (DATA.md: extra columns are kept) with
 * a type inferred from the values (JSON Lines) or as text (CSV). A name that is not a plain lowercase identifier is a
 * problem, reported once.
 */
async function scanExtraColumns(input: InputFile, problems: ProblemList): Promise<ExtraColumn[]> {
  const known = new Set(tableSpec(input.table).columns.map((c) => c.name));
  const kinds = new Map<string, Set<ValueKind>>();
  const refused = new Set<string>();
  const consider = (name: string, line: number): boolean => {
    if (known.has(name) || refused.has(name)) return false;
    if (!EXTRA_NAME.test(name)) {
      refused.add(name);
      problems.add(
        `${input.file} line ${line}: column "${name}" is not in the contract (${input.table} has ${[...known].join(', ')}), and an extra column's name must be lowercase letters, digits and underscores, not starting with a digit`
      );
      return false;
    }
    if (!kinds.has(name)) kinds.set(name, new Set());
    return true;
  };
  if (input.format === 'csv') {
    for await (const record of readCsv(input.path)) {
      if ('header' in record) for (const name of record.header) consider(name, record.line);
      break;
    }
    return [...kinds.keys()].map((name) => ({ name, type: 'VARCHAR' as const }));
  }
  for await (const record of readJsonLines(input.path)) {
    if (!('values' in record)) continue;
    for (const [name, value] of Object.entries(record.values)) {
      if (!consider(name, record.line) && !kinds.has(name)) continue;
      if (value !== null && value !== undefined && value !== '') kinds.get(name)!.add(valueKind(value));
    }
  }
  return [...kinds.entries()].map(([name, k]) => ({ name, type: inferExtraType(k) }));
}

/** Streams one input file into its table, checking every cell; bad cells are loaded as null and reported. */
async function loadFile(db: NodeDb, input: InputFile, state: LoadState): Promise<void> {
  const spec = tableSpec(input.table);
  const extras = await scanExtraColumns(input, state.problems);
  for (const extra of extras) await db.exec(`ALTER TABLE ${ident(input.table)} ADD COLUMN ${ident(extra.name)} ${extra.type}`);
  const appender = await TableAppender.open(db, input.table, extras);
  const lines = new LineIndex();
  state.lines.set(input.table, lines);
  const fromCsv = input.format === 'csv';
  const report = (line: number, message: string) => state.problems.add(`${input.file} line ${line}, ${message}`, `${input.file}|${message}`);
  let headerMissing = new Set<string>();
  const records = fromCsv ? readCsv(input.path) : readJsonLines(input.path);
  try {
    for await (const record of records) {
      if ('header' in record) {
        headerMissing = new Set(spec.columns.filter((c) => !record.header.includes(c.name)).map((c) => c.name));
        for (const c of spec.columns) {
          if (c.required && headerMissing.has(c.name)) {
            state.problems.add(`${input.file} line ${record.line}: missing required column "${c.name}"`);
            if (spec.key.includes(c.name)) state.incomplete.add(input.table);
          }
        }
        continue;
      }
      if ('error' in record) {
        state.problems.add(`${input.file} line ${record.line}: ${record.error}`);
        state.incomplete.add(input.table);
        continue;
      }
      const values: ContractValue[] = [];
      for (const column of spec.columns) {
        // Reported once at the header.
        if (headerMissing.has(column.name)) {
          values.push(null);
          continue;
        }
        const raw = record.values[column.name];
        const result =
          !fromCsv && column.required && !(column.name in record.values)
            ? { ok: false as const, message: `missing required column "${column.name}"` }
            : parseCell(column, raw, fromCsv);
        if (result.ok) {
          values.push(result.value);
        } else {
          // A bad cell is loaded as null; the same problem on other lines only raises its count.
          values.push(null);
          report(record.line, result.message);
        }
      }
      for (const extra of extras) values.push(extraValue(extra.type, record.values[extra.name]));
      appender.append(values);
      lines.push(record.line);
    }
  } finally {
    appender.close();
  }
}

/** One SQL-check problem in input terms: file and line instead of table and row. */
function formatCheckProblem(p: Problem, file: string, lines: LineIndex | undefined): string {
  const line = p.row !== undefined ? lines?.get(p.row - 1) : undefined;
  const spec = tableSpec(p.table);
  const where = `${file}${line !== undefined ? ` line ${line}` : ''}${p.key !== undefined ? ` (${spec.key.join(', ')} ${JSON.stringify(p.key)})` : ''}`;
  // checks.ts words duplicates with the table row of the first occurrence; the producer needs the file line.
  const message =
    p.message.replace(/first seen at row (\d+)/, (_, r: string) => {
      const first = lines?.get(Number(r) - 1);
      return first !== undefined ? `first seen at line ${first}` : `first seen at row ${r}`;
    }) + countSuffix(p, 'lines');
  if (message.startsWith('column "') || !p.column) return `${where}, ${message}`;
  const columns = p.column.split(', ');
  return `${where}, ${columns.length > 1 ? `columns ${columns.map((c) => `"${c}"`).join(', ')}` : `column "${p.column}"`}: ${message}`;
}

/** An absolute http(s) URL (a site may be served from localhost, unlike the URLs the contract's columns hold). */
function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Builds the export in `outDir` from the records in `inputDir`, or lists what is wrong and writes nothing. */
export async function buildExport(inputDir: string, outDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const problems = new ProblemList(options.maxErrors ?? 50);
  const generatedAt = options.generatedAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (Number.isNaN(Date.parse(generatedAt))) problems.add(`generated_at: ${JSON.stringify(generatedAt)} is not an ISO 8601 timestamp`);
  const { files, sourcePath } = await scanInput(inputDir, problems);
  const source = await readSource(sourcePath, options.source ?? {}, problems);
  const dataAsOf = options.dataAsOf ?? (sourcePath ? await readDataAsOf(sourcePath) : undefined);
  if (dataAsOf !== undefined && !isIsoDay(dataAsOf)) problems.add(`data_as_of: ${JSON.stringify(dataAsOf)} is not a day written YYYY-MM-DD`);
  if (options.siteUrl !== undefined && !isHttpUrl(options.siteUrl)) problems.add(`site URL: ${JSON.stringify(options.siteUrl)} is not an http(s) URL`);

  const db = await openNodeDb();
  try {
    const tables = files.map((f) => f.table);
    await createContractTables(db, tables);
    const state: LoadState = { problems, lines: new Map(), incomplete: new Set() };
    for (const input of files) await loadFile(db, input, state);

    const present = new Set(tables);
    const checks = await runChecks((sql, params) => db.query(sql, params), present, { limit: problems.cap, incomplete: state.incomplete });
    let unlisted = checks.more;
    for (const p of checks.problems) {
      // Every empty required cell was already reported while reading, with its line.
      if (p.message.endsWith('is required but empty')) continue;
      const file = files.find((f) => f.table === p.table)!.file;
      problems.add(formatCheckProblem(p, file, state.lines.get(p.table)));
    }
    for (const table of state.incomplete) {
      const file = files.find((f) => f.table === table)!.file;
      problems.add(`${file}: could not be read whole, so references to its rows from other tables were not checked`);
    }
    problems.addUnlisted(unlisted);
    if (problems.count > 0 || !source) return { ok: false, errors: problems.shown, more: problems.more };
    const manifest = await writeExport(db, outDir, source, generatedAt, tables, { dataAsOf, feed: { siteUrl: options.siteUrl } });
    return { ok: true, manifest };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'source-name': { type: 'string' },
      licence: { type: 'string' },
      attribution: { type: 'string' },
      'source-url': { type: 'string' },
      'generated-at': { type: 'string' },
      'data-as-of': { type: 'string' },
      'max-errors': { type: 'string' },
      'site-url': { type: 'string' }
    }
  });
  if (positionals.length !== 2) {
    fail(
      'Usage: tsx scripts/build-export.ts <input-dir> <out-dir> [--source-name NAME --licence SPDX --attribution TEXT] [--source-url URL] [--generated-at ISO] [--data-as-of YYYY-MM-DD] [--site-url URL] [--max-errors N]'
    );
  }
  const [inputDir, outDir] = positionals as [string, string];
  const started = performance.now();
  const result = await buildExport(inputDir, outDir, {
    source: { name: values['source-name'], licence: values.licence, attribution: values.attribution, url: values['source-url'] },
    generatedAt: values['generated-at'],
    dataAsOf: values['data-as-of'],
    maxErrors: values['max-errors'] ? Number(values['max-errors']) : undefined,
    siteUrl: values['site-url']
  });
  if (!result.ok) {
    console.error(`${inputDir}: ${result.errors.length + result.more} problem(s); nothing was written.`);
    for (const line of result.errors) console.error(`  ${line}`);
    if (result.more > 0) console.error(`  … and ${result.more} more problem${result.more === 1 ? '' : 's'}`);
    process.exit(1);
  }
  console.log(`Wrote ${outDir} in ${seconds(started)}:`);
  for (const [table, entry] of Object.entries(result.manifest.tables)) {
    console.log(`  ${entry.file.padEnd(26)} ${String(entry.rows).padStart(10)} rows ${String(entry.bytes).padStart(12)} bytes  (${table})`);
  }
}

if (isMain(import.meta.url)) main().catch(fail);
