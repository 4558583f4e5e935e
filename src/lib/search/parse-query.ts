/**
 * What the analyst typed, as the units a search matches (every unit must match a provision — AND):
 *  - a word: its stemmed term (`training` matches "train", "trained", "trains");
 *  - a prefix, a word ending in `*` (`priv*`): any term beginning with the word or with its stem;
 *  - a phrase, words in double quotes (`"opt out"`), or words joined by punctuation (`opt-out`): the terms at the
 *    same distances as in the query (stop words count for the distance but need not match).
 * Stop words on their own are dropped, and the page says which (`ignored`).
 */
import { tokenize } from './tokenize';
import { stem } from './stem';

export type SearchUnit =
  | { kind: 'term'; term: string; text: string }
  | { kind: 'prefix'; prefixes: string[]; text: string }
  | { kind: 'phrase'; terms: { term: string; offset: number }[]; text: string };

export interface ParsedQuery {
  units: SearchUnit[];
  /** Stop words that were dropped because they would match nearly everything. */
  ignored: string[];
}

/** Longest query the page accepts: a search is a few words, not a document. */
export const MAX_QUERY_LENGTH = 500;
/** Units per query: each one is a scan of clause_terms. */
export const MAX_UNITS = 12;

function unitKey(unit: SearchUnit): string {
  if (unit.kind === 'term') return `t:${unit.term}`;
  if (unit.kind === 'prefix') return `p:${unit.prefixes.join(' ')}`;
  return `q:${unit.terms.map((t) => `${t.offset}:${t.term}`).join(' ')}`;
}

/** The words of one chunk (a quoted phrase, or text between spaces) as one unit, or null when only stop words. */
function chunkUnit(chunk: string, quoted: boolean, ignored: string[]): SearchUnit | null {
  const tokens = tokenize(chunk);
  if (tokens.length === 0) return null;
  if (!quoted && tokens.length === 1 && chunk.trimEnd().endsWith('*')) {
    const word = tokens[0]!.word;
    return { kind: 'prefix', prefixes: [...new Set([word, stem(word)])].sort(), text: word };
  }
  const kept = tokens.filter((t) => !t.stop);
  if (kept.length === 0) {
    ignored.push(...tokens.map((t) => t.word));
    return null;
  }
  const text = tokens.map((t) => t.word).join(' ');
  if (kept.length === 1) {
    if (tokens.length > 1) ignored.push(...tokens.filter((t) => t.stop).map((t) => t.word));
    return { kind: 'term', term: kept[0]!.term, text: kept[0]!.word };
  }
  const first = kept[0]!.position;
  return { kind: 'phrase', terms: kept.map((t) => ({ term: t.term, offset: t.position - first })), text };
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const units: SearchUnit[] = [];
  const ignored: string[] = [];
  // Quoted phrases first; an unclosed quote runs to the end (the analyst is still typing it).
  const parts = text.match(/"[^"]*"?|[^\s"]+/g) ?? [];
  for (const part of parts) {
    const quoted = part.startsWith('"');
    const unit = chunkUnit(quoted ? part.replace(/^"|"$/g, '') : part, quoted, ignored);
    if (unit && !units.some((u) => unitKey(u) === unitKey(unit))) units.push(unit);
  }
  return { units: units.slice(0, MAX_UNITS), ignored: [...new Set(ignored)] };
}

/** Does an indexed term match a unit's term set (words and prefixes; a phrase's terms each)? For highlighting. */
export function unitMatchesTerm(unit: SearchUnit, term: string): boolean {
  if (unit.kind === 'term') return unit.term === term;
  if (unit.kind === 'prefix') return unit.prefixes.some((p) => term.startsWith(p));
  return unit.terms.some((t) => t.term === term);
}
