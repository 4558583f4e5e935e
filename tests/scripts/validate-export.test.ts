import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../../scripts/lib/duckdb-node';
import { formatReport, validateExport } from '../../scripts/validate-export';
import { TABLE_NAMES, tableSpec, type TableName } from '../../src/lib/contract/schema';
import { loadExport } from '../../scripts/lib/export-io';
import { buildFixture } from '../helpers/fixture';
import { copyDir, copyFile, tempDirs } from './temp';

const tempDir = tempDirs('validate');
const BAD_PARQUET = fileURLToPath(new URL('../../../shared/data/bad-parquet', import.meta.url));

/**
 * A writable copy of the built fixture export. Without its engine file unless asked: these cases break the Parquet
 * files, which the engine file would then no longer match (tests/scripts/engine-file.test.ts covers that file).
 */
async function exportCopy({ engine = false } = {}): Promise<string> {
  const dir = copyDir(await buildFixture(), join(tempDir(), 'export'));
  if (!engine) {
    editManifest(dir, (m) => {
      rmSync(join(dir, m.engine.file));
      delete m.engine;
    });
  }
  return dir;
}

function editManifest(dir: string, edit: (m: Record<string, any>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

/** Makes the manifest agree with a replaced file's bytes and hash, so only its content is at fault. */
function refreshManifest(dir: string, table: TableName): void {
  editManifest(dir, (m) => {
    const bytes = readFileSync(join(dir, m.tables[table].file));
    m.tables[table].bytes = bytes.length;
    m.tables[table].sha256 = createHash('sha256').update(bytes).digest('hex');
  });
}

/** Rewrites one table file through DuckDB with `select` over its current rows. */
async function rewrite(dir: string, table: TableName, select: string): Promise<string> {
  const file = join(dir, `${table}.parquet`);
  const db = await openNodeDb();
  try {
    await db.exec(`CREATE TABLE t AS SELECT * FROM read_parquet('${file}')`);
    await db.exec(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  } finally {
    db.close();
  }
  refreshManifest(dir, table);
  return file;
}

describe('validateExport', () => {
  it('accepts the fixture export and reports its tables', async () => {
    const dir = await exportCopy({ engine: true });
    const report = await validateExport(dir);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.tables.map((t) => [t.table, t.rows, t.loaded])).toEqual(TABLE_NAMES.map((t) => [t, expect.any(Number), true]));
    expect(formatReport(report)).toMatch(/OK — "Termscope test fixture \(fictional\)"/);
  });

  it('warns, without failing, about a precomputed overview the app would ignore', async () => {
    const dir = await exportCopy();
    expect((await validateExport(dir)).warnings).toEqual([]);
    const overview = JSON.parse(readFileSync(join(dir, 'overview.json'), 'utf8'));
    overview.tables_sha256.provisions = '0'.repeat(64);
    writeFileSync(join(dir, 'overview.json'), JSON.stringify(overview));
    const stale = await validateExport(dir);
    expect(stale.ok).toBe(true);
    expect(stale.warnings).toEqual([`${join(dir, 'overview.json')}: computed from other files than manifest.json lists (stale); the app will ignore it and compute the overview after loading`]);
    rmSync(join(dir, 'overview.json'));
    expect((await validateExport(dir)).warnings[0]).toMatch(/overview\.json: cannot be read \(ENOENT/);
  });

  it('rejects a SHA-256 that does not match', async () => {
    const dir = await exportCopy();
    editManifest(dir, (m) => (m.tables.provisions.sha256 = '0'.repeat(64)));
    const report = await validateExport(dir);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'provisions.parquet')}: SHA-256 is [0-9a-f]{64}, manifest.json says 0{64}`))]);
  });

  it('rejects a row count that does not match', async () => {
    const dir = await exportCopy();
    editManifest(dir, (m) => (m.tables.provisions.rows = 41));
    expect((await validateExport(dir)).errors).toEqual([`${join(dir, 'provisions.parquet')}: manifest.json says 41 rows, the file has 40`]);
  });

  it('rejects a byte count that does not match', async () => {
    const dir = await exportCopy();
    editManifest(dir, (m) => (m.tables.categories.bytes += 1));
    expect((await validateExport(dir)).errors[0]).toMatch(/categories\.parquet: manifest\.json says \d+ bytes, the file has \d+/);
  });

  it('rejects a missing file and keeps checking the rest', async () => {
    const dir = await exportCopy();
    rmSync(join(dir, 'snapshots.parquet'));
    const report = await validateExport(dir);
    expect(report.errors).toEqual([`${join(dir, 'snapshots.parquet')}: missing (manifest.json lists it for table snapshots)`]);
    expect(report.tables.filter((t) => t.loaded).map((t) => t.table)).toEqual(TABLE_NAMES.filter((t) => t !== 'snapshots'));
  });

  it('rejects a missing or broken manifest', async () => {
    const dir = await exportCopy();
    editManifest(dir, (m) => delete m.tables.provisions);
    expect((await validateExport(dir)).errors).toEqual([`${join(dir, 'manifest.json')}: tables.provisions is missing (a required table)`]);
    rmSync(join(dir, 'manifest.json'));
    expect((await validateExport(dir)).errors).toEqual([`${join(dir, 'manifest.json')}: not found (every export has a manifest.json)`]);
  });

  it('rejects a column of the wrong type', async () => {
    const dir = await exportCopy();
    const file = await rewrite(dir, 'provisions', 'SELECT * REPLACE (CAST(length(severity) AS INTEGER) AS severity) FROM t');
    expect((await validateExport(dir)).errors).toEqual([`${file}: column "severity" has type INTEGER, expected VARCHAR`]);
  });

  it('runs the contract checks on the data, naming file and row', async () => {
    const dir = await exportCopy();
    const file = await rewrite(dir, 'platforms', 'SELECT * FROM t UNION ALL (SELECT * FROM t LIMIT 1)');
    editManifest(dir, (m) => (m.tables.platforms.rows = 9));
    expect((await validateExport(dir)).errors).toEqual([`${file} row 9 (platform_id "verbalyn"): duplicate key platform_id (first seen at row 1)`]);
  });

  it('accepts a v1 export: files without the v1.1 columns, schema_version 1; those columns read as null', async () => {
    const dir = await exportCopy();
    const added = (table: TableName) => tableSpec(table).columns.filter((c) => c.addedIn !== undefined).map((c) => c.name);
    for (const table of TABLE_NAMES) {
      if (added(table).length > 0) await rewrite(dir, table, `SELECT * EXCLUDE (${added(table).join(', ')}) FROM t`);
    }
    editManifest(dir, (m) => {
      m.schema_version = 1;
      delete m.data_as_of;
    });
    const report = await validateExport(dir);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    const loaded = await loadExport(dir);
    try {
      const [row] = await loaded.db.query('SELECT count(*) AS n, count(polarity) AS polarity, count(source_url) AS url FROM provisions');
      expect(row).toEqual({ n: 40, polarity: 0, url: 0 });
      expect(loaded.manifest.schema_version).toBe(1);
    } finally {
      loaded.db.close();
    }
  });

  it('refuses schema versions it does not read, and a source.url that is not http(s)', async () => {
    const dir = await exportCopy();
    editManifest(dir, (m) => {
      m.schema_version = 2;
      m.source.url = 'javascript:alert(1)';
    });
    const [error] = (await validateExport(dir)).errors;
    expect(error).toContain('schema_version is 2, this version of Termscope reads 1 and 1.1');
    expect(error).toContain('source.url must be an http(s) URL with a host name such as "https://example.com/terms", got "javascript:alert(1)"');
  });

  it('reports a truncated Parquet file as unreadable, naming it', async () => {
    const dir = await exportCopy();
    const file = join(dir, 'provision_versions.parquet');
    truncateSync(file, 3000);
    refreshManifest(dir, 'provision_versions');
    const errors = (await validateExport(dir)).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${file}: cannot be read as Parquet \\(.+\\)$`));
  });
});

