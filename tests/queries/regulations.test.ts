/**
 * The regulation and agency pivots: the citation rule in SQL against its plain TypeScript reference (table-driven
 * cases and random spellings), the rule file's checks, and every pivot query on the fixture (with variant spellings
 * edited in), and on two generated demos, today and as of past days — against the reference over the same rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../scripts/generate-demo';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import type { TableName } from '../../src/lib/contract/schema';
import { checkCitationRules, CITATION_RULES } from '../../src/lib/regulations/citation-rules';
import { citationsSql } from '../../src/lib/regulations/citation-sql';
import {
  citedNamesQuery,
  citingProvisionsQuery,
  loadHasCitations,
  regulationCellsQuery,
  remitQuery
} from '../../src/lib/queries/regulations';
import { buildEditedFixture, type EditedFixture, type Rec } from '../helpers/edited-fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import type { Records } from './compare-expected';
import { normaliseAgency, normaliseRegulation, refCells, refCiting, refNames, refRemit } from './regulations-reference';

const sortRows = (rows: Rec[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('the citation rule', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await openNodeDb();
  });
  afterAll(() => db?.close());

  async function normaliseInSql(list: 'regulations' | 'agencies', spellings: string[]): Promise<Map<string, Rec>> {
    await db.exec('DROP TABLE IF EXISTS provisions');
    await db.exec('CREATE TABLE provisions (record_id VARCHAR, regulations VARCHAR[], agencies VARCHAR[])');
    // One provision per spelling, so each spelling's result is read back alone.
    for (const [i, s] of spellings.entries()) {
      await db.query('INSERT INTO provisions VALUES (?, [?], [?])', [`P-${i}`, s, s]);
    }
    const rows = await db.query(citationsSql(list), []);
    return new Map(rows.map((r) => [String(r.record_id), { law: r.law, name: r.name }]));
  }

  const CASES: [string, string, string][] = [
    ['GDPR Art. 6', 'GDPR', 'GDPR Art. 6'],
    ['GDPR Article 6(1)', 'GDPR', 'GDPR Art. 6'],
    ['gdpr art 6', 'GDPR', 'GDPR Art. 6'],
    ['  General Data Protection Regulation,  Art.6 ', 'GDPR', 'GDPR Art. 6'],
    ['GDPR Art. 5(1)(e)', 'GDPR', 'GDPR Art. 5'],
    ['UK GDPR Art. 6', 'UK GDPR', 'UK GDPR Art. 6'],
    ['Regulation (EU) 2016/679 Article 22', 'GDPR', 'GDPR Art. 22'],
    ['CCPA §1798.100', 'CCPA', 'CCPA §1798.100'],
    ['California Consumer Privacy Act section 1798.100(a)', 'CCPA', 'CCPA §1798.100'],
    ['FTC Act §5', 'FTC Act', 'FTC Act §5'],
    ['Federal Trade Commission Act § 5', 'FTC Act', 'FTC Act §5'],
    ['UCC §2-719', 'UCC', 'UCC §2-719'],
    ['CRA 2015 s. 62', 'CRA 2015', 'CRA 2015 s. 62'],
    ['CRA 2015 Sch. 2 para. 11', 'CRA 2015', 'CRA 2015 Sch. 2'],
    ['PECR reg. 6', 'PECR', 'PECR reg. 6'],
    ['Unfair Contract Terms Directive 93/13/EEC Annex 1(b)', 'Unfair Contract Terms Directive 93/13/EEC', 'Unfair Contract Terms Directive 93/13/EEC Annex 1'],
    ['EU AI Act Art. 53', 'EU AI Act', 'EU AI Act Art. 53'],
    ['AI Act, art. 6A', 'EU AI Act', 'EU AI Act Art. 6a'],
    // Kept as written: no unit and number, a reference before the law, or nothing before the unit.
    ['BIPA 740 ILCS 14/15', 'BIPA 740 ILCS 14/15', 'BIPA 740 ILCS 14/15'],
    ['UK Age Appropriate Design Code', 'UK Age Appropriate Design Code', 'UK Age Appropriate Design Code'],
    ['Art. 6 GDPR', 'Art. 6 GDPR', 'Art. 6 GDPR'],
    [', Art. 6', ', Art. 6', ', Art. 6'],
    ['Digital Services Act', 'DSA', 'DSA'],
    ['GDPR:', 'GDPR', 'GDPR'],
    ['GDPR Articles', 'GDPR Articles', 'GDPR Articles']
  ];

  it('normalises the documented cases in SQL as the reference does', async () => {
    const sql = await normaliseInSql('regulations', CASES.map(([w]) => w));
    for (const [i, [written, law, name]] of CASES.entries()) {
      expect(normaliseRegulation(written), written).toEqual({ law, name });
      expect(sql.get(`P-${i}`), written).toEqual({ law, name });
    }
  });

  it('agrees with the reference on 600 random spellings', async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const recase = (s: string) => [...s].map((c) => (rand() < 0.3 ? c.toUpperCase() : rand() < 0.3 ? c.toLowerCase() : c)).join('');
    const laws = [...CITATION_RULES.regulations.flatMap((r) => [r.name, ...r.aliases]), 'Some Statute 1999', 'U.S.C.', 'X', 'Tex. Bus. & Com. Code'];
    const units = [...CITATION_RULES.units.flatMap((u) => u.spellings), 'para', 'chapter', ''];
    const spellings = Array.from({ length: 600 }, () => {
      const law = rand() < 0.5 ? recase(pick(laws)) : pick(laws);
      const n = pick(['6', '1798.100', '2-719', '6a', '12B', '', '5.', '1-', '044']);
      const tail = pick(['', '(1)', '(1)(e)', ' para. 3', ' et seq.', ' GDPR']);
      return `${pick(['', ' ', '\t'])}${law}${pick([' ', '  ', ', ', '; ', ',', ': ', ''])}${recase(pick(units))}${pick(['', '.'])}${pick(['', ' ', '  '])}${n}${tail}${pick(['', ' ', '\n'])}`;
    });
    const sql = await normaliseInSql('regulations', spellings);
    for (const [i, s] of spellings.entries()) expect(sql.get(`P-${i}`) ?? null, JSON.stringify(s)).toEqual(normaliseRegulation(s));
    // The random spellings do exercise both outcomes.
    const named = spellings.map(normaliseRegulation).filter((n) => n && n.name !== n.law).length;
    expect(named).toBeGreaterThan(100);
    expect(named).toBeLessThan(500);
  });

  it('maps agency aliases case-insensitively and keeps others as written', async () => {
    const spellings = ['FTC', 'federal trade commission', '  Federal  Trade Commission ', 'Information Commissioner’s Office', 'Arcom', 'arcom', ''];
    const sql = await normaliseInSql('agencies', spellings);
    for (const [i, s] of spellings.entries()) expect(sql.get(`P-${i}`) ?? null, s).toEqual(normaliseAgency(s));
    expect(sql.get('P-2')).toEqual({ law: 'FTC', name: 'FTC' });
    expect(sql.get('P-5')).toEqual({ law: 'arcom', name: 'arcom' });
    expect(sql.has('P-6')).toBe(false);
  });

  it('refuses rule data with a clear message naming the entry', () => {
    const base = { units: [{ name: 'Art.', spellings: ['art'], format: 'Art. {n}' }], regulations: [], agencies: [] };
    expect(() => checkCitationRules({ ...base, regulations: [{ name: 'GDPR', aliases: ['gdpr'] }] })).toThrow(
      'data/regulations/aliases.json: regulations[0] spells "gdpr", already a spelling of "GDPR"'
    );
    expect(() => checkCitationRules({ ...base, agencies: [{ name: 'FTC', aliases: ['F.T.C.*'] }] })).toThrow(
      'agencies[0].aliases[0] "F.T.C.*" holds a character the rule does not allow'
    );
    expect(() => checkCitationRules({ ...base, units: [{ name: 'Art.', spellings: ['Art'], format: 'Art. {n}' }] })).toThrow(
      'units[0].spellings[0] should be a lower-case word or "§", got "Art"'
    );
    expect(() => checkCitationRules({ ...base, units: [{ name: 'Art.', spellings: ['art'], format: 'Art.' }] })).toThrow('units[0].format should be plain text holding "{n}" once');
    expect(() => checkCitationRules({ ...base, extra: 1 })).toThrow('the file has unknown field(s) extra');
    expect(() => checkCitationRules({ ...base, regulations: [{ name: ' GDPR', aliases: [] }] })).toThrow('regulations[0].name " GDPR" should have no leading');
  });
});

/** An export's tables read back as plain records (timestamps as ISO strings, as the fixture's files hold them). */
async function recordsOf(e: LoadedExport): Promise<Records> {
  const tables = new Map<TableName, Rec[]>();
  for (const t of e.tables) {
    const rows = await e.db.query(`SELECT * FROM ${t}`, []);
    tables.set(t, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))));
  }
  return (t) => tables.get(t) ?? [];
}

