/**
 * The engine file (`termscope.duckdb`) that `writeExport` puts beside the Parquet files, and the validator's checks
 * of it: the manifest entry describes the file, the file holds exactly the Parquet files' rows (sorted for the views,
 * extra columns kept), records what it was made from and the checks that passed, is refused when a check fails, and
 * any mismatch with the Parquet files is reported by the validator naming the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { openNodeDb } from '../../scripts/lib/duckdb-node';
import { ENGINE_CATALOG, loadExport, openEngineFile, readStorageVersion, writeExport } from '../../scripts/lib/export-io';
import { formatReport, validateExport } from '../../scripts/validate-export';
import { checksId } from '../../src/lib/contract/checks';
import { ENGINE_FILE, ENGINE_SORT, engineRecordMismatch, engineRecordQuery, type EngineTableRecord } from '../../src/lib/contract/engine-file';
import { TABLE_NAMES, tableSpec } from '../../src/lib/contract/schema';
import { buildFixture, FIXTURE_DIR, FIXTURE_GENERATED_AT, fixtureRows } from '../helpers/fixture';
import { copyDir, tempDirs } from './temp';

const tempDir = tempDirs('engine');

async function exportCopy(): Promise<string> {
  return copyDir(await buildFixture(), join(tempDir(), 'export'));
}

function editManifest(dir: string, edit: (m: Record<string, any>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

/** Replaces the export's engine file with one whose `table` was changed by `sql` (run on a writable copy). */
async function alterEngineFile(dir: string, sql: string): Promise<void> {
  const path = join(dir, ENGINE_FILE);
  const db = await openNodeDb();
  try {
    await db.exec(`ATTACH '${path}' AS f`);
    await db.exec('USE f');
    await db.exec(sql);
    await db.exec('USE memory');
    await db.exec('DETACH f');
  } finally {
    db.close();
  }
  editManifest(dir, (m) => {
    const bytes = readFileSync(path);
    m.engine.bytes = bytes.length;
    m.engine.sha256 = createHash('sha256').update(bytes).digest('hex');
  });
}

