import { describe, expect, it } from 'vitest';
import { groupCoverage } from '../../src/lib/overview/group-coverage';

const row = (category_id: string, group_name: string | null) => ({ category_id, name: category_id, group_name, platforms: 1, provisions: 1 });

describe('groupCoverage', () => {
  it('gathers categories under their group in the order given, ungrouped as null', () => {
    const rows = [row('a', 'Data'), row('b', 'Data'), row('c', 'Disputes'), row('d', null), row('e', null)];
    expect(groupCoverage(rows)).toEqual([
      { group: 'Data', categories: [rows[0], rows[1]] },
      { group: 'Disputes', categories: [rows[2]] },
      { group: null, categories: [rows[3], rows[4]] }
    ]);
  });

  it('keeps a group named "null" apart from ungrouped categories', () => {
    expect(groupCoverage([row('a', 'null'), row('b', null)]).map((g) => g.group)).toEqual(['null', null]);
  });

  it('returns nothing for no categories', () => {
    expect(groupCoverage([])).toEqual([]);
  });
});
