/**
 * Clause search as SQL. With the export's search index (`clause_terms`, written by the export writer with the
 * tokenizer of `src/lib/search/tokenize.ts`), provisions are ranked by BM25 (Robertson and Zaragoza's Okapi BM25,
 * Lucene's idf); without it (older exports) they are matched by substrings of the title and clause text and listed
 * by record id, which the page says.
 *
 * BM25, for the units of a query (words, prefixes, phrases: `parse-query.ts`), every unit required:
 *   score(d) = Σ_unit idf(unit) · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl))
 *   idf(unit) = ln(1 + (N − df + 0.5) / (df + 0.5))
 * tf is the unit's occurrences in the provision (a prefix's: the sum over the terms it matches; a phrase's: where
 * all its terms stand at the query's distances), df the provisions with at least one, dl the provision's indexed
 * words, N the provisions of the export and avgdl their mean indexed words (`searchStatsQuery`, once per export).
 * The statistics are the whole export's, so a filter narrows the list without changing the scores.
 *
 * Every value is bound; the only text put into SQL is this module's own, with numbers checked to be integers.
 */
import type { Param, Query } from '../db/types';
import type { SearchUnit } from '../search/parse-query';
import { containsPattern } from './platform-filter';
import { versionFilterSql, type SqlPart, type VersionFilter } from './version-filters';

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** What BM25 needs of the whole export: N and the total of indexed words (avgdl = tokens / documents). */
export interface SearchStats {
  documents: number;
  tokens: number;
}

export interface SearchSpec {
  units: readonly SearchUnit[];
  /** Categories, the platform filter and severities, as the time views take them (`version-filters.ts`). */
  filter: VersionFilter;
  /** First day a provision was tracked, inclusive (UTC days, 'YYYY-MM-DD'); null = open. */
  from: string | null;
  to: string | null;
}

/** Ranked over the index, or matched by substrings when the export has no index. */
export type SearchMode = { kind: 'bm25'; stats: SearchStats } | { kind: 'substring' };

/** Result columns of `searchResultsQuery`, in order: also the CSV's columns. */
export const SEARCH_COLUMNS = [
  'rank',
  'score',
  'record_id',
  'platform_id',
  'platform_name',
  'category_id',
  'category_name',
  'severity',
  'status',
  'first_tracked',
  'title',
  'clause_text'
] as const;

export function searchStatsQuery(): Query {
  return {
    sql: 'SELECT (SELECT count(*) FROM provisions) AS documents, (SELECT coalesce(sum(tf), 0) FROM clause_terms) AS tokens',
    params: []
  };
}

function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`Not an integer: ${n}`);
  return String(n);
}

/** Terms beginning with `prefix`: a range (so the sorted index is read only where they are) then the exact test. */
function prefixCondition(prefix: string, params: Param[]): string {
  // U+10FFFF sorts after every character in DuckDB's byte-wise (UTF-8) order.
  params.push(prefix, `${prefix}\u{10FFFF}`, prefix);
  return '(term >= ? AND term < ? AND starts_with(term, ?))';
}

/** One unit's postings: (unit, record_id, tf, doc_length), one row per provision that has it. */
function unitHits(unit: SearchUnit, index: number, params: Param[]): string {
  const u = int(index);
  if (unit.kind === 'term') {
    params.push(unit.term);
    return `SELECT ${u} AS unit, record_id, tf, doc_length FROM clause_terms WHERE term = ?`;
  }
  if (unit.kind === 'prefix') {
    const conditions = unit.prefixes.map((p) => prefixCondition(p, params)).join(' OR ');
    return `SELECT ${u} AS unit, record_id, CAST(sum(tf) AS INTEGER) AS tf, any_value(doc_length) AS doc_length FROM clause_terms WHERE ${conditions} GROUP BY record_id`;
  }
  const [first, ...rest] = unit.terms;
  if (!first) throw new Error('A phrase has at least one term');
  params.push(first.term);
  const joins = rest.map((t, i) => {
    params.push(t.term, t.offset - first.offset);
    const b = `b${int(i)}`;
    return `JOIN clause_terms AS ${b} ON ${b}.record_id = a.record_id AND ${b}.term = ? AND list_contains(${b}.positions, a.pos + CAST(? AS INTEGER))`;
  });
  return `SELECT ${u} AS unit, a.record_id, CAST(count(*) AS INTEGER) AS tf, any_value(a.doc_length) AS doc_length
  FROM (SELECT record_id, doc_length, unnest(positions) AS pos FROM clause_terms WHERE term = ?) AS a
  ${joins.join('\n  ')}
  GROUP BY a.record_id`;
}

