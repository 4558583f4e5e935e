/**
 * Word-level differences between two clause texts, as plain text parts for the two sides of a side-by-side view
 * (rendered as text spans, never as HTML). jsdiff's `diffWordsWithSpace` treats each word, punctuation mark, newline
 * and run of spaces as a token, so the parts of each side put together give back that side's text exactly.
 */
import { diffWordsWithSpace } from 'diff';

export type PartKind = 'same' | 'removed' | 'added';

export interface DiffPart {
  text: string;
  kind: PartKind;
}

export interface ClauseDiff {
  /** The older text: unchanged and removed parts. */
  left: DiffPart[];
  /** The newer text: unchanged and added parts. */
  right: DiffPart[];
  /** Words (tokens other than spaces) removed from the left and added on the right. */
  removedWords: number;
  addedWords: number;
  /** False when the texts could not be aligned in time (very long, very different texts): each side is shown whole. */
  aligned: boolean;
}

/** Longest the alignment may take; past it the two texts are shown whole, marked as entirely different. */
const TIMEOUT_MS = 400;

function words(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

export function clauseDiff(older: string, newer: string, { timeout = TIMEOUT_MS } = {}): ClauseDiff {
  const changes = diffWordsWithSpace(older, newer, { timeout });
  if (!changes) {
    return {
      left: older === '' ? [] : [{ text: older, kind: 'removed' }],
      right: newer === '' ? [] : [{ text: newer, kind: 'added' }],
      removedWords: words(older),
      addedWords: words(newer),
      aligned: false
    };
  }
  const left: DiffPart[] = [];
  const right: DiffPart[] = [];
  let removedWords = 0;
  let addedWords = 0;
  for (const c of changes) {
    if (c.added) {
      right.push({ text: c.value, kind: 'added' });
      addedWords += words(c.value);
    } else if (c.removed) {
      left.push({ text: c.value, kind: 'removed' });
      removedWords += words(c.value);
    } else {
      left.push({ text: c.value, kind: 'same' });
      right.push({ text: c.value, kind: 'same' });
    }
  }
  return { left, right, removedWords, addedWords, aligned: true };
}
