import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { asAppDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import { loadExport, writeExport } from '../../scripts/lib/export-io';
import { INPUT_TABLES, TABLE_NAMES, tableSpec, type Manifest } from '../../src/lib/contract/schema';
import type { Cell } from '../../src/lib/db/values';
import { loadOverview } from '../../src/lib/queries/overview';
import { isOverviewData, overviewMatchesManifest } from '../../src/lib/queries/overview-data';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT, fixtureRows, loadFixture } from '../helpers/fixture';
import { engineRows, reproducibleFiles } from '../helpers/export-files';
import { copyDir, tempDirs } from './temp';

const tempDir = tempDirs('export-io');

/** What a JSON Lines value should read back as, worked out from the contract type alone. */
function expectedCell(type: string, value: unknown): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'TIMESTAMP') return new Date(Date.parse(value as string));
  return value as Cell;
}

describe('fixture round trip (JSON Lines -> builder -> Parquet -> loadExport)', () => {
  let db: NodeDb;
  let manifest: Manifest;
  let dir: string;
  beforeAll(async () => {
    ({ db, manifest, dir } = await loadFixture());
  });
  afterAll(() => db.close());

  it.each(INPUT_TABLES)('%s: every row and column equals the JSON Lines record, in file order', async (table) => {
    const spec = tableSpec(table);
    const rows = await db.query(`SELECT rowid AS _rowid, * FROM ${table} ORDER BY rowid`);
    const records = fixtureRows(table);
    expect(rows).toHaveLength(records.length);
    rows.forEach((row, i) => {
      expect(row._rowid).toBe(i);
      for (const column of spec.columns) {
        expect(row[column.name], `${table} row ${i + 1} ${column.name}`).toEqual(expectedCell(column.type, records[i]![column.name]));
      }
    });
  });

  it('converts timestamps with an offset to UTC', async () => {
    const [row] = await db.query('SELECT first_tracked FROM provisions WHERE record_id = ?', ['FX-P-011']);
    expect((row!.first_tracked as Date).toISOString()).toBe('2023-01-10T00:00:00.000Z');
  });

  it('writes a manifest whose rows, bytes and SHA-256 match the files', () => {
    expect(manifest.generated_at).toBe(FIXTURE_GENERATED_AT);
    expect(manifest.source.name).toBe('Termscope test fixture (fictional)');
    for (const table of TABLE_NAMES) {
      const entry = manifest.tables[table]!;
      const bytes = readFileSync(join(dir, entry.file));
      expect(entry.bytes).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      // The search index is computed, not read from records (tests/search/clause-terms.test.ts checks its rows).
      if (!tableSpec(table).derived) expect(entry.rows).toBe(fixtureRows(table).length);
    }
    // Stable key order: tables in contract order, fields in a fixed order.
    const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    expect(Object.keys(JSON.parse(text).tables)).toEqual([...TABLE_NAMES]);
    expect(Object.keys(JSON.parse(text))).toEqual(['schema_version', 'generated_at', 'source', 'tables', 'precomputed', 'engine']);
    expect(manifest.precomputed).toEqual({ overview: 'overview.json', feed: 'changes.atom' });
  });

  it('writes overview.json: the overview numbers of exactly these files', async () => {
    const overview: unknown = JSON.parse(readFileSync(join(dir, 'overview.json'), 'utf8'));
    expect(isOverviewData(overview)).toBe(true);
    if (!isOverviewData(overview)) return;
    expect(overviewMatchesManifest(overview, manifest)).toBe(true);
    // Recomputed live over the Parquet files as loaded, and two numbers counted from the JSON Lines records.
    expect(overview).toEqual(await loadOverview(asAppDb(db), manifest));
    const statuses = fixtureRows<{ status: string }>('provisions').map((p) => p.status);
    expect(overview.provisions).toEqual({ active: statuses.filter((s) => s === 'active').length, removed: statuses.filter((s) => s === 'removed').length });
    expect(overview.platform_total).toBe(fixtureRows('platforms').length);
  });

  it('stores each column with the contract type', async () => {
    for (const table of TABLE_NAMES) {
      const described = await db.query(`DESCRIBE SELECT * FROM read_parquet(?)`, [join(dir, manifest.tables[table]!.file)]);
      expect(described.map((c) => [c.column_name, c.column_type])).toEqual(tableSpec(table).columns.map((c) => [c.name, c.type]));
    }
  });
});

