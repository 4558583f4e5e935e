/**
 * Clause search in plain TypeScript over provision rows, for checking the SQL (`src/lib/queries/search.ts`): BM25
 * computed from the token lists directly, not from an index, with the same formula and parameters.
 */
import { BM25_B, BM25_K1 } from '../../src/lib/queries/search';
import type { SearchUnit } from '../../src/lib/search/parse-query';
import { provisionTokens, type Token } from '../../src/lib/search/tokenize';

export interface ReferenceProvision {
  record_id: string;
  platform_id: string;
  category_id: string;
  severity: string | null;
  title: string | null;
  clause_text: string | null;
  first_tracked: string | Date | null;
}

/** Occurrences of a unit in one provision's words (stop words are not indexed, so they never match). */
function unitTf(unit: SearchUnit, tokens: readonly Token[]): number {
  const indexed = tokens.filter((t) => !t.stop);
  if (unit.kind === 'term') return indexed.filter((t) => t.term === unit.term).length;
  if (unit.kind === 'prefix') return indexed.filter((t) => unit.prefixes.some((p) => t.term.startsWith(p))).length;
  const at = new Map<number, string>(indexed.map((t) => [t.position, t.term]));
  const [first, ...rest] = unit.terms;
  return indexed.filter((t) => t.term === first!.term && rest.every((r) => at.get(t.position + r.offset - first!.offset) === r.term)).length;
}

export interface ReferenceHit {
  record_id: string;
  score: number;
}

/** Every provision that has every unit, best first (ties by record id), scored over all of `rows`. */
export function referenceSearch(rows: readonly ReferenceProvision[], units: readonly SearchUnit[], keep: (row: ReferenceProvision) => boolean = () => true): ReferenceHit[] {
  const docs = rows.map((row) => {
    const tokens = provisionTokens(row.title, row.clause_text);
    return { row, length: tokens.filter((t) => !t.stop).length, tfs: units.map((u) => unitTf(u, tokens)) };
  });
  const n = docs.length;
  const avgdl = docs.reduce((sum, d) => sum + d.length, 0) / n;
  const df = units.map((_, i) => docs.filter((d) => d.tfs[i]! > 0).length);
  const hits: ReferenceHit[] = [];
  for (const d of docs) {
    if (!d.tfs.every((tf) => tf > 0) || !keep(d.row)) continue;
    let score = 0;
    d.tfs.forEach((tf, i) => {
      const idf = Math.log(1 + (n - df[i]! + 0.5) / (df[i]! + 0.5));
      score += (idf * (tf * (BM25_K1 + 1))) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * d.length) / avgdl));
    });
    hits.push({ record_id: d.row.record_id, score });
  }
  return hits.sort((a, b) => b.score - a.score || (a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0));
}

/** The fallback's rule in TypeScript: every unit's words, as typed, a substring of title + ' ' + clause. */
export function referenceSubstring(rows: readonly ReferenceProvision[], units: readonly SearchUnit[], keep: (row: ReferenceProvision) => boolean = () => true): string[] {
  return rows
    .filter((row) => {
      const text = `${row.title ?? ''} ${row.clause_text ?? ''}`.toLowerCase();
      return keep(row) && units.every((u) => text.includes(u.text));
    })
    .map((row) => row.record_id)
    .sort();
}
