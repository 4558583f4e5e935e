/** Word-level clause diffs: each side rebuilds its text exactly, and what is marked is what differs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clauseDiff } from '../../src/lib/changes/clause-diff';
import { fixtureVersions } from './time-reference';

const join = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

describe('clauseDiff', () => {
  it('marks the words that changed between two versions of a fixture clause', () => {
    const v = fixtureVersions().filter((x) => x.record_id === 'FX-P-019');
    const d = clauseDiff(v[0]!.clause_text!, v[1]!.clause_text!);
    expect(join(d.left)).toBe(v[0]!.clause_text);
    expect(join(d.right)).toBe(v[1]!.clause_text);
    // "…to measure ads." -> "…to measure and personalise ads across sites."
    expect(d.right.filter((p) => p.kind === 'added').map((p) => p.text.trim()).join(' ')).toBe('and personalise across sites');
    expect(d.left.filter((p) => p.kind === 'removed')).toEqual([]);
    expect(d).toMatchObject({ removedWords: 0, addedWords: 4, aligned: true });
  });

  it('keeps newlines, quotes, emoji and markup-looking text as text', () => {
    const a = '=== 14. Binding arbitration ===\nWe use <b>"photos"</b> 📷.';
    const b = '=== 14. Arbitration ===\nWe use <b>"photos" and videos</b> 📷 🤖.';
    const d = clauseDiff(a, b);
    expect(join(d.left)).toBe(a);
    expect(join(d.right)).toBe(b);
    expect(d.left.some((p) => p.kind === 'removed' && p.text.includes('Binding'))).toBe(true);
    expect(d.right.some((p) => p.kind === 'added' && p.text.includes('🤖'))).toBe(true);
  });

  it('identical texts have no marked part; an empty side is all added or removed', () => {
    expect(clauseDiff('Same text.', 'Same text.')).toMatchObject({ removedWords: 0, addedWords: 0 });
    expect(clauseDiff('', 'New clause here.')).toMatchObject({ left: [], right: [{ text: 'New clause here.', kind: 'added' }], addedWords: 3 });
  });

  it('falls back to whole texts when alignment runs out of time', () => {
    const a = Array.from({ length: 4000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 4000 }, (_, i) => `b${i}`).join(' ');
    const d = clauseDiff(a, b, { timeout: 1 });
    expect(d.aligned).toBe(false);
    expect(join(d.left)).toBe(a);
    expect(join(d.right)).toBe(b);
  });

  it('rebuilds both texts for any pair, and marks nothing the two share in full', () => {
    const word = fc.constantFrom('data', 'we', 'may', 'use', 'your', ',', '.', ' ', '  ', '\n', 'Ä', '😀', '"', '<i>');
    const text = fc.array(word, { maxLength: 40 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = clauseDiff(a, b);
        expect(join(d.left)).toBe(a);
        expect(join(d.right)).toBe(b);
        expect(d.left.every((p) => p.kind !== 'added')).toBe(true);
        expect(d.right.every((p) => p.kind !== 'removed')).toBe(true);
        if (a === b) expect(d.left.concat(d.right).every((p) => p.kind === 'same')).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
});

describe('clauseTextsQuery', () => {
  it('gives the chosen versions’ texts, and the provision’s text only for the current version', async () => {
    const { loadFixture } = await import('../helpers/fixture');
    const { clauseTextsQuery } = await import('../../src/lib/queries/clause-texts');
    const fixture = await loadFixture();
    try {
      const q = clauseTextsQuery('FX-P-001', [1, 3]);
      const rows = await fixture.db.query(q.sql, q.params);
      const v = fixtureVersions().filter((x) => x.record_id === 'FX-P-001');
      expect(rows.map((r) => [r.version, r.clause_text, r.text_source, r.severity])).toEqual([
        [1, v[0]!.clause_text, 'version', 'medium'],
        [3, v[2]!.clause_text, 'version', 'critical']
      ]);
      // A source without per-version text: only the current version's wording is known, from the provision.
      await fixture.db.exec("UPDATE provision_versions SET clause_text = NULL WHERE record_id = 'FX-P-001'");
      const blind = await fixture.db.query(clauseTextsQuery('FX-P-001', [2, 3]).sql, clauseTextsQuery('FX-P-001', [2, 3]).params);
      expect(blind.map((r) => [r.version, r.text_source])).toEqual([[2, null], [3, 'provision']]);
      expect(blind[0]!.clause_text).toBeNull();
      expect(blind[1]!.clause_text).toBe(v[2]!.clause_text);
      expect(() => clauseTextsQuery('FX-P-001', [])).toThrow();
    } finally {
      fixture.db.close();
    }
  });
});
