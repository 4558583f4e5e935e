/**
 * The contract's checks run as one scan per table (`runChecks`, src/lib/contract/checks.ts) must find exactly what
 * one query per check found (tests/helpers/checks-one-by-one.ts, the code they replaced): the same problems, in the
 * same order, with the same rows, keys, values, counts and "more", on the fixture broken at random in every way the
 * contract checks.
 *
 * One difference is intended and kept out of the random mutations: a duplicated `documents.document_id` (or
 * `provisions.record_id`) used to multiply the rows of the cross-table platform checks; now each row is checked once
 * (the duplicate itself is still reported by the key check).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksId, ident, runChecks } from '../../src/lib/contract/checks';
import { TABLE_NAMES, type TableName } from '../../src/lib/contract/schema';
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import { loadParquetTable, readManifest } from '../../scripts/lib/export-io';
import { runChecks as runChecksOneByOne } from '../helpers/checks-one-by-one';
import { buildFixture } from '../helpers/fixture';

let dir: string;
let db: NodeDb;

/** One way of breaking the fixture, as SQL statements on its loaded tables. */
interface Mutation {
  name: string;
  sql: string[];
}

/** Every rule the checks cover, broken on the `n`-th row of a table (n chosen by fast-check). */
function mutations(n: number): Mutation[] {
  const nth = (table: TableName) => `(SELECT rowid FROM ${ident(table)} ORDER BY rowid LIMIT 1 OFFSET ${n} % (SELECT count(*) FROM ${ident(table)}))`;
  const update = (table: TableName, set: string) => `UPDATE ${ident(table)} SET ${set} WHERE rowid = ${nth(table)}`;
  return [
    { name: 'required name empty', sql: [update('platforms', 'name = NULL')] },
    { name: 'required key empty', sql: [update('provisions', 'record_id = NULL')] },
    { name: 'bad enum', sql: [update('provisions', "severity = 'severe'")] },
    { name: 'bad enum, same value twice', sql: [update('documents', "doc_type = 'privacy'"), `UPDATE documents SET doc_type = 'privacy' WHERE rowid = (SELECT max(rowid) FROM documents)`] },
    { name: 'bad pattern', sql: [update('platforms', "jurisdiction = 'us'")] },
    { name: 'bad URL', sql: [update('snapshots', "archive_url = 'None'")] },
    { name: 'dangling document', sql: [update('provisions', "document_id = 'NO-SUCH-DOC'")] },
    { name: 'dangling category in versions', sql: [update('provision_versions', "category_id = 'no_such_category'")] },
    { name: 'dangling snapshot', sql: [update('provision_versions', "snapshot_id = 'NO-SUCH-SNAPSHOT'")] },
    { name: 'duplicate platform', sql: [`INSERT INTO platforms SELECT * FROM platforms WHERE rowid = ${nth('platforms')}`] },
    { name: 'duplicate category', sql: [`INSERT INTO categories SELECT * FROM categories WHERE rowid = ${nth('categories')}`] },
    { name: 'duplicate version', sql: [`INSERT INTO provision_versions SELECT * FROM provision_versions WHERE rowid = ${nth('provision_versions')}`] },
    { name: 'duplicate snapshot', sql: [`INSERT INTO snapshots SELECT * FROM snapshots WHERE rowid = ${nth('snapshots')}`] },
    { name: 'tracked after verified', sql: [update('documents', "first_tracked = last_verified + INTERVAL 1 DAY")] },
    { name: 'version ends before it starts', sql: [update('provision_versions', "valid_to = valid_from - INTERVAL 1 HOUR")] },
    {
      // A first version made open-ended overlaps the second.
      name: 'overlapping versions',
      sql: [
        `UPDATE provision_versions SET valid_to = NULL WHERE rowid = (
          SELECT v.rowid FROM provision_versions v JOIN provision_versions w ON w.record_id = v.record_id AND w.version = 2 AND w.valid_from IS NOT NULL
          WHERE v.version = 1 ORDER BY v.rowid LIMIT 1)`
      ]
    },
    { name: 'undated version', sql: [update('provision_versions', 'valid_from = NULL')] },
    { name: 'platform differs from document', sql: [update('provisions', "platform_id = (SELECT max(platform_id) FROM platforms)")] },
    { name: 'category differs from provision', sql: [update('provision_versions', "category_id = (SELECT max(category_id) FROM categories)")] },
    { name: 'active but removed_at', sql: [update('provisions', "status = 'active', removed_at = TIMESTAMP '2024-01-01'")] },
    { name: 'bad hash', sql: [update('snapshots', "sha256 = 'ABC'")] },
    { name: 'tf differs from positions', sql: [update('clause_terms', 'tf = tf + 1')] },
    { name: 'index row of no provision', sql: [update('clause_terms', "record_id = 'NO-SUCH-RECORD'")] },
    { name: 'duplicate index row', sql: [`INSERT INTO clause_terms SELECT * FROM clause_terms WHERE rowid = ${nth('clause_terms')}`] }
  ];
}

