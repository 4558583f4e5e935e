import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../scripts/lib/demo/categories';
import { FOLD_AT, FOLDED_ROWS, foldable, groupCoverage, shownCategories } from '../../src/lib/overview/group-coverage';

const row = (category_id: string, group_name: string | null) => ({
  category_id,
  name: category_id,
  group_name,
  short_label: null,
  platforms: 1,
  provisions: 1
});

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

describe('folding long groups', () => {
  const group = (n: number) => ({ group: 'G', categories: Array.from({ length: n }, (_, i) => row(`c${String(i).padStart(3, '0')}`, 'G')) });

  it('draws a group of up to FOLD_AT categories whole', () => {
    const g = group(FOLD_AT);
    expect(foldable(g)).toBe(false);
    expect(shownCategories(g, false)).toEqual(g.categories);
  });

  it('draws the first FOLDED_ROWS of a longer group until it is opened, in the given order', () => {
    const g = group(250);
    expect(foldable(g)).toBe(true);
    expect(shownCategories(g, false)).toEqual(g.categories.slice(0, FOLDED_ROWS));
    expect(shownCategories(g, true)).toHaveLength(250);
  });

  it('folds none of the demo’s groups, so the demo’s overview is drawn as before', () => {
    const sizes = new Map<string, number>();
    for (const c of CATEGORIES) sizes.set(c.group, (sizes.get(c.group) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(FOLD_AT);
  });
});
