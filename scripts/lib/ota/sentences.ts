/**
 * Sentences of an oversized paragraph. Some pages come out of extraction as one block of tens of thousands of
 * characters (a whole agreement with its section breaks lost: "…these Terms.1. Services.Subject to…"); such a block
 * is no paragraph, and one edit anywhere in it would rewrite every provision found in it. Blocks longer than
 * MAX_PARAGRAPH_CHARS are therefore tracked sentence by sentence.
 */

/** Longer than any real paragraph of the sample (99% are under 1,450 characters; the glued blocks run to 54,000). */
export const MAX_PARAGRAPH_CHARS = 2500;

/** Words after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'inc', 'ltd', 'llc', 'co',
  'corp', 'no', 'nos', 'art', 'sec', 'para', 'vs', 'cf', 'st',
  'mr', 'mrs', 'ms', 'dr', 'u.s', 'u.k', 'e.u', 'approx', 'incl'
]);

/**
 * Splits after `.`, `!` or `?` (and any closing quote or bracket) when the next sentence starts with a capital
 * letter, a digit or an opening quote — with or without a space, since glued blocks lost theirs. A period after an
 * abbreviation or a single letter ("U.S.", "e.g.", "Inc.") or between digits ("1.2") does not split.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?]["”’)\]]*(?=\s*["“‘(]?[\p{Lu}\p{N}])/gu;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].length;
    const before = /([\p{L}.]+)[.!?]["”’)\]]*$/u.exec(text.slice(Math.max(start, m.index - 12), end));
    const word = before ? before[1]!.toLowerCase().replace(/\.$/, '') : '';
    if (m[0][0] === '.' && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) continue;
    if (m[0][0] === '.' && /\d$/.test(text.slice(0, m.index)) && /^\d/.test(text.slice(end))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence !== '') out.push(sentence);
    start = end;
  }
  const last = text.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}