interface Subject {
  name: string;
  days: (string | null)[];
  open(): Promise<{ e: LoadedExport; rows: Records }>;
}

const work: string[] = [];
const edited: EditedFixture[] = [];
afterAll(async () => {
  for (const e of edited) await e.remove();
  for (const dir of work) await rm(dir, { recursive: true, force: true });
});

// The fixture with variant spellings: every other "GDPR Art. 6" written another way, and agencies spelled out.
const VARIANTS = ['GDPR Article 6(1)', 'gdpr art 6', 'General Data Protection Regulation Art.6'];
async function variantFixture() {
  let n = 0;
  const fixture = await buildEditedFixture({
    provisions: (records) =>
      records.map((r) => ({
        ...r,
        regulations: (r.regulations as string[] | null)?.map((g) => (g === 'GDPR Art. 6' && n++ % 2 === 1 ? VARIANTS[n % 3]! : g)) ?? null,
        agencies: (r.agencies as string[] | null)?.map((a, i) => (a === 'FTC' && i === 0 && n++ % 3 === 0 ? 'Federal Trade Commission' : a)) ?? null
      }))
  });
  edited.push(fixture);
  return fixture;
}

async function demo(seed: number) {
  const dir = await mkdtemp(join(tmpdir(), 'termscope-regulations-'));
  work.push(dir);
  await generateDemo({ out: join(dir, 'demo'), today: '2026-11-29', provisions: 900, seed });
  return join(dir, 'demo');
}

