import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/lib/format/excerpt';
import { longClause, LONG_CLAUSE_LENGTH } from '../helpers/reading-exports';

describe('excerpt', () => {
  it('keeps a text that fits whole, without an ellipsis', () => {
    expect(excerpt('Short clause.', 100)).toBe('Short clause.');
    expect(excerpt('a\nb\nc', 100, 3)).toBe('a\nb\nc');
  });

  it('cuts at the last word boundary before the limit and marks the cut', () => {
    expect(excerpt('The quick brown fox jumps over the lazy dog', 20)).toBe('The quick brown fox…');
    // No boundary in the last 40%: cut at the limit rather than keep a stub.
    expect(excerpt('Supercalifragilisticexpialidocious word', 20)).toBe('Supercalifragilistic…');
  });

  it('stops after maxLines lines, even when the characters would fit', () => {
    expect(excerpt('one\ntwo\nthree\nfour', 1000, 2)).toBe('one\ntwo…');
  });

  it('cuts the 8,666-character clause to at most the limit, at a word', () => {
    const text = longClause(LONG_CLAUSE_LENGTH);
    expect(text).toHaveLength(LONG_CLAUSE_LENGTH);
    const cut = excerpt(text, 1000, 14);
    expect(cut.length).toBeLessThanOrEqual(1001);
    expect(cut.endsWith('…')).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(text[cut.length - 1]).toMatch(/\s/);
  });
});
