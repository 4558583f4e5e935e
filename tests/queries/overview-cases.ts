/**
 * A hand-made export that pins the overview's edge cases: a category with no provisions, categories without a group,
 * unrated provisions, removed provisions (which must not count), a platform with several provisions in one category,
 * a platform with none, and one whose only provisions are removed.
 */
import { openNodeDb, type NodeDb } from '../../scripts/lib/duckdb-node';
import { columnDefinitions, type Manifest, type TableName } from '../../src/lib/contract/schema';
import { ident } from '../../src/lib/contract/checks';
import type { Rec } from './overview-expected';

const doc = (document_id: string, platform_id: string): Rec => ({
  document_id,
  platform_id,
  title: `Terms of ${platform_id}`,
  doc_type: 'terms_of_service'
});

const prov = (record_id: string, platform_id: string, category_id: string, severity: string | null, status = 'active'): Rec => ({
  record_id,
  document_id: `D-${platform_id}`,
  platform_id,
  category_id,
  title: `${category_id} at ${platform_id}`,
  severity,
  status,
  first_tracked: '2024-03-01 00:00:00',
  removed_at: status === 'removed' ? '2025-01-01 00:00:00' : null
});

export const CASE_RECORDS: Partial<Record<TableName, Rec[]>> = {
  platforms: ['alpha', 'beta', 'gamma', 'delta'].map((id) => ({ platform_id: id, name: id.toUpperCase() })),
  documents: [doc('D-alpha', 'alpha'), doc('D-beta', 'beta'), doc('D-delta', 'delta')],
  categories: [
    { category_id: 'ai_training', name: 'Training on user data', group_name: 'Data & privacy', short_label: 'AI training' },
    { category_id: 'data_sale', name: 'Sale of personal data', group_name: 'Data & privacy' },
    { category_id: 'arbitration', name: 'Mandatory arbitration', group_name: 'Disputes' },
    { category_id: 'class_waiver', name: 'Class action waiver', group_name: 'Disputes' },
    { category_id: 'misc', name: 'Miscellaneous', group_name: null },
    { category_id: 'gone', name: 'Abandoned practice', group_name: null }
  ],
  provisions: [
    prov('P-01', 'alpha', 'ai_training', 'critical'),
    prov('P-02', 'alpha', 'ai_training', 'high'),
    prov('P-03', 'beta', 'ai_training', null),
    prov('P-04', 'beta', 'arbitration', 'medium'),
    prov('P-05', 'alpha', 'arbitration', 'low'),
    prov('P-06', 'beta', 'data_sale', 'info'),
    prov('P-07', 'delta', 'gone', 'critical', 'removed'),
    prov('P-08', 'delta', 'ai_training', 'high', 'removed'),
    prov('P-09', 'alpha', 'misc', null),
    prov('P-10', 'beta', 'arbitration', 'medium')
  ]
};

export function caseRows(table: TableName): Rec[] {
  return CASE_RECORDS[table] ?? [];
}

const hash = (c: string) => c.repeat(64);

export const CASE_MANIFEST: Manifest = {
  schema_version: 1,
  generated_at: '2025-06-01T12:00:00Z',
  source: { name: 'Overview edge cases', licence: 'CC0-1.0', attribution: 'Termscope tests', synthetic: true },
  tables: {
    platforms: { file: 'platforms.parquet', rows: 4, bytes: 1, sha256: hash('1') },
    documents: { file: 'documents.parquet', rows: 3, bytes: 1, sha256: hash('2') },
    categories: { file: 'categories.parquet', rows: 6, bytes: 1, sha256: hash('3') },
    provisions: { file: 'provisions.parquet', rows: 10, bytes: 1, sha256: hash('4') }
  }
};

/** The records above, in contract tables (types from `schema.ts`) in an in-memory DuckDB. */
export async function openCaseDb(): Promise<NodeDb> {
  const db = await openNodeDb();
  for (const [table, rows] of Object.entries(CASE_RECORDS) as [TableName, Rec[]][]) {
    await db.exec(`CREATE TABLE ${ident(table)} (${columnDefinitions(table)})`);
    for (const row of rows) {
      const names = Object.keys(row);
      await db.query(
        `INSERT INTO ${ident(table)} (${names.map(ident).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
        names.map((n) => row[n])
      );
    }
  }
  return db;
}
