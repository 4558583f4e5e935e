/**
 * Writes the search index `clause_terms` (schema.ts) from the `provisions` table of the export being written. Every
 * writer of exports calls it through `writeExport` (builder, both importers, demo generator), so every export our
 * tools publish can be searched with BM25 in the browser, where DuckDB's `fts` extension cannot be loaded offline.
 *
 * The words are cut in TypeScript by the tokenizer the app uses for queries (`src/lib/search/tokenize.ts`); DuckDB
 * then groups them into one row per term and provision. JavaScript hands DuckDB one row per provision (its terms by
 * position, joined with a separator no term contains), not one per term: at 1,000,000 provisions that is 1,000,000
 * appended rows instead of some 30,000,000, and the grouping runs in DuckDB's own threads.
 */
import { ident } from '../../src/lib/contract/checks';
import { columnDefinitions } from '../../src/lib/contract/schema';
import { provisionTokens } from '../../src/lib/search/tokenize';
import type { NodeDb } from './duckdb-node';

/** Separates terms in the staging column: a control character, which no term holds (terms are letters and digits). */
const SEPARATOR = '\u0001';
const STAGING = 'clause_terms_staging';
/** Provisions read per statement (keyset pages over record_id, so each page is one scan, not a growing OFFSET). */
const PAGE = 20_000;

/** The terms of a provision by position, '' at stop words and gaps: what the staging row holds. */
export function termsByPosition(title: string | null, clauseText: string | null): string[] {
  const tokens = provisionTokens(title, clauseText);
  const slots = new Array<string>(tokens.length === 0 ? 0 : tokens[tokens.length - 1]!.position + 1).fill('');
  for (const t of tokens) if (!t.stop) slots[t.position] = t.term;
  return slots;
}

/**
 * (Re)creates `clause_terms` (or the table `target`, with its columns) in `db` from its `provisions`; returns the
 * number of rows written. Provisions are read in pages of `pageSize` in record-id order, and each page's rows are
 * grouped and appended in key order (term, record id) before the next page is read: grouping all of a
 * 1,000,000-provision export at once (some 25,000,000 words, each term's positions gathered in order) ran out of
 * DuckDB's 3 GB memory limit. Row order is therefore page by page, the same on every build.
 */
export async function writeClauseTerms(db: NodeDb, target = 'clause_terms', pageSize = PAGE): Promise<number> {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive whole number, got ${pageSize}`);
  await db.exec(`DROP TABLE IF EXISTS ${ident(target)}`);
  await db.exec(`CREATE TABLE ${ident(target)} (${columnDefinitions('clause_terms')})`);
  try {
    let after: string | null = null;
    for (;;) {
      const rows = (await db.query(
        `SELECT record_id, title, clause_text FROM provisions ${after === null ? '' : 'WHERE record_id > ?'} ORDER BY record_id LIMIT ${pageSize}`,
        after === null ? [] : [after]
      )) as { record_id: string; title: string | null; clause_text: string | null }[];
      if (rows.length === 0) break;
      await db.exec(`DROP TABLE IF EXISTS ${ident(STAGING)}`);
      await db.exec(`CREATE TABLE ${ident(STAGING)} (record_id VARCHAR, words VARCHAR, doc_length INTEGER)`);
      const appender = await db.connection.createAppender(STAGING);
      for (const row of rows) {
        const slots = termsByPosition(row.title, row.clause_text);
        if (slots.some((s) => s.includes(SEPARATOR))) throw new Error(`provisions ${row.record_id}: a term holds U+0001`);
        appender.appendVarchar(row.record_id);
        appender.appendVarchar(slots.join(SEPARATOR));
        appender.appendInteger(slots.filter((s) => s !== '').length);
        appender.endRow();
      }
      appender.closeSync();
      await db.exec(`INSERT INTO ${ident(target)}
WITH split AS (SELECT record_id, doc_length, string_split(words, chr(1)) AS l FROM ${ident(STAGING)} WHERE words <> ''),
words AS (SELECT record_id, doc_length, unnest(l) AS term, unnest(range(len(l))) AS position FROM split)
SELECT term, record_id, CAST(count(*) AS INTEGER), list(CAST(position AS INTEGER) ORDER BY position), CAST(any_value(doc_length) AS INTEGER)
FROM words WHERE term <> ''
GROUP BY term, record_id
ORDER BY term, record_id`);
      after = rows[rows.length - 1]!.record_id;
    }
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${ident(STAGING)}`);
  }
  const [{ n }] = (await db.query(`SELECT count(*) AS n FROM ${ident(target)}`)) as [{ n: number }];
  return n;
}

/**
 * The validator's check of a loaded `clause_terms`: it must be exactly what this tokenizer makes of `provisions`
 * (a stale index, or one cut by another tokenizer, would make queries miss). Returns one line per differing row
 * (at most `limit`) and the number of differing rows.
 */
export async function clauseTermsDifferences(db: NodeDb, limit: number): Promise<{ lines: string[]; total: number }> {
  const expected = 'clause_terms_expected';
  await writeClauseTerms(db, expected);
  try {
    const cols = 'term, record_id, tf, positions, doc_length';
    const diff = `SELECT 'unexpected' AS kind, ${cols} FROM (SELECT ${cols} FROM clause_terms EXCEPT ALL SELECT ${cols} FROM ${ident(expected)})
  UNION ALL SELECT 'missing' AS kind, ${cols} FROM (SELECT ${cols} FROM ${ident(expected)} EXCEPT ALL SELECT ${cols} FROM clause_terms)`;
    const [{ n }] = (await db.query(`SELECT count(*) AS n FROM (${diff})`)) as [{ n: number }];
    const rows = await db.query(`SELECT * FROM (${diff}) ORDER BY record_id, term, kind LIMIT ${Number(limit)}`);
    const lines = rows.map((r) => {
      const what = `(term ${JSON.stringify(r.term)}, record_id ${JSON.stringify(r.record_id)}, tf ${r.tf}, positions [${(r.positions as number[]).join(', ')}], doc_length ${r.doc_length})`;
      return r.kind === 'missing'
        ? `lacks the row ${what} that the provision's title and clause text give: rebuild the export`
        : `has the row ${what}, which the provision's title and clause text do not give: rebuild the export`;
    });
    return { lines, total: n };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${ident(expected)}`);
  }
}
