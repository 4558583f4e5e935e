/**
 * What real archives look like and demo data does not: junk names (" Kestrelgram", "!Bazaarly", "[SPAM TO BE
 * DELETED] Tradewick", "???"), many platforms without a single provision, no sector at all. Over a variant of the
 * fixture built that way: every list of platforms sorts by the name from its first letter or digit on (the SQL
 * orders and the in-page sorts, against the rule written again here), and the views fold the empty platforms and
 * drop a sector chart with nothing to say (the rules of `foldsAbsent`, `foldsEmptyRows`, `sectorAxisNote`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import type { TableColumn } from '../../src/lib/components/table/columns';
import { sortRows } from '../../src/lib/components/table/sort';
import { coverage, foldsAbsent, sectorAxisNote } from '../../src/lib/compare/summary';
import { compareNames, sortName } from '../../src/lib/format/sort-name';
import { foldsEmptyRows, matrixRows } from '../../src/lib/matrix/arrange';
import { compareQuery, loadCompare, platformOptionsQuery } from '../../src/lib/queries/compare';
import { loadMatrix, matrixPlatformsQuery } from '../../src/lib/queries/matrix';
import { platformsQuery } from '../../src/lib/queries/platform';
import { stripPlatformsQuery } from '../../src/lib/queries/strips';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { buildEditedFixture, type EditedFixture, type Rec } from '../helpers/edited-fixture';
import { loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY } from './compare-expected';

const RENAMED: Record<string, string> = {
  kestrelgram: ' Kestrelgram',
  bazaarly: '!Bazaarly',
  tradewick: '[SPAM TO BE DELETED] Tradewick',
  murmurly: '“Murmurly”'
};
/** Platforms with nothing: no document, no provision (12 of them, so they outnumber the 8 of the fixture). */
const EMPTY: Rec[] = [
  ...Array.from({ length: 10 }, (_, i) => ({ platform_id: `empty-${i}`, name: `Zz Empty ${i}`, sector: null, jurisdiction: null, website: null })),
  { platform_id: 'elan', name: 'Élan Vital', sector: null, jurisdiction: null, website: null },
  { platform_id: 'qqq', name: '???', sector: null, jurisdiction: null, website: null }
];

