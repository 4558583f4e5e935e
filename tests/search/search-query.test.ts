/**
 * Search SQL (`src/lib/queries/search.ts`) on @duckdb/node-api against plain TypeScript (bm25-reference.ts): the
 * same provisions in the same order with the same BM25 scores (within 1e-9), on the fixture and on a random demo
 * export, for words, phrases, prefixes and filters; the facet counts; and the substring fallback for exports
 * without the index.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/generate-demo';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { loadExport, openEngineFile } from '../../scripts/lib/export-io';
import { Rng } from '../../scripts/lib/demo/random';
import type { Query } from '../../src/lib/db/types';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import {
  searchFacetsQuery,
  searchResultsQuery,
  searchStatsQuery,
  type SearchMode,
  type SearchSpec,
  type SearchStats
} from '../../src/lib/queries/search';
import { NO_FILTER, type VersionFilter } from '../../src/lib/queries/version-filters';
import { parseQuery, type SearchUnit } from '../../src/lib/search/parse-query';
import { tokenize } from '../../src/lib/search/tokenize';
import { loadFixture } from '../helpers/fixture';
import { tempDirs } from '../scripts/temp';
import { referenceSearch, referenceSubstring, type ReferenceHit, type ReferenceProvision } from './bm25-reference';

const run = (db: NodeDb, q: Query) => db.query(q.sql, q.params);
const tempDir = tempDirs('search');

function spec(query: string, filter: VersionFilter = NO_FILTER, from: string | null = null, to: string | null = null): SearchSpec {
  return { units: parseQuery(query).units, filter, from, to };
}

async function stats(db: NodeDb): Promise<SearchStats> {
  const [row] = await run(db, searchStatsQuery());
  return { documents: Number(row!.documents), tokens: Number(row!.tokens) };
}

async function provisions(db: NodeDb): Promise<ReferenceProvision[]> {
  return (await db.query(
    'SELECT record_id, platform_id, category_id, severity, title, clause_text, CAST(first_tracked AS VARCHAR) AS first_tracked FROM provisions'
  )) as unknown as ReferenceProvision[];
}

/** The SQL's ranked list (every result: no page) next to the reference's. */
async function compare(db: NodeDb, rows: readonly ReferenceProvision[], s: SearchSpec, keep?: (r: ReferenceProvision) => boolean): Promise<ReferenceHit[]> {
  const mode: SearchMode = { kind: 'bm25', stats: await stats(db) };
  const got = await run(db, searchResultsQuery(s, mode));
  const expected = referenceSearch(rows, s.units, keep);
  expect(got.map((r) => r.record_id)).toEqual(expected.map((r) => r.record_id));
  got.forEach((r, i) => {
    expect(Math.abs(Number(r.score) - expected[i]!.score)).toBeLessThan(1e-9);
    expect(r.rank).toBe(i + 1);
    expect(r.total).toBe(expected.length);
  });
  return expected;
}

