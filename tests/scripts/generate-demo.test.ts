import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo, staleReason } from '../../scripts/ensure-demo';
import { DEMO_SOURCE, generateDemo } from '../../scripts/generate-demo';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { loadExport } from '../../scripts/lib/export-io';
import { validateExport } from '../../scripts/validate-export';
import { checksId } from '../../src/lib/contract/checks';
import { SEVERITIES, TABLE_NAMES } from '../../src/lib/contract/schema';
import { engineRows, reproducibleFiles } from '../helpers/export-files';
import { tempDirs } from './temp';

const tempDir = tempDirs('demo');
const TODAY = '2026-11-29';
const SIZE = 2000;

function files(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe('generateDemo', () => {
  const [a, b, other] = [join(tempDir(), 'a'), join(tempDir(), 'b'), join(tempDir(), 'other')];
  let db: NodeDb;
  beforeAll(async () => {
    await generateDemo({ out: a, today: TODAY, provisions: SIZE });
    await generateDemo({ out: b, today: TODAY, provisions: SIZE });
    await generateDemo({ out: other, today: TODAY, provisions: SIZE, seed: 2 });
    ({ db } = await loadExport(a));
  });
  afterAll(() => db?.close());

  it('is deterministic: same seed, day and size give byte-identical files (the engine file: the same rows)', async () => {
    expect(Object.keys(files(a))).toEqual([...TABLE_NAMES.map((t) => `${t}.parquet`), 'changes.atom', 'manifest.json', 'overview.json', 'termscope.duckdb'].sort());
    expect(reproducibleFiles(b)).toEqual(reproducibleFiles(a));
    expect(await engineRows(b)).toEqual(await engineRows(a));
  });

  it('another seed gives other data', () => {
    const [x, y] = [files(a), files(other)];
    for (const t of ['platforms', 'provisions', 'provision_versions', 'snapshots']) expect(y[`${t}.parquet`], t).not.toBe(x[`${t}.parquet`]);
  });

  it('passes the validator', async () => {
    const report = await validateExport(a);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('has the requested size, synthetic source and generated_at at the start of --today', async () => {
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest.generated_at).toBe(`${TODAY}T00:00:00Z`);
    expect(manifest.source).toEqual(DEMO_SOURCE);
    expect(manifest.source).toMatchObject({ name: 'Termscope demo export (synthetic)', licence: 'CC0-1.0', synthetic: true });
    expect(manifest.tables.provisions.rows).toBe(SIZE);
    expect(manifest.tables.platforms.rows).toBe(Math.round((SIZE * 300) / 13000));
    expect(manifest.tables.categories.rows).toBeGreaterThanOrEqual(16);
  });

  it('invents fictional platforms on the reserved .example domain', async () => {
    const platforms = await db.query('SELECT platform_id, name, website, sector, jurisdiction FROM platforms');
    for (const p of platforms) {
      expect(p.website).toBe(`https://${p.platform_id}.example`);
      expect(p.jurisdiction).toMatch(/^[A-Z]{2}$/);
    }
    expect(new Set(platforms.map((p) => p.name)).size).toBe(platforms.length);
    expect(new Set(platforms.map((p) => p.sector)).size).toBeGreaterThanOrEqual(8);
    const urls = await db.query(`SELECT source_url FROM documents UNION ALL SELECT archive_url FROM snapshots`);
    for (const u of urls) expect(u.source_url).toMatch(/^https:\/\/[a-z0-9-]+\.example\//);
  });

  it('includes the AI training-data category, mostly appearing from 2023', async () => {
    const [row] = await db.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE valid_from >= TIMESTAMP '2023-01-01') AS since_2023
       FROM provision_versions WHERE category_id = 'ai_training_data' AND version = 1`
    );
    expect(row!.n as number).toBeGreaterThan(20);
    expect((row!.since_2023 as number) / (row!.n as number)).toBeGreaterThan(0.7);
    const [cat] = await db.query(`SELECT name FROM categories WHERE category_id = 'ai_training_data'`);
    expect(cat!.name).toBe('Training data use of user inputs and outputs');
  });

  it('keeps provisions consistent with their versions (checked in TypeScript)', async () => {
    const provisions = await db.query('SELECT record_id, severity, clause_text, first_tracked, status, removed_at FROM provisions');
    const versions = await db.query('SELECT * FROM provision_versions ORDER BY record_id, version');
    const generatedAt = Date.parse(`${TODAY}T00:00:00Z`);
    const byRecord = new Map<string, typeof versions>();
    for (const v of versions) byRecord.set(v.record_id as string, [...(byRecord.get(v.record_id as string) ?? []), v]);
    const kinds = new Set<string>();
    const levels = new Set<unknown>();
    for (const p of provisions) {
      const vs = byRecord.get(p.record_id as string)!;
      const first = vs[0]!;
      const last = vs.at(-1)!;
      expect(p.first_tracked).toEqual(first.valid_from);
      expect([p.severity, p.clause_text]).toEqual([last.severity, last.clause_text]);
      expect(p.status).toBe(last.valid_to === null ? 'active' : 'removed');
      expect(p.removed_at).toEqual(last.valid_to);
      expect(first.change_kind).toBe('added');
      vs.forEach((v, i) => {
        expect(v.version).toBe(i + 1);
        expect(v.clause_sha256).toBe(createHash('sha256').update(v.clause_text as string, 'utf8').digest('hex'));
        expect((v.valid_from as Date).getTime()).toBeLessThan(generatedAt);
        kinds.add(v.change_kind as string);
        levels.add(v.severity);
        if (i > 0) {
          const prev = vs[i - 1]!;
          // Contiguous, except a gap where the provision was removed and later re-added.
          if (v.change_kind === 'added') expect((prev.valid_to as Date).getTime()).toBeLessThan((v.valid_from as Date).getTime());
          else expect(prev.valid_to).toEqual(v.valid_from);
          if (v.change_kind === 'severity_changed') expect([v.clause_text, v.severity === prev.severity]).toEqual([prev.clause_text, false]);
          if (v.change_kind === 'text_changed') expect(v.clause_text).not.toBe(prev.clause_text);
        }
      });
    }
    expect([...kinds].sort()).toEqual(['added', 'severity_changed', 'text_changed']);
    expect(levels).toEqual(new Set([...SEVERITIES, null]));
    expect(provisions.filter((p) => p.status === 'removed').length).toBeGreaterThan(SIZE * 0.03);
  });

  it('flags snapshots as changed exactly when a version of the document starts or ends since the previous capture', async () => {
    const snapshots = await db.query('SELECT document_id, captured_at, changed, sha256 FROM snapshots ORDER BY document_id, captured_at');
    const events = await db.query(
      `SELECT p.document_id, v.valid_from AS at FROM provision_versions v JOIN provisions p USING (record_id)
       UNION ALL SELECT p.document_id, v.valid_to FROM provision_versions v JOIN provisions p USING (record_id) WHERE v.valid_to IS NOT NULL`
    );
    const byDoc = new Map<string, number[]>();
    for (const e of events) byDoc.set(e.document_id as string, [...(byDoc.get(e.document_id as string) ?? []), (e.at as Date).getTime()]);
    let changed = 0;
    snapshots.forEach((s, i) => {
      const prev = snapshots[i - 1];
      if (!prev || prev.document_id !== s.document_id) {
        expect(s.changed).toBeNull();
        return;
      }
      const [from, to] = [(prev.captured_at as Date).getTime(), (s.captured_at as Date).getTime()];
      expect(to - from).toBe(7 * 86_400_000);
      const expected = (byDoc.get(s.document_id as string) ?? []).some((t) => from < t && t <= to);
      expect(s.changed, `${s.document_id} ${(s.captured_at as Date).toISOString()}`).toBe(expected);
      expect(s.sha256 !== prev.sha256).toBe(expected);
      if (expected) changed++;
    });
    expect(changed).toBeGreaterThan(100);
  });

  it('refuses a bad --today', async () => {
    await expect(generateDemo({ out: join(tempDir(), 'x'), today: '2026-02-30' })).rejects.toThrow('--today must be a date YYYY-MM-DD, got "2026-02-30"');
  });
});

describe('ensureDemo', () => {
  it('generates the export when manifest.json is missing, and leaves it alone afterwards', async () => {
    const dir = join(tempDir(), 'demo');
    expect(await ensureDemo(dir)).toBe('generated');
    const before = files(dir);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).tables.provisions.rows).toBe(13_000);
    expect(await ensureDemo(dir)).toBe('present');
    expect(files(dir)).toEqual(before);
  });

  // At SIZE, not the demo's 13,000 provisions: what is checked is when it generates again, three generations here.
  it('regenerates a demo export without an engine file, or with one checked by other rules', async () => {
    const dir = join(tempDir(), 'demo');
    expect(await ensureDemo(dir, SIZE)).toBe('generated');
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).tables.provisions.rows).toBe(SIZE);
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...manifest, engine: { ...manifest.engine, checks: '0123456789abcdef' } }));
    expect(await ensureDemo(dir, SIZE)).toBe('regenerated');
    expect(JSON.parse(readFileSync(path, 'utf8')).engine.checks).toBe(checksId());
    expect(JSON.parse(readFileSync(path, 'utf8')).precomputed.feed).toBe('changes.atom');
    const { engine: _engine, ...withoutEngine } = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify(withoutEngine));
    expect(await ensureDemo(dir, SIZE)).toBe('regenerated');
    expect(await ensureDemo(dir, SIZE)).toBe('present');
  });

  it('calls a demo export without the search index stale, as one without an engine file', () => {
    const current = { engine: { checks: checksId() }, tables: { clause_terms: {} }, precomputed: { feed: 'changes.atom' } };
    expect(staleReason(current)).toBeNull();
    // A demo from before the feed: regenerated, so `npm start` serves changes.atom too.
    expect(staleReason({ ...current, precomputed: {} })).toBe('it has no changes.atom feed');
    expect(staleReason({ ...current, tables: {} })).toBe('it has no search index (clause_terms)');
    expect(staleReason({ tables: current.tables, precomputed: current.precomputed })).toBe('it has no engine file');
    expect(staleReason({ ...current, engine: { checks: '0123456789abcdef' } })).toBe('its engine file was checked by other rules than these');
  });
});
