/**
 * The comparison key of a paragraph's plain text: what is left when everything a re-rendering of the same page can
 * change is folded away. Two paragraphs with the same key say the same thing; a version whose keys all equal the
 * previous version's is a formatting-only version and creates no provision version.
 *
 * Folded, in order (each one seen flipping back and forth in real Open Terms Archive histories):
 * - Unicode compatibility forms (NFKC: no-break spaces, ligatures, full-width characters, "…");
 * - quotes and apostrophes (’ ‘ “ ” „ « » ′ ″ → ' and "), dashes and minus signs (‐ ‑ ‒ – — ― − → -);
 * - letter case;
 * - English dates: "August 28, 2025", "28 August 2025", "Aug. 28th 2025" → "28 august 2025" (pages render the
 *   date in the locale of the browser that fetched them), and relative times ("updated 5 days ago");
 * - all whitespace, removed rather than collapsed, so that where a line or paragraph breaks does not matter
 *   ("2025These" and "2025 These" are one rendering glitch apart).
 * Markdown (links, emphasis, list markers, headings, escapes, HTML) was already removed by markdown-inline.ts and
 * paragraphs.ts.
 */
import { createHash } from 'node:crypto';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
// The year may run into the next word ("2025Previous Version"): no word boundary after it, only no further digit.
const MONTH_FIRST = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+(\\d{4})(?!\\d)`, 'g');
const DAY_FIRST = new RegExp(`(?<!\\d)${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})(?!\\d)`, 'g');
/** "5 days ago", "an hour ago", "yesterday": pages that say how long ago they were updated change every day. */
const RELATIVE_TIME = /\b(?:(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|yesterday)\b/g;

function monthName(abbreviation: string): string {
  return MONTHS.find((m) => m.startsWith(abbreviation.slice(0, 3)))!;
}

/**
 * Typography folded, whitespace collapsed, case and dates kept: the text rules' regular expressions read this, so a
 * rule written with "don't" also matches "don’t".
 */
export function foldTypography(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[’‘‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export function comparisonKey(text: string): string {
  return foldTypography(text)
    .toLowerCase()
    .replace(MONTH_FIRST, (_, month: string, day: string, year: string) => `${Number(day)} ${monthName(month)} ${year}`)
    .replace(DAY_FIRST, (_, day: string, month: string, year: string) => `${Number(day)} ${monthName(month)} ${year}`)
    .replace(RELATIVE_TIME, 'some time ago')
    .replace(/\s+/g, '');
}

/** The fingerprint of a whole version: SHA-256 of its paragraphs' keys in order (headings included). */
export function fingerprint(keys: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const key of keys) hash.update(key);
  return hash.digest('hex');
}