async function reload(): Promise<void> {
  const manifest = await readManifest(dir);
  for (const table of TABLE_NAMES) await loadParquetTable(db, table, join(dir, manifest.tables[table]!.file));
}

beforeAll(async () => {
  dir = await buildFixture();
  db = await openNodeDb();
  await reload();
});

afterAll(() => db?.close());

const run = (sql: string, params?: readonly unknown[]) => db.query(sql, params);

describe('runChecks, one scan per table', () => {
  it('finds nothing in the valid fixture', async () => {
    await expect(runChecks(run, new Set(TABLE_NAMES))).resolves.toEqual({ problems: [], more: 0 });
  });

  it('finds what one query per check found, for any mix of broken rules, tables present and limit', async () => {
    let broken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.uniqueArray(fc.integer({ min: 0, max: mutations(0).length - 1 }), { minLength: 1, maxLength: 6 }),
        fc.subarray(['provision_versions', 'snapshots', 'clause_terms'] as TableName[]),
        fc.constantFrom(1, 2, 20),
        async (n, picked, absent, limit) => {
          await reload();
          const all = mutations(n);
          for (const i of picked) for (const sql of all[i]!.sql) await db.exec(sql);
          const present = new Set(TABLE_NAMES.filter((t) => !absent.includes(t)));
          const merged = await runChecks(run, present, limit);
          const reference = await runChecksOneByOne(run, present, limit);
          expect(merged, picked.map((i) => all[i]!.name).join(', ')).toEqual(reference);
          if (merged.problems.length > 0) broken++;
        }
      ),
      { numRuns: 40 }
    );
    // A mutation can miss (a row already holding the value it sets), but most runs must have broken something.
    expect(broken).toBeGreaterThan(30);
  }, 120_000); // 40 reloads of seven tables and two runs of every check: ~30 s on a quiet machine

  it('leaves foreign keys into an incomplete table unchecked, as before', async () => {
    await reload();
    await db.exec("UPDATE provisions SET document_id = 'NO-SUCH-DOC' WHERE rowid = 0");
    const present = new Set(TABLE_NAMES);
    const options = { incomplete: new Set<TableName>(['documents']) };
    expect(await runChecks(run, present, options)).toEqual(await runChecksOneByOne(run, present, options));
    expect((await runChecks(run, present)).problems.map((p) => p.message)).toContain('column "document_id": "NO-SUCH-DOC" does not match any documents.document_id');
  });

  it('names keys but no rows when told rowid is not the file row', async () => {
    await reload();
    await db.exec("UPDATE platforms SET jurisdiction = 'us' WHERE rowid = 1");
    const { problems } = await runChecks(run, new Set(TABLE_NAMES), { rowNumbers: false });
    expect(problems).toEqual([
      { table: 'platforms', column: 'jurisdiction', key: expect.any(String), message: 'column "jurisdiction": "us" is not an ISO 3166-1 alpha-2 code such as "US" or "DE"' }
    ]);
  });
});

describe('checksId', () => {
  it('is 16 hex digits and the same on every call', () => {
    expect(checksId()).toMatch(/^[0-9a-f]{16}$/);
    expect(checksId()).toBe(checksId());
  });
});
