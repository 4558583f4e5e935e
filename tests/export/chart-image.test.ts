/** The credit line of a chart's SVG, wrapped between words so it stays inside the image. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/lib/export/chart-image';

describe('wrap', () => {
  it('keeps every word, in order, in lines no longer than asked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }).filter((w) => !/\s/.test(w)), { maxLength: 30 }), fc.integer({ min: 5, max: 60 }), (words, chars) => {
        const lines = wrap(words.join(' '), chars);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(chars);
        // Joined again (long words were cut into pieces), the text is the words' characters in order.
        expect(lines.join('').replace(/\s/g, '')).toBe(words.join(''));
        // No line could have taken the next line's first piece.
        for (let i = 1; i < lines.length; i++) expect(lines[i - 1]!.length + 1 + lines[i]!.split(' ')[0]!.length).toBeGreaterThan(chars);
      }),
      { numRuns: 300 }
    );
  });

  it('breaks a real attribution between words', () => {
    expect(wrap('Data: ToS;DR · Licence: CC BY-SA 3.0 · tosdr.org contributors', 24)).toEqual([
      'Data: ToS;DR · Licence:',
      'CC BY-SA 3.0 · tosdr.org',
      'contributors'
    ]);
    expect(wrap('', 10)).toEqual(['']);
  });
});
