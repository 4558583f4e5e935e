/** Platform vs platform's URL state: the ordered `ids` list, the day and the categories shown. */
import { describe, expect, it } from 'vitest';
import { platformCompareParams, readableSearch } from '../../src/lib/platform-compare/params';

const parse = (search: string) => platformCompareParams.parse(new URLSearchParams(search));

describe('platform compare URL state', () => {
  it.each([
    ['ids=b,a', ['b', 'a'], 0],
    ['ids=a&ids=b', ['a', 'b'], 0],
    ['ids=a,,b,', ['a', 'b'], 0],
    ['ids=a,b,a', ['a', 'b'], 1],
    ['ids=a,b,c,d,e', ['a', 'b', 'c', 'd'], 1],
    ['ids=a,b%20c,d', ['a', 'd'], 1],
    ['ids=', [], 0]
  ])('%s', (search, ids, notes) => {
    const parsed = parse(search);
    expect(parsed.value.ids).toEqual(ids);
    expect(parsed.notes).toHaveLength(notes);
  });

  it('says why an id was ignored', () => {
    expect(parse('ids=a,b,c,d,e').notes).toEqual(['Ignored ids=e: at most 4 platforms are compared side by side']);
    expect(parse('ids=a,a').notes).toEqual(['Ignored ids=a: already in the list']);
    expect(parse('ids=a,b&asOf=2023-02-30&show=some').notes).toHaveLength(2);
  });

  it('writes one canonical, readable URL that reads back the same', () => {
    const value = { ids: ['quillora', 'verbalyn'], asOf: '2024-06-30', show: 'differences' as const };
    const search = platformCompareParams.serialize(value).toString();
    expect(readableSearch(`?${search}`)).toBe('?ids=quillora,verbalyn&asOf=2024-06-30&show=differences');
    expect(parse(readableSearch(search)).value).toEqual(value);
    expect(platformCompareParams.serialize({ ids: [], asOf: null, show: 'all' }).toString()).toBe('');
    expect(() => platformCompareParams.serialize({ ...value, ids: ['a', 'a'] })).toThrow();
    // Only the ids' commas are decoded.
    expect(readableSearch('?q=x%2Cy&ids=a%2Cb')).toBe('?q=x%2Cy&ids=a,b');
  });
});
