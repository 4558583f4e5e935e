/**
 * The light stemmer against the examples M. F. Porter gives for steps 1a, 1b and 1c in "An algorithm for suffix
 * stripping" (Program 14(3), 1980), plus the forms the search relies on.
 */
import { describe, expect, it } from 'vitest';
import { stem } from '../../src/lib/search/stem';

const PAPER: [string, string][] = [
  // Step 1a
  ['caresses', 'caress'],
  ['ponies', 'poni'],
  ['ties', 'ti'],
  ['caress', 'caress'],
  ['cats', 'cat'],
  // Step 1b
  ['feed', 'feed'],
  ['agreed', 'agree'],
  ['plastered', 'plaster'],
  ['bled', 'bled'],
  ['motoring', 'motor'],
  ['sing', 'sing'],
  // Step 1b, second part
  ['conflated', 'conflate'],
  ['troubled', 'trouble'],
  ['sized', 'size'],
  ['hopping', 'hop'],
  ['tanned', 'tan'],
  ['falling', 'fall'],
  ['hissing', 'hiss'],
  ['fizzed', 'fizz'],
  ['failing', 'fail'],
  ['filing', 'file'],
  // Step 1c
  ['happy', 'happi'],
  ['sky', 'sky']
];

describe('stem (Porter steps 1a–1c)', () => {
  it.each(PAPER)('%s → %s (the paper)', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('folds the forms of a word analysts search for', () => {
    expect(['train', 'trains', 'trained', 'training'].map(stem)).toEqual(['train', 'train', 'train', 'train']);
    expect(['policy', 'policies'].map(stem)).toEqual(['polici', 'polici']);
    expect(['arbitration', 'arbitrations'].map(stem)).toEqual(['arbitration', 'arbitration']);
  });

  it('keeps short words, digits and words that are not plain ASCII letters', () => {
    expect(stem('is')).toBe('is');
    expect(stem('us')).toBe('us');
    expect(stem('2024s')).toBe('2024s');
    expect(stem('données')).toBe('données');
    expect(stem('straße')).toBe('straße');
  });
});