const SUBJECTS: Subject[] = [
  {
    name: 'the fixture with variant spellings',
    days: [null, '2020-01-01', '2022-06-30', '2024-02-29'],
    async open() {
      const f = await variantFixture();
      return { e: await loadExport(f.dir), rows: f.rows };
    }
  },
  ...[3, 11].map((seed) => ({
    name: `a generated demo (seed ${seed})`,
    days: [null, '2021-06-30', '2025-01-01'],
    async open() {
      const e = await loadExport(await demo(seed));
      return { e, rows: await recordsOf(e) };
    }
  }))
];

describe.each(SUBJECTS)('the pivots on $name', (subject) => {
  let e: LoadedExport;
  let rows: Records;
  beforeAll(async () => {
    ({ e, rows } = await subject.open());
  }, 120_000);
  afterAll(() => e?.db.close());
  const run = (q: { sql: string; params: readonly unknown[] }) => e.db.query(q.sql, q.params as never);

  it.each(subject.days)('regulation × platform and × category cells as of %s', async (day) => {
    for (const by of ['platform', 'category'] as const) {
      const cells = await run(regulationCellsQuery({ asOf: day, by }));
      expect(sortRows(cells)).toEqual(sortRows(refCells(rows, day, by)));
      if (day === null) expect(cells.length).toBeGreaterThan(5);
    }
  });

  it.each(subject.days)('the regulations and the agencies cited, as of %s', async (day) => {
    for (const list of ['regulations', 'agencies'] as const) {
      expect(sortRows(await run(citedNamesQuery({ asOf: day, list })))).toEqual(sortRows(refNames(rows, day, list)));
    }
  });

  it.each(subject.days)('what cites a regulation, a law, an agency, and one cell, as of %s', async (day) => {
    const names = refNames(rows, null, 'regulations');
    const top = names.sort((a, b) => Number(b.provisions) - Number(a.provisions))[0]!;
    const agency = refNames(rows, null, 'agencies').sort((a, b) => Number(b.provisions) - Number(a.provisions))[0]!;
    const pick = (r: Rec) => ({ record_id: r.record_id, severity: r.severity, platform_id: r.platform_id, category_id: r.category_id, cited: r.cited });
    for (const [list, name] of [['regulations', top.name], ['regulations', top.law], ['agencies', agency.name]] as const) {
      const got = (await run(citingProvisionsQuery({ asOf: day, list, name: String(name) }))).map(pick);
      expect(sortRows(got)).toEqual(sortRows(refCiting(rows, day, list, String(name))));
      expect(sortRows(await run(remitQuery({ asOf: day, list, name: String(name) })).then((r) => r.map(({ platform_name: _p, category_name: _c, ...rest }) => rest)))).toEqual(
        sortRows(refRemit(rows, day, list, String(name)))
      );
    }
    const cell = refCells(rows, day, 'platform')[0];
    if (cell) {
      const got = (await run(citingProvisionsQuery({ asOf: day, list: 'regulations', name: String(cell.name), column: { by: 'platform', id: String(cell.column_id) } }))).map(pick);
      expect(got.length).toBe(cell.provisions);
      expect(sortRows(got)).toEqual(sortRows(refCiting(rows, day, 'regulations', String(cell.name), { by: 'platform', id: String(cell.column_id) })));
    }
  });

  it('lists citing provisions worst first, and says the export has citations', async () => {
    const top = refNames(rows, null, 'regulations').sort((a, b) => Number(b.provisions) - Number(a.provisions))[0]!;
    const got = await run(citingProvisionsQuery({ asOf: null, list: 'regulations', name: String(top.name) }));
    const order = (s: unknown) => (s === null ? 5 : ['critical', 'high', 'medium', 'low', 'info'].indexOf(String(s)));
    for (let i = 1; i < got.length; i++) expect(order(got[i - 1]!.severity)).toBeLessThanOrEqual(order(got[i]!.severity));
    expect(await loadHasCitations(nodeDbAdapter(e.db), 'regulations')).toBe(true);
  });
});