describe('writeExport', () => {
  it('writes byte-identical files for the same input; the engine file holds the same rows in the same order', async () => {
    const [a, b] = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    for (const out of [a, b]) expect((await buildExport(FIXTURE_DIR, out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(true);
    expect(readdirSync(a).sort()).toEqual([...TABLE_NAMES.map((t) => `${t}.parquet`), 'changes.atom', 'manifest.json', 'overview.json', 'termscope.duckdb'].sort());
    expect(Object.keys(reproducibleFiles(a))).toEqual([...TABLE_NAMES.map((t) => `${t}.parquet`), 'changes.atom', 'manifest.json', 'overview.json'].sort());
    expect(reproducibleFiles(b)).toEqual(reproducibleFiles(a));
    expect(await engineRows(b)).toEqual(await engineRows(a));
  });

  it('replaces an existing export as a whole and leaves no temporary folders', async () => {
    const out = join(tempDir(), 'export');
    expect((await buildExport(FIXTURE_DIR, out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(true);
    writeFileSync(join(out, 'stale.parquet'), 'left over from an older export');
    expect((await buildExport(FIXTURE_DIR, out, { generatedAt: '2026-10-02T00:00:00Z' })).ok).toBe(true);
    expect(existsSync(join(out, 'stale.parquet'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).generated_at).toBe('2026-10-02T00:00:00Z');
    expect(readdirSync(dirname(out))).toEqual(['export']);
  });

  it('keeps the existing export when writing fails', async () => {
    const out = join(tempDir(), 'export');
    expect((await buildExport(FIXTURE_DIR, out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(true);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const { db } = await loadExport(out);
    try {
      // An empty source name makes the manifest invalid, which is found after the Parquet files were written.
      await expect(writeExport(db, out, { name: '', licence: 'x', attribution: 'y' }, FIXTURE_GENERATED_AT, ['platforms'])).rejects.toThrow(
        /source\.name must be a non-empty string/
      );
    } finally {
      db.close();
    }
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(readdirSync(dirname(out))).toEqual(['export']);
  });
});

describe('loadExport errors name the file', () => {
  it('missing manifest.json', async () => {
    const dir = tempDir();
    await expect(loadExport(dir)).rejects.toThrow(`${join(dir, 'manifest.json')}: not found`);
  });

  it('manifest.json that is not JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), '{ "schema_version": 1,');
    await expect(loadExport(dir)).rejects.toThrow(`${join(dir, 'manifest.json')}: not valid JSON`);
  });

  it('a table file without a contract column', async () => {
    const dir = copyDir(join(FIXTURE_DIR), join(tempDir(), 'in'));
    const rows = fixtureRows('categories').map(({ description: _drop, ...rest }) => rest);
    writeFileSync(join(dir, 'categories.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(tempDir(), 'out');
    expect((await buildExport(dir, out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(true);
    // The builder fills an absent optional column with nulls; drop it from the Parquet file to get a bad export.
    const { db } = await loadExport(out);
    const file = join(out, 'categories.parquet');
    await db.exec(`COPY (SELECT category_id, name, group_name FROM categories) TO '${file}' (FORMAT parquet)`);
    db.close();
    await expect(loadExport(out)).rejects.toThrow(`${file}: missing column "description" (VARCHAR)`);
  });
});

describe('fixture coverage the query tests rely on', () => {
  const provisions = fixtureRows<{ record_id: string; platform_id: string; category_id: string; severity: string | null; status: string; clause_text: string }>('provisions');
  const versions = fixtureRows<{ record_id: string; valid_from: string; valid_to: string | null; severity: string | null; clause_text: string; clause_sha256: string }>('provision_versions');

  it('has a platform without provisions and platforms missing a category', () => {
    const withProvisions = new Set(provisions.map((p) => p.platform_id));
    expect(fixtureRows<{ platform_id: string }>('platforms').filter((p) => !withProvisions.has(p.platform_id)).map((p) => p.platform_id)).toEqual(['tradewick']);
    expect(provisions.some((p) => p.platform_id === 'kestrelgram' && p.category_id === 'ai_training_data')).toBe(false);
  });

  it('has unrated, removed, formula-like and multi-line clauses', () => {
    expect(provisions.filter((p) => p.severity === null).length).toBeGreaterThan(0);
    expect(provisions.filter((p) => p.status === 'removed').length).toBe(2);
    expect(provisions.some((p) => p.clause_text.startsWith('='))).toBe(true);
    expect(provisions.some((p) => /^[+@]/.test(p.clause_text))).toBe(true);
    expect(provisions.some((p) => p.clause_text.includes('\n'))).toBe(true);
  });

  it('has a leap-day start and year-boundary ends; clause_sha256 is the SHA-256 of the text', () => {
    expect(versions.some((v) => v.valid_from === '2024-02-29T00:00:00Z')).toBe(true);
    expect(versions.some((v) => v.valid_to === '2024-01-01T00:00:00Z')).toBe(true);
    for (const v of versions) expect(v.clause_sha256).toBe(createHash('sha256').update(v.clause_text, 'utf8').digest('hex'));
  });

  it('provision severity and text are those of the last version', () => {
    for (const p of provisions) {
      const last = versions.filter((v) => v.record_id === p.record_id).at(-1)!;
      expect([p.record_id, p.severity, p.clause_text]).toEqual([p.record_id, last.severity, last.clause_text]);
    }
  });
});