describe('the engine file written with an export', () => {
  it('is listed in the manifest with its bytes, SHA-256, header storage version, DuckDB version and checks id', async () => {
    const dir = await buildFixture();
    const { engine } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const bytes = readFileSync(join(dir, ENGINE_FILE));
    expect(engine).toEqual({
      file: ENGINE_FILE,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storage_version: 67,
      duckdb_version: 'v1.4.3',
      checks: checksId()
    });
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('DUCK');
    expect(await readStorageVersion(join(dir, ENGINE_FILE))).toBe(67);
    expect(readdirSync(dir).filter((f) => f.endsWith('.wal'))).toEqual([]);
  });

  it('holds every table with the Parquet columns and rows, sorted for the views, and the same rows as the records', async () => {
    const dir = await buildFixture();
    const parquet = await loadExport(dir);
    const engine = await openEngineFile(dir);
    try {
      for (const table of TABLE_NAMES) {
        const columns = (db: typeof parquet.db) =>
          db.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [table]);
        expect(await columns(engine.db), table).toEqual(await columns(parquet.db));
        const order = ENGINE_SORT[table].join(', ');
        const inFile = await engine.db.query(`SELECT * FROM ${table} ORDER BY rowid`);
        expect(inFile, `${table} sorted by ${order}`).toEqual(await parquet.db.query(`SELECT * FROM ${table} ORDER BY ${order}`));
        // The derived search index has no records of its own: tests/search/clause-terms.test.ts checks its rows.
        expect(inFile).toHaveLength(tableSpec(table).derived ? parquet.manifest.tables[table]!.rows : fixtureRows(table).length);
      }
    } finally {
      parquet.db.close();
      engine.db.close();
    }
  });

  it('records the Parquet files it was made from and the checks that passed on it', async () => {
    const dir = await buildFixture();
    const { db, manifest } = await openEngineFile(dir);
    try {
      const records = (await db.query(engineRecordQuery(ENGINE_CATALOG))) as unknown as EngineTableRecord[];
      expect(records).toEqual(
        TABLE_NAMES.map((t) => ({ table_name: t, rows: manifest.tables[t]!.rows, parquet_sha256: manifest.tables[t]!.sha256, checks: checksId() })).sort((a, b) =>
          a.table_name.localeCompare(b.table_name)
        )
      );
      expect(engineRecordMismatch(records, manifest)).toBeNull();
      const stale = structuredClone(manifest);
      stale.tables.provisions!.sha256 = '0'.repeat(64);
      expect(engineRecordMismatch(records, stale)).toBe(`its provisions was made from another provisions.parquet (SHA-256 ${manifest.tables.provisions!.sha256})`);
      const fewer = structuredClone(manifest);
      delete fewer.tables.snapshots;
      expect(engineRecordMismatch(records, fewer)).toBe('it holds 7 tables, the manifest lists 6');
      // The record lives outside `main`: the SQL console's table list (schema main) does not show it.
      const listed = await db.query("SELECT DISTINCT schema_name FROM duckdb_tables() WHERE database_name = 'termscope' ORDER BY 1");
      expect(listed.map((r) => r.schema_name)).toEqual(['main', 'termscope_meta']);
    } finally {
      db.close();
    }
  });

  it('keeps extra columns, after the contract columns, as in the Parquet file', async () => {
    const input = copyDir(FIXTURE_DIR, join(tempDir(), 'input'));
    const path = join(input, 'platforms.jsonl');
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => ({ ...JSON.parse(l), source_score: 7 }));
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
    const out = join(tempDir(), 'out');
    expect((await buildExport(input, out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(true);
    const { db } = await openEngineFile(out);
    try {
      const columns = await db.query("SELECT column_name FROM information_schema.columns WHERE table_catalog = 'termscope' AND table_name = 'platforms' ORDER BY ordinal_position");
      expect(columns.map((c) => c.column_name)).toEqual([...tableSpec('platforms').columns.map((c) => c.name), 'source_score']);
      expect(await db.query('SELECT DISTINCT source_score FROM platforms')).toEqual([{ source_score: 7 }]);
    } finally {
      db.close();
    }
  });

  it('is not written when the tables break the contract: the whole export is refused', async () => {
    const dir = await buildFixture();
    const { db, manifest, tables } = await loadExport(dir);
    const out = join(tempDir(), 'refused');
    try {
      await db.exec("UPDATE platforms SET jurisdiction = 'us' WHERE platform_id = (SELECT min(platform_id) FROM platforms)");
      await expect(writeExport(db, out, manifest.source, manifest.generated_at, tables)).rejects.toThrow(
        /The tables break the export contract; no engine file was written:\n {2}platforms\.parquet \(platform_id "[^"]+"\): column "jurisdiction": "us" is not an ISO 3166-1 alpha-2 code/
      );
    } finally {
      db.close();
    }
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});

describe('validateExport and the engine file', () => {
  it('reports the engine file in its summary', async () => {
    const report = await validateExport(await exportCopy());
    expect(report.errors).toEqual([]);
    expect(formatReport(report)).toMatch(/engine file\s+same rows\s+\d+ bytes {2}termscope\.duckdb \(DuckDB storage version 67\)/);
  });

  it('a missing engine file, or one of another size or hash', async () => {
    const dir = await exportCopy();
    const path = join(dir, ENGINE_FILE);
    editManifest(dir, (m) => (m.engine.sha256 = '0'.repeat(64)));
    expect((await validateExport(dir)).errors).toEqual([expect.stringMatching(new RegExp(`^${path}: SHA-256 is [0-9a-f]{64}, manifest.json says 0{64}`))]);
    editManifest(dir, (m) => (m.engine.bytes += 1));
    expect((await validateExport(dir)).errors[0]).toMatch(new RegExp(`^${path}: manifest.json says \\d+ bytes, the file has \\d+$`));
    rmSync(path);
    expect((await validateExport(dir)).errors).toEqual([`${path}: missing (manifest.json lists it as the engine file)`]);
  });

  it('an engine file that is not a DuckDB file, or of another storage version than the manifest says', async () => {
    const dir = await exportCopy();
    const path = join(dir, ENGINE_FILE);
    editManifest(dir, (m) => (m.engine.storage_version = 64));
    expect((await validateExport(dir)).errors).toEqual([`${path}: its header says storage version 67, manifest.json says 64`]);
    writeFileSync(path, 'not a database');
    editManifest(dir, (m) => {
      m.engine.bytes = 14;
      m.engine.sha256 = createHash('sha256').update('not a database').digest('hex');
    });
    expect((await validateExport(dir)).errors).toEqual([`${path}: is not a DuckDB database file (no "DUCK" in its header)`]);
  });

  it('an engine file made from other Parquet files (a stale one left beside rebuilt files)', async () => {
    const dir = await exportCopy();
    await alterEngineFile(dir, "UPDATE termscope_meta.export_tables SET parquet_sha256 = repeat('1', 64) WHERE table_name = 'categories'");
    expect((await validateExport(dir)).errors).toEqual([
      `${join(dir, ENGINE_FILE)}: does not belong to this export: its categories was made from another categories.parquet (SHA-256 ${'1'.repeat(64)})`
    ]);
  });

  it('an engine file whose rows differ from the Parquet file, or which breaks a check', async () => {
    const dir = await exportCopy();
    const path = join(dir, ENGINE_FILE);
    await alterEngineFile(dir, "UPDATE platforms SET jurisdiction = 'us' WHERE platform_id = (SELECT min(platform_id) FROM platforms)");
    const errors = (await validateExport(dir)).errors;
    expect(errors).toEqual([
      `${path}: table platforms does not hold the rows of platforms.parquet (1 rows only in the engine file, 1 only in platforms.parquet)`,
      expect.stringMatching(new RegExp(`^${path}: table platforms \\(platform_id "[^"]+"\\): column "jurisdiction": "us" is not an ISO 3166-1 alpha-2 code`))
    ]);
  });

  it('an engine file without one of the tables', async () => {
    const dir = await exportCopy();
    await alterEngineFile(dir, 'DROP TABLE snapshots');
    expect((await validateExport(dir)).errors).toEqual([`${join(dir, ENGINE_FILE)}: has no table snapshots (manifest.json lists snapshots.parquet)`]);
  });

  it('warns when the file was checked by other rules than this version has', async () => {
    const dir = await exportCopy();
    editManifest(dir, (m) => (m.engine.checks = '0123456789abcdef'));
    const report = await validateExport(dir);
    expect(report.errors).toEqual([
      `${join(dir, ENGINE_FILE)}: does not belong to this export: its categories was checked by rules ${checksId()}, the manifest says 0123456789abcdef`
    ]);
    expect(report.warnings).toEqual([
      `${join(dir, ENGINE_FILE)}: checked by other rules (0123456789abcdef) than this version of Termscope has (${checksId()}); the app will run its own checks after the first view`
    ]);
  });
});
