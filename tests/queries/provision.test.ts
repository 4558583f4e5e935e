/**
 * The provision page's queries over the fixture export (real Parquet in Node DuckDB), checked against the same
 * answers computed in plain TypeScript from the fixture's JSON Lines records.
 */
import { describe, expect, it } from 'vitest';
import {
  citationSnapshotQuery,
  documentProvisionsQuery,
  provisionQuery,
  snapshotsQuery,
  versionsQuery
} from '../../src/lib/queries/provision';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { byId, cmp, instant, listedProvision, rank, type Rec } from './fixture-reference';

const fixture = openedExport(loadFixture);
const run = fixture.run;

const provisions = fixtureRows('provisions');
const documents = fixtureRows('documents');
const platforms = fixtureRows('platforms');
const categories = fixtureRows('categories');
const versions = fixtureRows('provision_versions');
const snapshots = fixtureRows('snapshots');


const TIMESTAMPS = new Set(['first_tracked', 'last_verified', 'removed_at', 'captured_at', 'valid_from', 'valid_to']);
function engineShape(rec: Rec, prefix = '', skip: string[] = []): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(rec)) {
    if (skip.includes(k)) continue;
    out[prefix + k] = TIMESTAMPS.has(k) ? instant(v) : (v ?? null);
  }
  return out;
}

function snapshotsOf(documentId: string): Rec[] {
  return snapshots
    .filter((s) => s.document_id === documentId)
    .sort((a, b) => instant(b.captured_at)!.getTime() - instant(a.captured_at)!.getTime() || cmp(b.snapshot_id, a.snapshot_id));
}

describe('the fixture holds the cases these tests are about', () => {
  it('has an unrated provision, a removed one, and a document with several provisions', () => {
    expect(provisions.some((p) => p.severity === null)).toBe(true);
    expect(provisions.some((p) => p.status === 'removed')).toBe(true);
    expect(provisions.some((p) => typeof p.clause_text === 'string' && p.clause_text.startsWith('='))).toBe(true);
  });
});

describe('provisionQuery', () => {
  it('returns every provision with its document, platform and category, field for field', async () => {
    for (const p of provisions) {
      const d = byId(documents, 'document_id', p.document_id);
      const pl = byId(platforms, 'platform_id', p.platform_id);
      const c = byId(categories, 'category_id', p.category_id);
      const want = {
        ...engineShape(p),
        ...engineShape(d, 'document_', ['document_id', 'platform_id']),
        ...engineShape(pl, 'platform_', ['platform_id']),
        ...engineShape(c, 'category_', ['category_id'])
      };
      expect(await run(provisionQuery(p.record_id as string)), p.record_id as string).toEqual([want]);
    }
  });

  it('keeps an unrated severity null and a removed provision with its removal time', async () => {
    const [unrated] = await run(provisionQuery('FX-P-026'));
    expect(unrated!.severity).toBeNull();
    const [removed] = await run(provisionQuery('FX-P-009'));
    expect(removed!.status).toBe('removed');
    expect(removed!.removed_at).toEqual(new Date('2024-08-01T00:00:00Z'));
  });

  it('finds nothing for an unknown or odd id, and the odd id stays a value', async () => {
    for (const id of ['FX-P-999', '', "FX-P-001' OR '1'='1", 'FX-P-001; DROP TABLE provisions; --', '%', 'fx-p-001']) {
      expect(await run(provisionQuery(id)), id).toEqual([]);
    }
    expect(await run({ sql: 'SELECT count(*) AS n FROM provisions', params: [] })).toEqual([{ n: provisions.length }]);
  });
});

