import { describe, expect, it } from 'vitest';
import { provisionHref } from '../../src/lib/compare/links';
import { idLocation, pageId, repairPercentEncoding, reroutePath } from '../../src/lib/routing/id-paths';

describe('ids in URLs', () => {
  it.each([
    ['CA-P-000001', '/provisions/CA-P-000001', {}],
    ['a/b', '/provisions/a%2Fb', {}],
    ['..', '/provisions', { id: '..' }],
    ['.', '/provisions', { id: '.' }],
    ['...', '/provisions/...', {}]
  ])('%j', (id, path, params) => {
    expect(idLocation('provisions', id)).toEqual({ path, params });
  });

  it('a dot id survives the URL parser and is routed to its page, with ?export= kept', () => {
    const href = provisionHref('', '..', new URL('http://x/?export=dots'));
    const url = new URL(href, 'http://x/');
    expect(url.pathname).toBe('/provisions');
    // Routed to the record page; the page reads the id from the query (a path cannot hold it, not even SvelteKit's).
    expect(reroutePath(url)).toBe('/provisions/by-id');
    expect(pageId(url, 'by-id')).toBe('..');
    // A record whose id really is "by-id" keeps its own path.
    const real = new URL(provisionHref('', 'by-id', null), 'http://x/');
    expect(reroutePath(real)).toBe('/provisions/by-id');
    expect(pageId(real, 'by-id')).toBe('by-id');
    expect(pageId(new URL('http://x/provisions/a?id=..'), 'a')).toBe('a');
  });

  it('a platform whose id is "compare" goes by ?id=, so /platforms/compare stays the comparison page', () => {
    expect(idLocation('platforms', 'compare')).toEqual({ path: '/platforms', params: { id: 'compare' } });
    expect(idLocation('provisions', 'compare')).toEqual({ path: '/provisions/compare', params: {} });
    const url = new URL('http://x/platforms?id=compare');
    expect(reroutePath(url)).toBe('/platforms/by-id');
    expect(pageId(url, 'by-id')).toBe('compare');
    expect(reroutePath(new URL('http://x/platforms/compare?ids=a,b'))).toBe('/platforms/compare');
    expect(reroutePath(new URL('http://x/provisions?id=compare'))).toBe('/provisions');
  });

  it('broken percent-encoding is taken literally, sound encoding is left alone', () => {
    expect(repairPercentEncoding('/provisions/%E0%A4%A')).toBe('/provisions/%25E0%25A4%25A');
    expect(decodeURIComponent(repairPercentEncoding('/provisions/%E0%A4%A').split('/').at(-1)!)).toBe('%E0%A4%A');
    expect(repairPercentEncoding('/provisions/%E0%A4%A4')).toBe('/provisions/%E0%A4%A4');
    expect(repairPercentEncoding('/platforms/%ZZ/x')).toBe('/platforms/%25ZZ/x');
    expect(reroutePath(new URL('http://x/compare?id=..'))).toBe('/compare');
  });
});
