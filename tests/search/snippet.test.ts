/** Snippets of search results: the marked parts are the matching words, the text is kept as text. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/lib/search/parse-query';
import { searchHref, searchParams } from '../../src/lib/search/params';
import { snippet } from '../../src/lib/search/snippet';

const units = (q: string) => parseQuery(q).units;
const marked = (s: ReturnType<typeof snippet>) => s.parts.filter((p) => p.hit).map((p) => p.text);

describe('snippet', () => {
  it('marks every word whose term a unit matches, and keeps the rest as it is', () => {
    const text = 'We may use <b>Content</b> to Train models; training stops when you opt out.';
    const s = snippet(text, units('train* "opt out" content'), 'terms');
    expect(marked(s)).toEqual(['Content', 'Train', 'training', 'opt', 'out']);
    expect(s.parts.map((p) => p.text).join('')).toBe(text);
    expect([s.before, s.after]).toEqual([false, false]);
  });

  it('cuts a long clause around its first match, at spaces', () => {
    const text = `${'lorem ipsum '.repeat(60)}the arbitration clause ${'dolor sit '.repeat(60)}`;
    const s = snippet(text, units('arbitration'), 'terms', 120);
    const shown = s.parts.map((p) => p.text).join('');
    expect(s.before && s.after).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(120);
    expect(shown.startsWith('lorem') || shown.startsWith('ipsum')).toBe(true);
    expect(marked(s)).toEqual(['arbitration']);
  });

  it('marks substrings as typed in the fallback, merging overlaps', () => {
    const s = snippet('Training data; retraining.', units('training rain'), 'substrings');
    expect(marked(s)).toEqual(['Training', 'training']);
  });
});

describe('search URL', () => {
  it('the header box keeps the chosen export, and a search reads back from its URL', () => {
    expect(searchHref('', 'opt out', '')).toBe('/search?q=opt+out');
    expect(searchHref('/app', ' ', '?export=tosdr')).toBe('/app/search?export=tosdr');
    expect(searchHref('', '"opt out"', '?export=tosdr')).toBe('/search?export=tosdr&q=%22opt+out%22');
    const { value, notes } = searchParams.parse(new URLSearchParams('q=%22opt+out%22&pq=chat&severity=critical&page=2&from=2024-02-30'));
    expect(value).toMatchObject({ q: '"opt out"', pq: 'chat', severity: ['critical'], page: 2, from: null });
    expect(notes).toEqual(['Ignored from=2024-02-30: not a calendar day']);
    expect(searchParams.serialize(value).toString()).toBe('q=%22opt+out%22&pq=chat&severity=critical&page=2');
  });
});
