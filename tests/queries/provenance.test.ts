/**
 * Provenance of real data wherever a provision's detail shows: the source's own rating, polarity, id and link, who
 * classified it (a text rule says so), the source's extra columns read from the catalog, and provisions whose source
 * names no document — on the provision page, the platform page, the matrix's cell panel and compare. Checked against
 * the records the test exports were built from (tests/helpers/reading-exports.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import { loadCompare } from '../../src/lib/queries/compare';
import { loadCellProvisions } from '../../src/lib/queries/matrix';
import { platformProvisionsQuery } from '../../src/lib/queries/platform';
import { catalogIdent, provisionQuery, sourceFieldsQuery } from '../../src/lib/queries/provision';
import { citationText } from '../../src/lib/provision/citation';
import { loadProvisionPage, loadSourceFields } from '../../src/lib/provision/load-provision';
import { classificationNote, hasProvenance, sourceValueText } from '../../src/lib/provision/provenance';
import { loadFixture } from '../helpers/fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import {
  LONG_CLAUSE_LENGTH,
  LONG_RECORD,
  readingExports,
  UNNAMED_DOC_RECORD,
  UNRATED_RULE,
  unratedRecords,
  wideRecords,
  WIDE_SOURCE
} from '../helpers/reading-exports';

let wide: LoadedExport;
let unrated: LoadedExport;
const records = wideRecords();
const WIDE_TABLES = TABLE_NAMES.filter((t) => t !== 'provision_versions' && t !== 'snapshots');

beforeAll(async () => {
  const dirs = await readingExports();
  wide = await loadExport(dirs.wide);
  unrated = await loadExport(dirs.unrated);
});
afterAll(() => {
  wide?.db.close();
  unrated?.db.close();
});

const record = (id: string) => records.provisions.find((p) => p.record_id === id)!;

describe('the provision page on a ToS;DR-shaped export', () => {
  it('reads a provision whose source names no document, with its provenance and source fields', async () => {
    const raw = record(UNNAMED_DOC_RECORD);
    expect(raw.document_id).toBeNull();
    const data = (await loadProvisionPage(nodeDbAdapter(wide.db), UNNAMED_DOC_RECORD, WIDE_TABLES))!;
    expect(data.provision.document).toBeNull();
    expect(data.provision.provenance).toEqual({
      polarity: raw.polarity,
      source_rating: raw.source_rating,
      source_id: raw.source_id,
      source_url: raw.source_url,
      classified_by: 'analyst',
      classification_rule: null
    });
    expect(data.provision.category).toMatchObject({ short_label: 'Data use 3', question: 'Does the service collect personal data for purpose 3?' });
    expect(data.others).toBeNull();
    expect(data.snapshots).toBeNull();
    // Extra columns in table order, typed as the builder inferred them from JSON Lines.
    expect(data.sourceFields).toEqual([
      { name: 'source_case', type: 'VARCHAR', value: raw.source_case },
      { name: 'source_score', type: 'BIGINT', value: raw.source_score }
    ]);
    // The page's one-record CSV writes this row: it exists, with null document columns.
    expect(data.row).toMatchObject({ document_id: null, document_title: null, document_doc_type: null });
  });

  it('a provision of the fixture in the same table has the extra columns as nulls', async () => {
    const fields = await loadSourceFields(nodeDbAdapter(wide.db), 'FX-P-001');
    expect(fields).toEqual([
      { name: 'source_case', type: 'VARCHAR', value: null },
      { name: 'source_score', type: 'BIGINT', value: null }
    ]);
  });

  it('an export without extra columns has no source fields, and a v1 export no provenance', async () => {
    const fixture = await loadFixture();
    try {
      const data = (await loadProvisionPage(nodeDbAdapter(fixture.db), 'FX-P-001', [...TABLE_NAMES]))!;
      expect(data.sourceFields).toEqual([]);
      expect(hasProvenance(data.provision.provenance)).toBe(false);
    } finally {
      fixture.db.close();
    }
  });

  it('reads extra columns whatever they are called; values are bound, never spliced into SQL', async () => {
    const own = await loadFixture();
    try {
      await own.db.exec(`ALTER TABLE provisions ADD COLUMN "we""ird col" VARCHAR`);
      await own.db.exec(`ALTER TABLE provisions ADD COLUMN "Tags" VARCHAR[]`);
      await own.db.exec(`UPDATE provisions SET "we""ird col" = 'x''); DROP TABLE provisions; --', "Tags" = ['a', 'b'] WHERE record_id = 'FX-P-002'`);
      const fields = await loadSourceFields(nodeDbAdapter(own.db), 'FX-P-002');
      expect(fields).toEqual([
        { name: 'we"ird col', type: 'VARCHAR', value: "x'); DROP TABLE provisions; --" },
        { name: 'Tags', type: 'VARCHAR[]', value: ['a', 'b'] }
      ]);
      expect(await loadSourceFields(nodeDbAdapter(own.db), "FX-P-002' OR '1'='1")).toEqual([]);
      expect(sourceFieldsQuery('FX-P-002', ['we"ird col']).sql).toContain('"we""ird col"');
      expect(() => catalogIdent('')).toThrow('Not a column name');
    } finally {
      own.db.close();
    }
  });

  it('cites a provision without a document and names the record at the source', async () => {
    const data = (await loadProvisionPage(nodeDbAdapter(wide.db), UNNAMED_DOC_RECORD, WIDE_TABLES))!;
    const text = citationText({ provision: data.provision, snapshot: null, hasSnapshots: false, source: WIDE_SOURCE, generatedAt: '2026-10-01T00:00:00Z' });
    expect(text).toBe(
      `Pinwheel Social, document not named by the source, provision “${String(record(UNNAMED_DOC_RECORD).title)}”, record ${UNNAMED_DOC_RECORD}. ` +
        `Source record 9003: https://tosdr.example/point/9003. Last verified 2020-12-31 00:00 UTC. ` +
        'No captures of the document are in this export. ' +
        `Data: ${WIDE_SOURCE.name} (${WIDE_SOURCE.licence}), export of 2026-10-01 00:00 UTC, via Termscope.`
    );
  });

  it('keeps the 8,666-character clause whole in the data (the page collapses it)', async () => {
    const [row] = await wide.db.query(provisionQuery(LONG_RECORD).sql, provisionQuery(LONG_RECORD).params);
    expect(String(row!.clause_text)).toHaveLength(LONG_CLAUSE_LENGTH);
  });
});

describe('provisions without a document elsewhere', () => {
  it('the platform page lists every provision of each platform, unnamed documents included', async () => {
    for (const platform of records.platforms.map((p) => String(p.platform_id))) {
      const q = platformProvisionsQuery(platform);
      const got = await wide.db.query(q.sql, q.params);
      const expected = records.provisions.filter((p) => p.platform_id === platform);
      expect(got.map((r) => r.record_id).sort()).toEqual(expected.map((p) => p.record_id).sort());
      const unnamed = got.filter((r) => r.document_id === null);
      expect(unnamed.map((r) => r.record_id).sort()).toEqual(expected.filter((p) => p.document_id === null).map((p) => p.record_id).sort());
      expect(unnamed.every((r) => r.document_title === null)).toBe(true);
    }
  });

  it('the matrix cell panel reads them, with their provenance', async () => {
    const raw = record(UNNAMED_DOC_RECORD);
    const cell = await loadCellProvisions(nodeDbAdapter(wide.db), { asOf: null, platform: String(raw.platform_id), category: String(raw.category_id) });
    expect(cell).toHaveLength(1);
    expect(cell[0]).toMatchObject({
      record_id: UNNAMED_DOC_RECORD,
      document_id: null,
      document_title: null,
      provenance: { source_rating: raw.source_rating, source_id: '9003', source_url: 'https://tosdr.example/point/9003', polarity: raw.polarity }
    });
  });

  it('compare reads them, with their provenance', async () => {
    const raw = record(UNNAMED_DOC_RECORD);
    const rows = await loadCompare(nodeDbAdapter(wide.db), {
      category: String(raw.category_id),
      asOf: null,
      platforms: { sectors: [], jurisdictions: [], q: '', platforms: [] },
      severities: []
    });
    const items = rows.flatMap((r) => r.items);
    expect(items.map((i) => i.record_id)).toEqual([UNNAMED_DOC_RECORD]);
    expect(items[0]).toMatchObject({ document_id: null, document_title: null, provenance: { source_id: '9003', classified_by: 'analyst' } });
  });
});

describe('rule-found provisions (OTA-shaped export)', () => {
  it('every provision says it was found by a text rule, not classified by a person', async () => {
    const expected = unratedRecords().provisions;
    for (const p of expected.slice(0, 5)) {
      const data = (await loadProvisionPage(nodeDbAdapter(unrated.db), String(p.record_id), [...TABLE_NAMES]))!;
      expect(data.provision.severity).toBeNull();
      expect(classificationNote(data.provision.provenance)).toBe(`Found by a text rule (${UNRATED_RULE}), not classified by a person`);
    }
  });
});

describe('wording', () => {
  it('classificationNote', () => {
    expect(classificationNote({ classified_by: 'rule', classification_rule: null })).toBe('Found by a text rule, not classified by a person');
    expect(classificationNote({ classified_by: 'analyst', classification_rule: null })).toBe('Classified by an analyst');
    expect(classificationNote({ classified_by: null, classification_rule: 'r' })).toBeNull();
  });

  it('sourceValueText', () => {
    expect(sourceValueText(null)).toBe('—');
    expect(sourceValueText(['a', 'b'])).toBe('a; b');
    expect(sourceValueText([])).toBe('(empty list)');
    expect(sourceValueText(12.5)).toBe('12.5');
    expect(sourceValueText(false)).toBe('false');
    expect(sourceValueText(new Date('2021-01-09T00:00:00Z'))).toBe('2021-01-09T00:00:00.000Z');
    expect(sourceValueText('<b>x</b>')).toBe('<b>x</b>');
  });
});
