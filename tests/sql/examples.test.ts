/**
 * The SQL console's examples are written for the loaded export: its profile (`loadExportProfile`) is checked against
 * a count by hand over the records, every example offered runs and returns rows — on the fixture, a generated demo,
 * and ToS;DR- and OTA-shaped exports — examples about what an export lacks are not offered, and values from the
 * export are written as SQL string literals (quotes doubled), never spliced raw.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/generate-demo';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { loadExportProfile } from '../../src/lib/queries/export-profile';
import { examplesFor, GENERIC_EXAMPLES, sqlString, type ExportProfile } from '../../src/lib/sql/examples';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { readingExports, unratedRecords, wideRecords, type ReadingInputs } from '../helpers/reading-exports';

type Rec = Record<string, unknown>;

const exports: Record<string, LoadedExport> = {};
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'termscope-examples-'));
  await generateDemo({ out: join(work, 'demo'), today: '2026-11-29', provisions: 1500 });
  const dirs = await readingExports();
  exports.fixture = await loadFixture();
  exports.demo = await loadExport(join(work, 'demo'));
  exports.wide = await loadExport(dirs.wide);
  exports.unrated = await loadExport(dirs.unrated);
}, 120_000);

afterAll(async () => {
  for (const e of Object.values(exports)) e.db.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const NAMES = ['fixture', 'demo', 'wide', 'unrated'] as const;

async function profileOf(name: string): Promise<ExportProfile> {
  const e = exports[name]!;
  return loadExportProfile(nodeDbAdapter(e.db), e.tables);
}

/** The profile counted by hand over an export's records (the fixture's and the reading exports'). */
function expectedProfile(r: ReadingInputs, snapshots: number): ExportProfile {
  const active = r.provisions.filter((p) => p.status === 'active');
  const busiest = (key: 'platform_id' | 'category_id', table: Rec[]) => {
    const counts = new Map<string, number>();
    for (const p of active) counts.set(String(p[key]), (counts.get(String(p[key])) ?? 0) + 1);
    const [id] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    return id === undefined ? null : { id, name: String(table.find((t) => t[key] === id)!.name) };
  };
  const citations = new Map<string, number>();
  for (const p of active) {
    if (p.severity !== 'critical' && p.severity !== 'high') continue;
    if (((p.user_actions as string[] | null) ?? []).some((a) => /opt.*out/i.test(a))) continue;
    for (const reg of (p.regulations as string[] | null) ?? []) {
      const key = `${String(p.category_id)}\u0000${reg}`;
      citations.set(key, (citations.get(key) ?? 0) + 1);
    }
  }
  const top = [...citations].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const [category, regulation] = top ? top[0].split('\u0000') : [];
  return {
    active: active.length,
    rated: active.filter((p) => p.severity !== null && p.severity !== undefined).length,
    topPlatform: busiest('platform_id', r.platforms),
    topCategory: busiest('category_id', r.categories),
    regulations: new Set(active.flatMap((p) => (p.regulations as string[] | null) ?? [])).size,
    severeCitation: category
      ? { category: { id: category, name: String(r.categories.find((c) => c.category_id === category)!.name) }, regulation: regulation! }
      : null,
    datedVersions: r.versions.filter((v) => v.valid_from !== null && v.valid_from !== undefined).length,
    snapshots,
    documents: r.documents.length,
    sourceRatings: r.provisions.filter((p) => (p.source_rating ?? null) !== null).length,
    ruleFound: r.provisions.filter((p) => p.classified_by === 'rule').length,
    unnamedDocuments: r.provisions.filter((p) => (p.document_id ?? null) === null).length
  };
}

const fixtureInputs = (): ReadingInputs => ({
  platforms: fixtureRows('platforms'),
  documents: fixtureRows('documents'),
  categories: fixtureRows('categories'),
  provisions: fixtureRows('provisions'),
  versions: fixtureRows('provision_versions')
});

describe('loadExportProfile', () => {
  it('counts the fixture as a reader would', async () => {
    const expected = expectedProfile(fixtureInputs(), fixtureRows('snapshots').length);
    expect(await profileOf('fixture')).toEqual(expected);
    expect(expected.severeCitation).not.toBeNull();
  });

  it('counts the ToS;DR-shaped export (no history, no captures, source ratings, unnamed documents)', async () => {
    expect(await profileOf('wide')).toEqual(expectedProfile(wideRecords(), 0));
  });

  it('counts the OTA-shaped export (nothing rated, every provision found by a rule)', async () => {
    const profile = await profileOf('unrated');
    expect(profile).toEqual(expectedProfile(unratedRecords(), fixtureRows('snapshots').length));
    expect(profile).toMatchObject({ rated: 0, severeCitation: null, ruleFound: fixtureRows('provisions').length });
  });
});