describe('snapshotsQuery', () => {
  it('lists every document’s captures newest first, id breaking ties', async () => {
    for (const d of documents) {
      const id = d.document_id as string;
      expect(await run(snapshotsQuery(id)), id).toEqual(snapshotsOf(id).map((s) => engineShape(s, '', ['document_id'])));
    }
  });

  it('a document without captures has an empty list', async () => {
    await fixture.loaded.db.exec(`CREATE TEMP TABLE kept AS SELECT * FROM snapshots WHERE document_id = 'FX-D-015'`);
    await fixture.loaded.db.exec(`DELETE FROM snapshots WHERE document_id = 'FX-D-015'`);
    try {
      expect(await run(snapshotsQuery('FX-D-015'))).toEqual([]);
      expect(await run(citationSnapshotQuery('FX-P-038'))).toHaveLength(1); // another document: untouched
    } finally {
      await fixture.loaded.db.exec(`INSERT INTO snapshots SELECT * FROM kept; DROP TABLE kept`);
    }
    expect(await run(snapshotsQuery('FX-D-015'))).toHaveLength(3);
  });
});

describe('citationSnapshotQuery', () => {
  it('names the latest capture at or before last_verified, for every provision', async () => {
    for (const p of provisions) {
      const verified = instant(p.last_verified);
      const want = snapshotsOf(p.document_id as string).find(
        (s) => verified !== null && instant(s.captured_at)!.getTime() <= verified.getTime()
      );
      const rows = await run(citationSnapshotQuery(p.record_id as string));
      expect(rows, p.record_id as string).toEqual(want ? [engineShape(want)] : []);
    }
  });

  it('for a removed provision, cites the capture it was last seen in, not a later one', async () => {
    const [row] = await run(citationSnapshotQuery('FX-P-009'));
    expect(row!.captured_at).toEqual(new Date('2024-03-04T06:00:00Z'));
    const later = snapshotsOf('FX-D-003').filter((s) => instant(s.captured_at)! > new Date('2024-07-31T06:00:00Z'));
    expect(later.length).toBeGreaterThan(0);
  });

  it('a capture at exactly last_verified counts', async () => {
    const [row] = await run(citationSnapshotQuery('FX-P-001'));
    expect(row!.captured_at).toEqual(new Date('2026-09-28T06:00:00Z'));
  });
});

describe('versionsQuery', () => {
  it('gives every version of every provision, in order', async () => {
    for (const p of provisions) {
      const want = versions
        .filter((v) => v.record_id === p.record_id)
        .sort((a, b) => (a.version as number) - (b.version as number))
        .map((v) => ({
          version: v.version,
          valid_from: instant(v.valid_from),
          valid_to: instant(v.valid_to),
          severity: v.severity ?? null,
          change_kind: v.change_kind ?? null,
          clause_sha256: v.clause_sha256 ?? null
        }));
      expect(want.length).toBeGreaterThan(0);
      expect(await run(versionsQuery(p.record_id as string)), p.record_id as string).toEqual(want);
    }
  });
});

describe('documentProvisionsQuery', () => {
  it('lists the other provisions of the document, worst first, for every provision', async () => {
    for (const p of provisions) {
      const want = provisions
        .filter((o) => o.document_id === p.document_id && o.record_id !== p.record_id)
        .sort((a, b) => rank(a.severity) - rank(b.severity) || cmp(a.title, b.title) || cmp(a.record_id, b.record_id))
        .map((o) => listedProvision(o, byId(categories, 'category_id', o.category_id)));
      expect(await run(documentProvisionsQuery(p.document_id as string, p.record_id as string)), p.record_id as string).toEqual(want);
    }
  });

  it('includes removed and unrated neighbours (FX-D-008 holds removed FX-P-024)', async () => {
    const ids = (await run(documentProvisionsQuery('FX-D-008', 'FX-P-017'))).map((r) => r.record_id);
    expect(ids).toContain('FX-P-024');
    const bazaarly = await run(documentProvisionsQuery('FX-D-014', 'FX-P-034'));
    expect(bazaarly.at(-1)).toMatchObject({ record_id: 'FX-P-037', severity: null });
  });
});
