/**
 * Checks an export folder the way the app will read it: `tsx scripts/validate-export.ts <export-dir>`.
 *
 * manifest.json present and valid; every listed file present with the bytes, SHA-256 and row count the manifest
 * states; every table's columns and types as the contract says; then the contract's row checks (keys, foreign keys,
 * required values, enums, patterns, overlapping versions, date order). Corrupt Parquet is reported with the file's
 * name, never as a crash. When the manifest lists an engine file (`termscope.duckdb`), it must hold exactly the
 * Parquet files' rows and pass the same checks (scripts/lib/validate-engine.ts). The search index (`clause_terms`), when
 * there is one, must be exactly what the tokenizer makes of the provisions (scripts/lib/clause-terms.ts). Exit code 0 when the export is
 * valid, 1 otherwise.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, runChecks } from '../src/lib/contract/checks';
import { ManifestError } from '../src/lib/contract/manifest';
import { TABLE_NAMES, type Manifest, type TableName } from '../src/lib/contract/schema';
import { isOverviewData, overviewMatchesManifest } from '../src/lib/queries/overview-data';
import { clauseTermsDifferences } from './lib/clause-terms';
import { fail, isMain, seconds } from './lib/cli';
import { openNodeDb } from './lib/duckdb-node';
import { ExportFileError, loadParquetTable, readManifest, sha256File } from './lib/export-io';
import { ProblemList } from './lib/problem-list';
import { validateEngineFile } from './lib/validate-engine';

export interface TableReport {
  table: TableName;
  file: string;
  rows: number;
  bytes: number;
  /** Loaded and checked (false when the file is missing, corrupt or of the wrong shape). */
  loaded: boolean;
}

export interface ValidationReport {
  ok: boolean;
  dir: string;
  manifest?: Manifest;
  tables: TableReport[];
  /** Problems, each naming its file; at most `cap`, the rest counted in `more`. */
  errors: string[];
  more: number;
  /** Things that do not make the export invalid, such as a stale precomputed overview (the app ignores it). */
  warnings: string[];
}

function describeError(error: unknown): string {
  if (error instanceof ExportFileError || error instanceof ManifestError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export async function validateExport(dir: string, options: { maxErrors?: number } = {}): Promise<ValidationReport> {
  const problems = new ProblemList(options.maxErrors ?? 50);
  const warnings: string[] = [];
  const done = (manifest?: Manifest, tables: TableReport[] = []): ValidationReport => ({
    ok: problems.count === 0,
    dir,
    manifest,
    tables,
    errors: problems.shown,
    more: problems.more,
    warnings
  });

  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    problems.add(describeError(error));
    return done();
  }

  const reports: TableReport[] = [];
  const db = await openNodeDb();
  try {
    for (const table of TABLE_NAMES) {
      const entry = manifest.tables[table];
      if (!entry) continue;
      const path = join(dir, entry.file);
      const report: TableReport = { table, file: entry.file, rows: entry.rows, bytes: entry.bytes, loaded: false };
      reports.push(report);
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch {
        problems.add(`${path}: missing (manifest.json lists it for table ${table})`);
        continue;
      }
      if (size !== entry.bytes) problems.add(`${path}: manifest.json says ${entry.bytes} bytes, the file has ${size}`);
      const sha256 = await sha256File(path);
      if (sha256 !== entry.sha256) {
        problems.add(`${path}: SHA-256 is ${sha256}, manifest.json says ${entry.sha256} (file changed or manifest stale)`);
      }
      try {
        const rows = await loadParquetTable(db, table, path);
        report.loaded = true;
        if (rows !== entry.rows) problems.add(`${path}: manifest.json says ${entry.rows} rows, the file has ${rows}`);
      } catch (error) {
        problems.add(describeError(error));
      }
    }

    const loaded = new Set(reports.filter((r) => r.loaded).map((r) => r.table));
    const checks = await runChecks((sql, params) => db.query(sql, params), loaded, problems.cap);
    for (const p of checks.problems) problems.add(formatProblem(p, join(dir, manifest.tables[p.table]!.file)));
    problems.addUnlisted(checks.more);
    if (loaded.has('clause_terms') && loaded.has('provisions')) {
      const index = await clauseTermsDifferences(db, problems.cap);
      const file = join(dir, manifest.tables.clause_terms!.file);
      for (const line of index.lines) problems.add(`${file}: ${line}`);
      problems.addUnlisted(index.total - index.lines.length);
    }
    await validateEngineFile(db, dir, manifest, loaded, problems, warnings);
  } finally {
    db.close();
  }
  const overview = await checkOverview(dir, manifest);
  if (overview) warnings.push(overview);
  return done(manifest, reports);
}

/** The precomputed overview, when the manifest lists one: a warning when the app would have to ignore it. */
async function checkOverview(dir: string, manifest: Manifest): Promise<string | null> {
  const file = manifest.precomputed?.overview;
  if (!file) return null;
  const path = join(dir, file);
  const ignored = 'the app will ignore it and compute the overview after loading';
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return `${path}: cannot be read (${(error as Error).message.split('\n')[0]}); ${ignored}`;
  }
  if (!isOverviewData(value)) return `${path}: not overview data of this version of Termscope; ${ignored}`;
  if (!overviewMatchesManifest(value, manifest)) return `${path}: computed from other files than manifest.json lists (stale); ${ignored}`;
  return null;
}

/** The report as text for people: a summary when valid, the problems otherwise. */
export function formatReport(report: ValidationReport): string {
  const lines: string[] = [];
  if (report.ok && report.manifest) {
    const m = report.manifest;
    lines.push(`${report.dir}: OK — "${m.source.name}" (${m.source.licence}), generated ${m.generated_at}`);
    for (const t of report.tables) {
      lines.push(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(10)} rows ${String(t.bytes).padStart(12)} bytes  ${t.file}`);
    }
    if (m.engine) {
      const label = 'engine file';
      lines.push(`  ${label.padEnd(20)} ${'same rows'.padStart(15)} ${String(m.engine.bytes).padStart(12)} bytes  ${m.engine.file} (DuckDB storage version ${m.engine.storage_version})`);
    }
    const absent = TABLE_NAMES.filter((t) => !m.tables[t]);
    if (absent.length > 0) lines.push(`  (optional tables not in this export: ${absent.join(', ')})`);
    for (const w of report.warnings) lines.push(`  warning: ${w}`);
    return lines.join('\n');
  }
  const total = report.errors.length + report.more;
  lines.push(`${report.dir}: INVALID — ${total} problem${total === 1 ? '' : 's'}`);
  for (const e of report.errors) lines.push(`  ${e}`);
  if (report.more > 0) lines.push(`  … and ${report.more} more problem${report.more === 1 ? '' : 's'}`);
  for (const w of report.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir || rest.length > 0) fail('Usage: tsx scripts/validate-export.ts <export-dir>');
  const started = performance.now();
  const report = await validateExport(dir);
  (report.ok ? console.log : console.error)(`${formatReport(report)}\n(checked in ${seconds(started)})`);
  process.exit(report.ok ? 0 : 1);
}

if (isMain(import.meta.url)) main().catch(fail);
