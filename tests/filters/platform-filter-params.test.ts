import { describe, expect, it } from 'vitest';
import { platformFilterPatch, platformFilterValue, textSetParam } from '../../src/lib/components/filters/params';

describe('platform filter <-> URL parameters', () => {
  it('maps every URL parameter to the control value', () => {
    expect(platformFilterValue({ sector: ['Fintech'], jurisdiction: ['DE'], q: 'bank', platform: ['a', 'b'] })).toEqual({
      sectors: ['Fintech'],
      jurisdictions: ['DE'],
      q: 'bank',
      platforms: ['a', 'b']
    });
  });

  it.each([
    [{ sectors: ['Gaming'] }, { sector: ['Gaming'] }],
    [{ jurisdictions: [] }, { jurisdiction: [] }],
    [{ q: '' }, { q: '' }],
    [{ platforms: ['x'] }, { platform: ['x'] }],
    [{}, {}]
  ])('a change of %o touches only %o', (patch, expected) => {
    expect(platformFilterPatch(patch)).toEqual(expected);
  });
});

describe('sets of free-text values (sector names) in the URL', () => {
  const param = textSetParam({ max: 2, maxLength: 20 });

  it('keeps names with spaces, sorted and once each; drops empty, control-character, long and surplus ones, saying why', () => {
    expect(param.read(['Social media', 'Fintech', 'Fintech', '', 'a\u0007b', 'x'.repeat(21), 'Gaming'])).toEqual({
      value: ['Fintech', 'Social media'],
      ignored: [
        { raw: '', reason: 'empty' },
        { raw: 'a\u0007b', reason: 'holds control characters' },
        { raw: 'x'.repeat(21), reason: 'longer than 20 characters' },
        { raw: 'Gaming', reason: 'more than 2 values' }
      ]
    });
  });

  it('writes what it reads, and refuses to write what it would drop', () => {
    expect(param.write(['b', 'a', 'b'])).toEqual(['a', 'b']);
    expect(() => param.write([''])).toThrow('Cannot put "" in the URL: empty');
    expect(() => param.write(['a', 'b', 'c'])).toThrow('Cannot put 3 values in the URL: at most 2');
    expect(param.equals(['b', 'a'], ['a', 'b'])).toBe(true);
  });
});
