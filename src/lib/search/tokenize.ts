/**
 * The one tokenizer of clause search, shared by the export writer (Node: `scripts/lib/clause-terms.ts` builds the
 * `clause_terms` table with it) and the app (the terms of a query, the words a snippet highlights). Both sides must
 * cut text the same way, or a query term would never meet the indexed one.
 *
 * A word is a run of Unicode letters, combining marks and digits, with inner apostrophes ("user's", "don't").
 * Words are NFKC-normalised, lower-cased, lose a possessive "'s" and their apostrophes, then are stemmed (`stem.ts`).
 * Every word takes the next position, stop words too, so a phrase's words keep their distances; stop words are
 * not indexed.
 */
import { stem } from './stem';

/**
 * English stop words: Lucene's default English set (33 words). Short on purpose: "not", "no" and "without" carry
 * meaning in a clause but are too common to rank, while a longer list would drop words such as "opt" or "out".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with'
]);

export interface Token {
  /** The indexed form: normalised, lower-case, stemmed. */
  term: string;
  /** The word before stemming (normalised, lower-case, without apostrophes): what a prefix query matches. */
  word: string;
  /** 0-based position among all words of the text, stop words included. */
  position: number;
  /** UTF-16 offsets of the word in the original text, for highlighting. */
  start: number;
  end: number;
  stop: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** The normalised, lower-case form of one word, without possessive "'s" and apostrophes. */
export function normaliseWord(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
}

/** Every word of `text`, in order, with its term and position (stop words flagged, not dropped). */
export function tokenize(text: string, firstPosition = 0): Token[] {
  const tokens: Token[] = [];
  let position = firstPosition;
  for (const match of text.matchAll(WORD)) {
    const word = normaliseWord(match[0]);
    const stop = STOP_WORDS.has(word);
    tokens.push({ term: stop ? word : stem(word), word, position: position++, start: match.index, end: match.index + match[0].length, stop });
  }
  return tokens;
}

/**
 * The words a provision is searched by: its title, then its clause text. The clause's positions start one past the
 * title's last word plus one, so no phrase runs from the title into the clause.
 */
export function provisionTokens(title: string | null, clauseText: string | null): Token[] {
  const head = tokenize(title ?? '');
  const start = head.length === 0 ? 0 : head[head.length - 1]!.position + 2;
  return [...head, ...tokenize(clauseText ?? '', start)];
}

/** One row of `clause_terms`: a term of one provision, how often and where it occurs. */
export interface TermPostings {
  term: string;
  tf: number;
  positions: number[];
}

/**
 * The postings of one provision, terms in code-point order: what `clause_terms` holds for it. `docLength` is the
 * number of indexed (non-stop) words, BM25's document length.
 */
export function provisionPostings(title: string | null, clauseText: string | null): { postings: TermPostings[]; docLength: number } {
  const byTerm = new Map<string, number[]>();
  let docLength = 0;
  for (const token of provisionTokens(title, clauseText)) {
    if (token.stop) continue;
    docLength++;
    const list = byTerm.get(token.term);
    if (list) list.push(token.position);
    else byTerm.set(token.term, [token.position]);
  }
  const postings = [...byTerm.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([term, positions]) => ({ term, tf: positions.length, positions }));
  return { postings, docLength };
}