const badFiles = existsSync(BAD_PARQUET) ? readdirSync(BAD_PARQUET).filter((f) => f.endsWith('.parquet')) : [];
if (badFiles.length === 0) console.warn(`Skipping the corrupt-Parquet tests: ${BAD_PARQUET} not found (it lives in ../shared/data beside the repository).`);

describe.skipIf(badFiles.length === 0)('corrupt Parquet files from apache/parquet-testing bad_data (../shared/data/bad-parquet)', () => {
  it('has the 8 files', () => expect(badFiles).toHaveLength(8));

  it.each(badFiles)('%s in place of provisions.parquet: a clear error naming the file, the other tables still checked', async (name) => {
    const dir = await exportCopy();
    const file = join(dir, 'provisions.parquet');
    copyFile(join(BAD_PARQUET, name), file);
    refreshManifest(dir, 'provisions');
    const report = await validateExport(dir);
    expect(report.ok).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
    for (const e of report.errors) expect(e.startsWith(`${file}: `), e).toBe(true);
    expect(report.errors.join('\n')).toMatch(/cannot be read as Parquet|missing column "record_id"/);
    expect(report.tables.filter((t) => t.loaded).map((t) => t.table)).toEqual(TABLE_NAMES.filter((t) => t !== 'provisions'));
  });
});

describe('command line', () => {
  it('exits 0 with a summary for a valid export and 1 with the problems otherwise', async () => {
    const run = promisify(execFile);
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const dir = await exportCopy();
    const ok = await run(tsx, ['scripts/validate-export.ts', dir]);
    expect(ok.stdout).toMatch(/provisions\s+40 rows/);
    editManifest(dir, (m) => (m.tables.provisions.rows = 1));
    const failed = await run(tsx, ['scripts/validate-export.ts', dir]).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain('INVALID — 1 problem');
    expect(failed.stderr).toContain('manifest.json says 1 rows, the file has 40');
  });
});