/** The rule written again: the name from its first letter or digit, accents off, lower case; none = null (last). */
function refKey(name: string): string | null {
  const rest = name.replace(/^[^\p{L}\p{N}]+/u, '');
  return rest === '' ? null : rest.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
function refCompare(a: { name: string; id: string }, b: { name: string; id: string }): number {
  const [x, y] = [refKey(a.name), refKey(b.name)];
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

let edited: EditedFixture;
let loaded: LoadedExport;
const platformsOf = () => edited.rows('platforms').map((p) => ({ id: String(p.platform_id), name: String(p.name) }));
beforeAll(async () => {
  edited = await buildEditedFixture({
    platforms: (records) => [
      ...records.map((p) => ({ ...p, sector: null, name: RENAMED[p.platform_id as string] ?? p.name })),
      ...EMPTY
    ]
  });
  loaded = await loadExport(edited.dir);
}, 60_000);
afterAll(async () => {
  loaded?.db.close();
  await edited?.remove();
});
const run = (q: { sql: string; params: readonly unknown[] }) => loaded.db.query(q.sql, q.params as never);

describe('sortName and compareNames', () => {
  it('skip what comes before the first letter or digit', () => {
    expect(sortName(' Foo')).toBe('Foo');
    expect(sortName('!Bar')).toBe('Bar');
    expect(sortName('[SPAM TO BE DELETED] Baz')).toBe('SPAM TO BE DELETED] Baz');
    expect(sortName('“Quoted”')).toBe('Quoted”');
    expect(sortName('3M')).toBe('3M');
    expect(sortName('???')).toBe('');
  });

  it('order by the locale collation of that, names without a letter or digit last', () => {
    const names = ['???', ' Foo', 'zeta', '!Bar', 'Élan', 'alpha', '[x] Baz', 'Item 10', 'Item 9', ''];
    expect(names.slice().sort(compareNames)).toEqual(['alpha', '!Bar', 'Élan', ' Foo', 'Item 9', 'Item 10', '[x] Baz', 'zeta', '', '???']);
  });

  it('are what the shared table sorts text by (compare, matrix, platform pages)', () => {
    type R = { id: string; name: string };
    const rows: R[] = platformsOf();
    const columns: TableColumn<R>[] = [{ key: 'name', label: 'Name', kind: 'text', value: (r) => r.name }];
    const asc = sortRows(rows, columns, { column: 'name', direction: 'asc' }).map((r) => r.name);
    expect(asc.slice(0, 4)).toEqual(['!Bazaarly', 'Chattersmith', 'Élan Vital', ' Kestrelgram']);
    expect(asc.at(-1)).toBe('???'); // nothing to sort by: with the unknowns, last both ways
    expect(sortRows(rows, columns, { column: 'name', direction: 'desc' }).map((r) => r.name).at(-1)).toBe('???');
  });
});

describe('lists ordered by the engine', () => {
  it('the platform filter’s choices and the platform list', async () => {
    const expected = platformsOf().sort(refCompare).map((p) => p.id);
    expect((await run(platformOptionsQuery())).map((r) => r.platform_id)).toEqual(expected);
    expect((await run(platformsQuery())).map((r) => r.platform_id)).toEqual(expected);
    expect(expected.slice(0, 3)).toEqual(['bazaarly', 'chattersmith', 'elan']);
    expect(expected.at(-1)).toBe('qqq');
  });

  it('the matrix’s rows', async () => {
    expect((await run(matrixPlatformsQuery({ platforms: ANY }))).map((r) => r.platform_id)).toEqual(platformsOf().sort(refCompare).map((p) => p.id));
  });

  it('compare: worst first, then by name as above', async () => {
    const rows = await loadCompare(nodeDbAdapter(loaded.db), { category: 'data_sharing', asOf: null, platforms: ANY, severities: [] });
    const rank = (w: string | null) => (w === null ? 9 : ['critical', 'high', 'medium', 'low', 'info', 'unrated'].indexOf(w));
    const expected = rows
      .map((r) => ({ id: r.platform_id, name: r.platform_name, w: rank(r.worst_severity) }))
      .sort((a, b) => a.w - b.w || refCompare(a, b))
      .map((r) => r.id);
    expect(rows.map((r) => r.platform_id)).toEqual(expected);
    // The flat query keeps that order too.
    const flat = await run(compareQuery({ category: 'data_sharing', asOf: null, platforms: ANY, severities: [] }));
    expect([...new Set(flat.map((r) => r.platform_id))]).toEqual(expected);
    // Platforms without a provision, named under the coverage: by the same rule.
    const absent = coverage(rows).absent.map((p) => p.platform_name);
    expect(absent).toEqual(absent.slice().sort(compareNames));
    expect(absent[0]).toBe('Élan Vital');
    expect(absent.at(-1)).toBe('???');
  });

  it('the timeline’s strips by name', async () => {
    const spec = { filter: { platforms: ALL_PLATFORMS, severities: [] }, category: 'data_sharing', from: '2019-01-01', to: '2026-09-30' };
    const got = (await run(stripPlatformsQuery(spec, 'name', { limit: 40, offset: 0 }))).map((r) => r.name as string);
    expect(got).toEqual(got.slice().sort((a, b) => refCompare({ name: a, id: '' }, { name: b, id: '' })));
    expect(got).toContain('!Bazaarly');
    expect(got[0]).toBe('!Bazaarly');
  });
});

describe('platforms without provisions are folded when they outnumber the others', () => {
  it('compare: folded on the sparse export, not on the fixture', async () => {
    const sparse = coverage(await loadCompare(nodeDbAdapter(loaded.db), { category: 'ai_training_data', asOf: null, platforms: ANY, severities: [] }));
    // ai_training_data: 5 platforms of the fixture's 8; the 12 added have nothing.
    expect([sparse.found, sparse.total, sparse.absent.length]).toEqual([5, 20, 15]);
    expect(foldsAbsent(sparse)).toBe(true);
    const fixture = await loadFixture();
    try {
      const plain = coverage(await loadCompare(nodeDbAdapter(fixture.db), { category: 'ai_training_data', asOf: null, platforms: ANY, severities: [] }));
      expect([plain.found, plain.total]).toEqual([5, 8]);
      expect(foldsAbsent(plain)).toBe(false);
    } finally {
      fixture.db.close();
    }
    // A tie is not a majority: absence stays in view.
    expect(foldsAbsent({ found: 4, absent: new Array(4) })).toBe(false);
    expect(foldsAbsent({ found: 4, absent: new Array(5) })).toBe(true);
  });

  it('matrix: rows without a provision in the columns shown', async () => {
    const data = await loadMatrix(nodeDbAdapter(loaded.db), { asOf: null, platforms: ANY });
    const all = matrixRows(data, data.categories);
    // tradewick (no provision) and the 12 added: 13 empty rows of 20.
    expect(all.filter((r) => r.covered === 0).map((r) => r.platform_id).sort()).toEqual([...EMPTY.map((p) => String(p.platform_id)), 'tradewick'].sort());
    expect(foldsEmptyRows(all)).toBe(true);
    // Only the platforms with provisions: nothing to fold.
    expect(foldsEmptyRows(all.filter((r) => r.covered > 0))).toBe(false);
    // One column nobody has: every row is empty.
    expect(foldsEmptyRows(matrixRows(data, data.categories.filter((c) => c.category_id === 'biometric_data')))).toBe(true);
  });
});

describe('a sector chart with nothing to say is not drawn', () => {
  it('says why: no sector at all, or one sector for everyone; draws two or more (unknown counting as one)', async () => {
    const rows = await loadCompare(nodeDbAdapter(loaded.db), { category: 'ai_training_data', asOf: null, platforms: ANY, severities: [] });
    expect(sectorAxisNote(rows)).toBe('No platform compared has a sector in this export, so there is no chart by sector.');
    expect(sectorAxisNote([{ sector: 'Health' }, { sector: 'Health' }])).toBe(
      'Every platform compared is in one sector (Health), so a chart by sector would repeat the one above.'
    );
    expect(sectorAxisNote([{ sector: 'Health' }, { sector: null }])).toBeNull();
    expect(sectorAxisNote([{ sector: 'Health' }, { sector: 'Fintech' }])).toBeNull();
    expect(sectorAxisNote([])).toBeNull();
  });
});
