/**
 * The validator's checks of an export's engine file (`manifest.engine`, src/lib/contract/engine-file.ts) against its
 * Parquet files, which are the contract: the file the manifest names, with its bytes, SHA-256 and storage version;
 * a record that describes these Parquet files; every table with the same columns and exactly the same rows
 * (compared as multisets, so the engine file's sort order does not matter); and the contract's checks passing on the
 * file's own tables.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checksId, formatProblem, ident, runChecks } from '../../src/lib/contract/checks';
import {
  ENGINE_META_SCHEMA,
  ENGINE_META_TABLE,
  engineRecordMismatch,
  READABLE_STORAGE_VERSIONS,
  type EngineTableRecord
} from '../../src/lib/contract/engine-file';
import { TABLE_NAMES, type Manifest, type TableName } from '../../src/lib/contract/schema';
import type { NodeDb } from './duckdb-node';
import { ExportFileError, readStorageVersion, sha256File } from './export-io';
import type { ProblemList } from './problem-list';

const CATALOG = 'engine_file';

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** Columns (name and type, in order) of a table in a catalog. */
async function columnsOf(db: NodeDb, catalog: string, table: TableName): Promise<string[]> {
  const rows = await db.query(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = ? AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
    [catalog, table]
  );
  return rows.map((r) => `${String(r.column_name)} ${String(r.data_type)}`);
}

/**
 * Checks the engine file of the export in `dir`. `db` holds the export's tables loaded from its Parquet files (those
 * in `loaded`, in its default catalog). Problems go to `problems`, things the app copes with to `warnings`.
 */
export async function validateEngineFile(
  db: NodeDb,
  dir: string,
  manifest: Manifest,
  loaded: ReadonlySet<TableName>,
  problems: ProblemList,
  warnings: string[]
): Promise<void> {
  const engine = manifest.engine;
  if (!engine) return;
  const path = join(dir, engine.file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    problems.add(`${path}: missing (manifest.json lists it as the engine file)`);
    return;
  }
  if (size !== engine.bytes) problems.add(`${path}: manifest.json says ${engine.bytes} bytes, the file has ${size}`);
  const sha256 = await sha256File(path);
  if (sha256 !== engine.sha256) problems.add(`${path}: SHA-256 is ${sha256}, manifest.json says ${engine.sha256} (file changed or manifest stale)`);
  let version: number;
  try {
    version = await readStorageVersion(path);
  } catch (error) {
    problems.add(error instanceof ExportFileError ? error.message : `${path}: ${firstLine(error)}`);
    return;
  }
  if (version !== engine.storage_version) {
    problems.add(`${path}: its header says storage version ${version}, manifest.json says ${engine.storage_version}`);
  }
  if (!READABLE_STORAGE_VERSIONS.includes(version)) {
    warnings.push(`${path}: storage version ${version} is not one the app reads (${READABLE_STORAGE_VERSIONS.join(', ')}); it will load the Parquet files instead`);
    return;
  }
  if (engine.checks !== checksId()) {
    warnings.push(`${path}: checked by other rules (${engine.checks}) than this version of Termscope has (${checksId()}); the app will run its own checks after the first view`);
  }

  const [{ name: home }] = (await db.query('SELECT current_database() AS name')) as [{ name: string }];
  try {
    await db.exec(`ATTACH '${path.replaceAll("'", "''")}' AS ${CATALOG} (READ_ONLY)`);
  } catch (error) {
    problems.add(`${path}: cannot be attached as a DuckDB database (${firstLine(error)})`);
    return;
  }
  try {
    let records: EngineTableRecord[];
    try {
      records = (await db.query(`SELECT table_name, rows, parquet_sha256, checks FROM ${CATALOG}.${ENGINE_META_SCHEMA}.${ENGINE_META_TABLE} ORDER BY table_name`)) as unknown as EngineTableRecord[];
    } catch (error) {
      problems.add(`${path}: has no record of the tables it was made from (${firstLine(error)})`);
      return;
    }
    const mismatch = engineRecordMismatch(records, manifest);
    if (mismatch) problems.add(`${path}: does not belong to this export: ${mismatch}`);

    const present: TableName[] = [];
    for (const table of TABLE_NAMES.filter((t) => manifest.tables[t])) {
      const file = manifest.tables[table]!.file;
      const inFile = await columnsOf(db, CATALOG, table);
      if (inFile.length === 0) {
        problems.add(`${path}: has no table ${table} (manifest.json lists ${file})`);
        continue;
      }
      present.push(table);
      if (!loaded.has(table)) continue; // the Parquet file is broken: reported already, nothing to compare with
      const fromParquet = await columnsOf(db, home, table);
      if (inFile.join(', ') !== fromParquet.join(', ')) {
        problems.add(`${path}: table ${table} has columns (${inFile.join(', ')}), ${file} has (${fromParquet.join(', ')})`);
        continue;
      }
      const t = ident(table);
      const [{ only_engine, only_parquet }] = (await db.query(
        `SELECT (SELECT count(*) FROM (SELECT * FROM ${CATALOG}.main.${t} EXCEPT ALL SELECT * FROM "${home.replaceAll('"', '""')}".main.${t})) AS only_engine,
                (SELECT count(*) FROM (SELECT * FROM "${home.replaceAll('"', '""')}".main.${t} EXCEPT ALL SELECT * FROM ${CATALOG}.main.${t})) AS only_parquet`
      )) as [{ only_engine: number; only_parquet: number }];
      if (only_engine > 0 || only_parquet > 0) {
        problems.add(`${path}: table ${table} does not hold the rows of ${file} (${only_engine} rows only in the engine file, ${only_parquet} only in ${file})`);
      }
    }

    await db.exec(`USE ${CATALOG}`);
    try {
      const checks = await runChecks((sql, params) => db.query(sql, params), new Set(present), { limit: problems.cap, rowNumbers: false });
      for (const p of checks.problems) problems.add(`${path}: ${formatProblem(p, `table ${p.table}`)}`);
      problems.addUnlisted(checks.more);
    } finally {
      await db.exec(`USE "${home.replaceAll('"', '""')}"`);
    }
  } finally {
    await db.exec(`DETACH ${CATALOG}`).catch(() => undefined);
  }
}