describe('search on the fixture', () => {
  let db: NodeDb;
  let rows: ReferenceProvision[];
  beforeAll(async () => {
    db = (await loadFixture()).db;
    rows = await provisions(db);
  });
  afterAll(() => db?.close());

  it('has statistics that are the provisions and their indexed words', async () => {
    const words = rows.reduce((sum, r) => sum + tokenizeCount(r), 0);
    expect(await stats(db)).toEqual({ documents: 40, tokens: words });
  });

  it.each([
    ['train'],
    ['training models'],
    ['data'],
    ['"opt out"'],
    ['opt-out'],
    ['"used to train"'],
    ['priv*'],
    ['arbitr* dispute'],
    ['content "generated outputs"'],
    ['voice affiliates train']
  ])('ranks %s as the reference does', async (query) => {
    const hits = await compare(db, rows, spec(query));
    expect(hits.length).toBeGreaterThan(0);
  });

  it('ranks the clauses about training models first for "model training"', async () => {
    const hits = await compare(db, rows, spec('model training'));
    expect(hits.map((h) => h.record_id)).toEqual(['FX-P-011', 'FX-P-012', 'FX-P-025', 'FX-P-001']);
  });

  it('matches a phrase only where its words stand together', async () => {
    const phrase = await compare(db, rows, spec('"opt out"'));
    const words = await compare(db, rows, spec('opt out'));
    expect(phrase.length).toBeLessThan(words.length + 1);
    for (const hit of phrase) {
      const row = rows.find((r) => r.record_id === hit.record_id)!;
      // "Opting out" too: the phrase's words are stemmed like any other.
      expect(`${row.title} ${row.clause_text}`.toLowerCase()).toMatch(/opt(s|ed|ing)?[^a-z0-9]+out/);
    }
  });

  it('filters by category, platform, sector, severity and first-tracked day, without changing the scores', async () => {
    const all = referenceSearch(rows, spec('data').units);
    const category = rows.find((r) => r.record_id === all[0]!.record_id)!.category_id;
    await compare(db, rows, spec('data', { ...NO_FILTER, categories: [category] }), (r) => r.category_id === category);
    await compare(db, rows, spec('data', { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, platforms: ['verbalyn', 'quillora'] } }), (r) =>
      ['verbalyn', 'quillora'].includes(r.platform_id)
    );
    await compare(db, rows, spec('data', { ...NO_FILTER, severities: ['critical', 'unrated'] }), (r) => r.severity === 'critical' || r.severity === null);
    const sectors = await db.query("SELECT platform_id FROM platforms WHERE sector = 'Generative AI'");
    const ids = sectors.map((s) => s.platform_id);
    expect(ids.length).toBeGreaterThan(0);
    await compare(db, rows, spec('data', { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, sectors: ['Generative AI'] } }), (r) => ids.includes(r.platform_id));
    // Both ends inclusive: provisions first tracked at 00:00 UTC on 2020-05-05 and on 2021-08-08 are in.
    const inRange = (r: ReferenceProvision) => r.first_tracked !== null && String(r.first_tracked).slice(0, 10) >= '2020-05-05' && String(r.first_tracked).slice(0, 10) <= '2021-08-08';
    const ranged = await compare(db, rows, spec('data', NO_FILTER, '2020-05-05', '2021-08-08'), inRange);
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.length).toBeLessThan(all.length);
    // The score of a provision does not depend on the filter.
    for (const hit of ranged) expect(hit.score).toBe(all.find((h) => h.record_id === hit.record_id)!.score);
  });

  it('pages through the same order', async () => {
    const mode: SearchMode = { kind: 'bm25', stats: await stats(db) };
    const every = await run(db, searchResultsQuery(spec('data'), mode));
    const pages = [
      ...(await run(db, searchResultsQuery(spec('data'), mode, { limit: 3, offset: 0 }))),
      ...(await run(db, searchResultsQuery(spec('data'), mode, { limit: 3, offset: 3 })))
    ];
    expect(pages).toEqual(every.slice(0, 6));
  });

  it('counts matches per platform and per category', async () => {
    const mode: SearchMode = { kind: 'bm25', stats: await stats(db) };
    const hits = referenceSearch(rows, spec('data').units);
    const facets = await run(db, searchFacetsQuery(spec('data'), mode));
    for (const facet of ['platform', 'category'] as const) {
      const column = facet === 'platform' ? 'platform_id' : 'category_id';
      const expected = new Map<string, number>();
      for (const h of hits) {
        const id = rows.find((r) => r.record_id === h.record_id)![column];
        expected.set(id, (expected.get(id) ?? 0) + 1);
      }
      const got = facets.filter((f) => f.facet === facet);
      expect(new Map(got.map((f) => [String(f.id), Number(f.n)]))).toEqual(expected);
      expect(got.map((f) => Number(f.n))).toEqual([...got.map((f) => Number(f.n))].sort((a, b) => b - a));
    }
  });

  it('falls back to substrings of the words as typed when there is no index, listed by record id', async () => {
    for (const query of ['training', 'opt-out', '"opt out" data', 'priv*']) {
      const s = spec(query);
      const got = await run(db, searchResultsQuery(s, { kind: 'substring' }));
      expect(got.map((r) => r.record_id)).toEqual(referenceSubstring(rows, s.units));
      expect(got.every((r) => r.score === null)).toBe(true);
    }
    const filtered = spec('data', { ...NO_FILTER, severities: ['critical'] });
    const got = await run(db, searchResultsQuery(filtered, { kind: 'substring' }));
    expect(got.map((r) => r.record_id)).toEqual(referenceSubstring(rows, filtered.units, (r) => r.severity === 'critical'));
  });

  it('binds what the analyst typed: quotes and SQL in a query are only words', async () => {
    const s = spec(`o'brien"; DROP TABLE provisions; --`);
    await compare(db, rows, s);
    expect(await run(db, { sql: 'SELECT count(*) AS n FROM provisions', params: [] })).toEqual([{ n: 40 }]);
  });
});

function tokenizeCount(r: ReferenceProvision): number {
  return tokenize(r.title ?? '').filter((t) => !t.stop).length + tokenize(r.clause_text ?? '').filter((t) => !t.stop).length;
}

describe('search on a random demo export', () => {
  let db: NodeDb;
  let rows: ReferenceProvision[];
  let engine: NodeDb;
  beforeAll(async () => {
    const out = join(tempDir(), 'demo');
    await generateDemo({ out, today: '2025-06-30', provisions: 600, seed: 11 });
    db = (await loadExport(out)).db;
    engine = (await openEngineFile(out)).db;
    rows = await provisions(db);
  }, 120_000);
  afterAll(() => {
    db?.close();
    engine?.close();
  });

  it('ranks random words, pairs, phrases and prefixes taken from its clauses as the reference does, on both paths', async () => {
    const rng = new Rng(2026);
    const queries: string[] = [];
    while (queries.length < 24) {
      const row = rows[Math.floor(rng.next() * rows.length)]!;
      const words = tokenize(row.clause_text ?? '').filter((t) => !t.stop);
      if (words.length < 4) continue;
      const at = Math.floor(rng.next() * (words.length - 3));
      const w = words[at]!.word;
      const kind = queries.length % 4;
      if (kind === 0) queries.push(w);
      else if (kind === 1) queries.push(`${w} ${words[at + 2]!.word}`);
      else if (kind === 2) queries.push(`"${(row.clause_text ?? '').slice(words[at]!.start, words[at + 2]!.end)}"`);
      else queries.push(`${w.slice(0, Math.max(2, Math.min(4, w.length - 1)))}*`);
    }
    for (const query of queries) {
      const s = spec(query);
      const hits = await compare(db, rows, s);
      expect(hits.length, query).toBeGreaterThan(0);
      const mode: SearchMode = { kind: 'bm25', stats: await stats(engine) };
      const fromEngine = await run(engine, searchResultsQuery(s, mode));
      expect(fromEngine.map((r) => [r.record_id, r.score])).toEqual((await run(db, searchResultsQuery(s, mode))).map((r) => [r.record_id, r.score]));
    }
  }, 120_000);
});

export type { SearchUnit };
