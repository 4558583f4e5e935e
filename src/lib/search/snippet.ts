/**
 * The piece of a clause a search result shows, cut into plain-text parts that are or are not a match. The page
 * renders them as text nodes (`<mark>` around matches), never as HTML, so a clause holding markup shows as text.
 */
import { unitMatchesTerm, type SearchUnit } from './parse-query';
import { tokenize } from './tokenize';

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface Snippet {
  parts: SnippetPart[];
  /** Text was left out before / after the parts. */
  before: boolean;
  after: boolean;
}

/** Where the units match in `text`, as [start, end) offsets in order: words by their terms, or substrings. */
export function matchRanges(text: string, units: readonly SearchUnit[], mode: 'terms' | 'substrings'): [number, number][] {
  if (mode === 'terms') {
    return tokenize(text)
      .filter((t) => !t.stop && units.some((u) => unitMatchesTerm(u, t.term)))
      .map((t) => [t.start, t.end]);
  }
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const unit of units) {
    if (unit.text === '') continue;
    for (let at = lower.indexOf(unit.text); at !== -1; at = lower.indexOf(unit.text, at + unit.text.length)) {
      ranges.push([at, at + unit.text.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Overlapping substrings become one range.
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * About `maxChars` of `text` around its first match (its start when none), cut at spaces, with the matches marked.
 * `lower()` in the fallback's SQL and `toLowerCase()` here agree on the texts the fallback is for; a character
 * whose lower case changes length could shift a mark, never the text shown.
 */
export function snippet(text: string, units: readonly SearchUnit[], mode: 'terms' | 'substrings', maxChars = 280): Snippet {
  const ranges = matchRanges(text, units, mode);
  let start = 0;
  if (ranges.length > 0 && text.length > maxChars) {
    start = Math.max(0, ranges[0]![0] - Math.floor(maxChars / 4));
    if (start > 0) {
      const space = text.indexOf(' ', start);
      start = space === -1 || space > ranges[0]![0] ? start : space + 1;
    }
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const parts: SnippetPart[] = [];
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    if (from > at) parts.push({ text: text.slice(at, from), hit: false });
    parts.push({ text: text.slice(from, to), hit: true });
    at = to;
  }
  if (at < end) parts.push({ text: text.slice(at, end), hit: false });
  return { parts, before: start > 0, after: end < text.length };
}