describe('the fixture with variant spellings', () => {
  it('groups the variants under one name, counting each provision once', async () => {
    const f = await variantFixture();
    const e = await loadExport(f.dir);
    try {
      const written = f.rows('provisions').flatMap((p) => (p.status === 'active' ? ((p.regulations as string[] | null) ?? []) : []));
      expect(VARIANTS.filter((v) => written.includes(v)).length).toBeGreaterThanOrEqual(2);
      const names = await e.db.query(citedNamesQuery({ asOf: null, list: 'regulations' }).sql, []);
      const gdpr6 = names.find((n) => n.name === 'GDPR Art. 6')!;
      const active = f.rows('provisions').filter((p) => p.status === 'active');
      const citing = active.filter((p) => ((p.regulations as string[] | null) ?? []).some((g) => g === 'GDPR Art. 6' || VARIANTS.includes(g)));
      expect(gdpr6.provisions).toBe(citing.length);
      expect(names.some((n) => String(n.name).toLowerCase().includes('article') || String(n.name).startsWith('gdpr'))).toBe(false);
    } finally {
      e.db.close();
    }
  });
});

describe('an export without regulations', () => {
  it('has no citations to show', async () => {
    const f = await buildEditedFixture({ provisions: (records) => records.map((r) => ({ ...r, regulations: null, agencies: [] })) });
    edited.push(f);
    const e = await loadExport(f.dir);
    try {
      const db = nodeDbAdapter(e.db);
      expect(await loadHasCitations(db, 'regulations')).toBe(false);
      expect(await loadHasCitations(db, 'agencies')).toBe(false);
      expect(await e.db.query(regulationCellsQuery({ asOf: null, by: 'platform' }).sql, [])).toEqual([]);
    } finally {
      e.db.close();
    }
  });
});