/** Conditions on the provision `p`: the filters and the tracked-since range. */
function filterSql(spec: SearchSpec): SqlPart {
  const where = versionFilterSql(spec.filter, 'p');
  const parts = [where.sql];
  const params = [...where.params];
  if (spec.from !== null) {
    parts.push('p.first_tracked >= CAST(? AS DATE)');
    params.push(spec.from);
  }
  if (spec.to !== null) {
    parts.push('p.first_tracked < CAST(? AS DATE) + 1');
    params.push(spec.to);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * The matching provisions after the filters: (record_id, platform_id, category_id, severity, first_tracked, score). Scores are summed in unit
 * order, so the same query gives the same bits on every run.
 */
export function searchMatchesSql(spec: SearchSpec, mode: SearchMode): SqlPart {
  if (spec.units.length === 0) throw new Error('A search needs at least one word');
  const params: Param[] = [];
  let sql: string;
  if (mode.kind === 'bm25') {
    const { documents, tokens } = mode.stats;
    const hits = spec.units.map((unit, i) => unitHits(unit, i, params)).join('\nUNION ALL\n');
    const avgdl = documents > 0 ? tokens / documents : 0;
    params.push(documents, BM25_K1, BM25_K1, BM25_B, BM25_B, avgdl);
    // Each provision has at most one row per unit, so the score is the units' weights added in unit order: the same
    // bits on every run. (An ordered `list(… ORDER BY unit)` aggregate did the same but sorted within each of
    // 200,000 groups for a common word at 1,000,000 provisions: 6.4 s of a 6.4 s query.)
    const total = spec.units.map((_, i) => `max(w.weight) FILTER (WHERE w.unit = ${int(i)})`).join('\n      + ');
    sql = `WITH hits AS (
${hits}
),
df AS (SELECT unit, count(*) AS df FROM hits GROUP BY unit),
weighted AS (
  SELECT h.record_id, h.unit,
    ln(1 + (CAST(? AS DOUBLE) - d.df + 0.5) / (d.df + 0.5))
    * (h.tf * (CAST(? AS DOUBLE) + 1))
    / (h.tf + CAST(? AS DOUBLE) * (1 - CAST(? AS DOUBLE) + CAST(? AS DOUBLE) * h.doc_length / CAST(? AS DOUBLE))) AS weight
  FROM hits AS h JOIN df AS d ON d.unit = h.unit
),
scored AS (
  SELECT w.record_id,
    ${total} AS score
  FROM weighted AS w
  GROUP BY w.record_id
  HAVING count(*) = ${int(spec.units.length)}
)
SELECT p.record_id, p.platform_id, p.category_id, p.severity, p.first_tracked, s.score
FROM scored AS s JOIN provisions AS p ON p.record_id = s.record_id`;
  } else {
    const text = "lower(coalesce(p.title, '') || ' ' || coalesce(p.clause_text, ''))";
    const conditions = spec.units.map((unit) => {
      params.push(containsPattern(unit.text));
      return `${text} LIKE ? ESCAPE '\\'`;
    });
    sql = `SELECT p.record_id, p.platform_id, p.category_id, p.severity, p.first_tracked, CAST(NULL AS DOUBLE) AS score
FROM provisions AS p
WHERE ${conditions.join(' AND ')}`;
  }
  const filter = filterSql(spec);
  return { sql: `SELECT * FROM (${sql}) AS p WHERE ${filter.sql}`, params: [...params, ...filter.params] };
}

/**
 * One page of results (every result when `page` is absent: the CSV), best first; ties and the unranked fallback by
 * record id. `total` is the number of matches. Matches are ranked and cut to the page on their narrow columns first;
 * only the page's rows are joined to their text, names and dates (at 1,000,000 provisions a common word matches
 * hundreds of thousands, whose clauses need not be read for 25 results).
 */
export function searchResultsQuery(spec: SearchSpec, mode: SearchMode, page?: { limit: number; offset: number }): Query {
  const matches = searchMatchesSql(spec, mode);
  const params: Param[] = [...matches.params];
  // The page is cut by a top-N sort (ORDER BY … LIMIT), not by numbering every match with a window: at 1,000,000
  // provisions a common word matches 200,000, and numbering them all cost more than finding them. The matches are
  // materialised once for both the page and their count.
  let tail = '';
  let offset = 0;
  if (page) {
    tail = '\n  LIMIT ? OFFSET ?';
    params.push(page.limit, page.offset);
    offset = page.offset;
  }
  return {
    sql: `WITH m AS MATERIALIZED (${matches.sql}),
cut AS (
  SELECT record_id, score FROM m
  ORDER BY score DESC NULLS LAST, record_id${tail}
),
ranked AS (
  SELECT record_id, score, ${int(offset)} + row_number() OVER (ORDER BY score DESC NULLS LAST, record_id) AS rank,
    (SELECT count(*) FROM m) AS total
  FROM cut
)
SELECT r.rank, r.score, r.record_id, p.platform_id, pl.name AS platform_name, p.category_id, c.name AS category_name,
  p.severity, p.status, p.first_tracked, p.title, p.clause_text, r.total
FROM ranked AS r
JOIN provisions AS p ON p.record_id = r.record_id
LEFT JOIN platforms AS pl ON pl.platform_id = p.platform_id
LEFT JOIN categories AS c ON c.category_id = p.category_id
ORDER BY r.rank`,
    params
  };
}

/** Matches per platform and per category (facet, id, label, n), most first. */
export function searchFacetsQuery(spec: SearchSpec, mode: SearchMode): Query {
  const matches = searchMatchesSql(spec, mode);
  return {
    sql: `WITH m AS (${matches.sql})
SELECT 'platform' AS facet, m.platform_id AS id, any_value(pl.name) AS label, count(*) AS n
FROM m LEFT JOIN platforms AS pl ON pl.platform_id = m.platform_id GROUP BY m.platform_id
UNION ALL
SELECT 'category' AS facet, m.category_id AS id, any_value(c.name) AS label, count(*) AS n
FROM m LEFT JOIN categories AS c ON c.category_id = m.category_id GROUP BY m.category_id
ORDER BY facet DESC, n DESC, id`,
    params: matches.params
  };
}