describe('the examples of each export', () => {
  it.each(NAMES)('%s: every example offered runs and returns rows', async (name) => {
    const examples = examplesFor(await profileOf(name));
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
    for (const example of examples) {
      const rows = await exports[name]!.db.query(example.sql);
      expect(rows.length, `${name}: "${example.name}" returned no rows`).toBeGreaterThan(0);
    }
  });

  it('offers examples only about what the export holds', async () => {
    const names = async (e: string) => examplesFor(await profileOf(e)).map((x) => x.name);
    const unrated = await names('unrated');
    expect(unrated).toContain('Provisions found by each text rule');
    expect(unrated).not.toContain('Categories most often rated critical or high');
    expect(unrated.some((n) => n.startsWith('Critical or high'))).toBe(false);
    const wide = await names('wide');
    expect(wide).toContain('Provisions whose source names no document');
    expect(wide).toContain('The source’s own ratings beside severity and polarity');
    expect(wide).not.toContain('Changes per month (from provision history)');
    expect(wide).not.toContain('Captures per document, latest first');
    const demo = await names('demo');
    expect(demo).toContain('Changes per month (from provision history)');
    expect(demo).not.toContain('Provisions found by each text rule');
  });

  it('names the export’s own busiest platform and category, by their ids', async () => {
    const profile = await profileOf('wide');
    const examples = examplesFor(profile);
    const platform = examples.find((e) => e.name === `Every provision of ${profile.topPlatform!.name}`)!;
    expect(platform.sql).toContain(`WHERE v.platform_id = '${profile.topPlatform!.id}'`);
    const rows = await exports.wide!.db.query(platform.sql);
    expect(rows).toHaveLength(wideRecords().provisions.filter((p) => p.platform_id === profile.topPlatform!.id).length);
  });

  it('the critical-or-high citation example finds exactly the provisions a reader would', async () => {
    const profile = await profileOf('fixture');
    const { category, regulation } = profile.severeCitation!;
    const expected = fixtureRows('provisions')
      .filter(
        (p) =>
          p.status === 'active' &&
          p.category_id === category.id &&
          (p.severity === 'critical' || p.severity === 'high') &&
          ((p.regulations as string[] | null) ?? []).includes(regulation) &&
          !((p.user_actions as string[] | null) ?? []).some((a) => /opt.*out/i.test(a))
      )
      .map((p) => p.record_id)
      .sort();
    const example = examplesFor(profile).find((e) => e.name.startsWith('Critical or high'))!;
    const rows = await exports.fixture!.db.query(example.sql);
    expect(rows.map((r) => r.record_id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('the generic examples run on every export', async () => {
    for (const name of NAMES) {
      for (const example of GENERIC_EXAMPLES) {
        expect((await exports[name]!.db.query(example.sql)).length, `${name}: ${example.name}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('values from the export in example SQL', () => {
  it('sqlString doubles quotes, and DuckDB reads the literal back as the value', async () => {
    expect(sqlString("it's")).toBe("'it''s'");
    const db: NodeDb = exports.fixture!.db;
    for (const value of ["o'brien", "'; DROP TABLE provisions; --", 'back\\slash', 'line\nbreak', 'Ärger — 仲裁 🤝', "''", '$$x$$']) {
      const [row] = await db.query(`SELECT ${sqlString(value)} AS v`);
      expect(row!.v).toBe(value);
    }
    expect(() => sqlString('a\u0000b')).toThrow('NUL');
  });

  it('an id with quotes selects exactly its platform and leaves the tables alone', async () => {
    const own = await loadFixture();
    try {
      const id = "o'brien'); DROP TABLE provisions; --";
      await own.db.exec(`UPDATE provisions SET platform_id = ${sqlString(id)} WHERE platform_id = 'pinwheel'`);
      await own.db.exec(`UPDATE platforms SET platform_id = ${sqlString(id)} WHERE platform_id = 'pinwheel'`);
      const profile = { ...(await loadExportProfile(nodeDbAdapter(own.db), own.tables)), topPlatform: { id, name: 'Pinwheel' } };
      const example = examplesFor(profile).find((e) => e.name === 'Every provision of Pinwheel')!;
      const rows = await own.db.query(example.sql);
      expect(rows.map((r) => r.record_id).sort()).toEqual(
        fixtureRows('provisions').filter((p) => p.platform_id === 'pinwheel').map((p) => p.record_id).sort()
      );
      const [{ n }] = (await own.db.query('SELECT count(*) AS n FROM provisions')) as [{ n: number }];
      expect(n).toBe(fixtureRows('provisions').length);
    } finally {
      own.db.close();
    }
  });
});
