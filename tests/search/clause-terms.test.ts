/**
 * The search index the export writer adds (`clause_terms`): row for row what the tokenizer gives for the fixture's
 * provisions, computed here in plain TypeScript; on both the Parquet file and the engine file; checked by the
 * validator (a tampered index is reported by file, term and record); refused as builder input; left out on request.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { writeClauseTerms } from '../../scripts/lib/clause-terms';
import { openNodeDb } from '../../scripts/lib/duckdb-node';
import { loadExport, openEngineFile, sha256File, writeExport } from '../../scripts/lib/export-io';
import { validateExport } from '../../scripts/validate-export';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import { buildFixture, FIXTURE_DIR, FIXTURE_GENERATED_AT, fixtureRows } from '../helpers/fixture';
import { copyDir, tempDirs } from '../scripts/temp';

const tempDir = tempDirs('clause-terms');

interface Row {
  term: string;
  record_id: string;
  tf: number;
  positions: number[];
  doc_length: number;
}

/** The index in TypeScript: each provision's postings, sorted by term then record id (the table's key order). */
const expectedIndex = () => fixtureRows<Row>('clause_terms');

const SELECT = 'SELECT term, record_id, tf, positions, doc_length FROM clause_terms';

describe('clause_terms, as the builder writes it', () => {
  it('is the tokenizer’s postings of every provision, in key order, in the Parquet file and the engine file', async () => {
    const expected = expectedIndex();
    expect(expected.length).toBeGreaterThan(400);
    const dir = await buildFixture();
    const fromParquet = await loadExport(dir);
    try {
      expect(fromParquet.manifest.tables.clause_terms?.rows).toBe(expected.length);
      expect(await fromParquet.db.query(`${SELECT} ORDER BY rowid`)).toEqual(expected);
    } finally {
      fromParquet.db.close();
    }
    const engine = await openEngineFile(dir);
    try {
      expect(await engine.db.query(`${SELECT} ORDER BY term, record_id`)).toEqual(expected);
    } finally {
      engine.db.close();
    }
  });

  it('is the same index when written page by page (as for large exports), in a fixed page-by-page order', async () => {
    const loaded = await loadExport(await buildFixture());
    try {
      const expected = expectedIndex();
      expect(await writeClauseTerms(loaded.db, 'paged', 7)).toBe(expected.length);
      const paged = 'SELECT term, record_id, tf, positions, doc_length FROM paged';
      expect(await loaded.db.query(`${paged} ORDER BY term, record_id`)).toEqual(expected);
      // Pages of 7 provisions in record-id order, each page in key order.
      const ids = [...new Set(expected.map((r) => r.record_id))].sort();
      const page = (id: string) => Math.floor(ids.indexOf(id) / 7);
      const byPage = [...expected].sort((a, b) => page(a.record_id) - page(b.record_id));
      const inFile = await loaded.db.query(`${paged} ORDER BY rowid`);
      expect(inFile).toEqual(byPage);
    } finally {
      loaded.db.close();
    }
  });

  it('is accepted by the validator, and a tampered index is reported by file, term and record', async () => {
    const dir = copyDir(await buildFixture(), join(tempDir(), 'small'));
    expect((await validateExport(dir)).errors).toEqual([]);
    // Rewrite clause_terms.parquet with one row's tf and positions changed (consistently: the row checks pass), and
    // the manifest to match, without the engine file (which would still hold the old rows).
    const db = await openNodeDb();
    try {
      const file = join(dir, 'clause_terms.parquet');
      await db.query(`CREATE TABLE t AS SELECT * FROM read_parquet(?)`, [file]);
      await db.exec(`UPDATE t SET tf = 2, positions = [positions[1], 99] WHERE term = 'train' AND record_id = 'FX-P-001'`);
      await db.exec(`COPY t TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
    } finally {
      db.close();
    }
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.tables.clause_terms.sha256 = await sha256File(join(dir, 'clause_terms.parquet'));
    manifest.tables.clause_terms.bytes = statSync(join(dir, 'clause_terms.parquet')).size;
    delete manifest.engine;
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const report = await validateExport(dir);
    const file = join(dir, 'clause_terms.parquet');
    const original = expectedIndex().find((r) => r.term === 'train' && r.record_id === 'FX-P-001')!;
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      `${file}: lacks the row (term "train", record_id "FX-P-001", tf ${original.tf}, positions [${original.positions.join(', ')}], doc_length ${original.doc_length}) that the provision's title and clause text give: rebuild the export`,
      `${file}: has the row (term "train", record_id "FX-P-001", tf 2, positions [${original.positions[0]}, 99], doc_length ${original.doc_length}), which the provision's title and clause text do not give: rebuild the export`
    ]);
  });

  it('is refused as builder input: the builder computes it', async () => {
    const input = copyDir(FIXTURE_DIR, join(tempDir(), 'input'));
    writeFileSync(join(input, 'clause_terms.jsonl'), '{"term":"x","record_id":"FX-P-001","tf":1,"positions":[0],"doc_length":1}\n');
    const result = await buildExport(input, join(tempDir(), 'out'), { generatedAt: FIXTURE_GENERATED_AT });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain('clause_terms.jsonl: table clause_terms is computed by the builder from the other tables; remove this file');
  });

  it('is left out with searchIndex: false, as in exports written before it existed', async () => {
    const loaded = await loadExport(await buildFixture());
    try {
      const out = join(tempDir(), 'plain');
      const manifest = await writeExport(loaded.db, out, loaded.manifest.source, FIXTURE_GENERATED_AT, TABLE_NAMES, { searchIndex: false });
      expect(Object.keys(manifest.tables)).toEqual(['platforms', 'documents', 'categories', 'provisions', 'provision_versions', 'snapshots']);
      expect((await validateExport(out)).ok).toBe(true);
    } finally {
      loaded.db.close();
    }
  });
});
