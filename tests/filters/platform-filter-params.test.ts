import { describe, expect, it } from 'vitest';
import { platformFilterPatch, platformFilterValue } from '../../src/lib/components/filters/params';

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
