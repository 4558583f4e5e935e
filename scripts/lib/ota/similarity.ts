/**
 * How alike two paragraphs are, to tell "this clause was reworded" from "this clause went and another came".
 * The measure is the Dice coefficient of the two paragraphs' words counted as multisets:
 * 2 × (words in common) / (words in A + words in B), from 0 (nothing shared) to 1 (the same words).
 * Words are runs of letters and digits, lower-cased (comparison keys drop spaces, so they cannot be used here).
 */

/** Reworded when at least this alike (see the README of data/rules/ota for how it was chosen). */
export const SIMILARITY_THRESHOLD = 0.5;

export type WordBag = Map<string, number>;

export function wordBag(text: string): WordBag {
  const bag: WordBag = new Map();
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) bag.set(m[0], (bag.get(m[0]) ?? 0) + 1);
  return bag;
}

function size(bag: WordBag): number {
  let n = 0;
  for (const count of bag.values()) n += count;
  return n;
}

export function similarity(a: WordBag, b: WordBag): number {
  const total = size(a) + size(b);
  if (total === 0) return 1;
  let common = 0;
  for (const [word, count] of a) common += Math.min(count, b.get(word) ?? 0);
  return (2 * common) / total;
}

export interface Pair {
  /** Index into the old list. */
  from: number;
  /** Index into the new list. */
  to: number;
  similarity: number;
}

/**
 * Pairs old and new paragraphs that are at least `threshold` alike, most alike first; each paragraph is in at most
 * one pair. Ties go to the earlier old paragraph, then to the earlier new one, so the pairing is deterministic.
 * `compatible` restricts which pairs may be formed (the same category).
 */
export function pairBySimilarity(
  from: readonly WordBag[],
  to: readonly WordBag[],
  compatible: (from: number, to: number) => boolean,
  threshold = SIMILARITY_THRESHOLD
): Pair[] {
  const candidates: Pair[] = [];
  for (let i = 0; i < from.length; i++) {
    for (let j = 0; j < to.length; j++) {
      if (!compatible(i, j)) continue;
      const s = similarity(from[i]!, to[j]!);
      if (s >= threshold) candidates.push({ from: i, to: j, similarity: s });
    }
  }
  candidates.sort((x, y) => y.similarity - x.similarity || x.from - y.from || x.to - y.to);
  const usedFrom = new Set<number>();
  const usedTo = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (usedFrom.has(c.from) || usedTo.has(c.to)) continue;
    usedFrom.add(c.from);
    usedTo.add(c.to);
    pairs.push(c);
  }
  return pairs;
}
