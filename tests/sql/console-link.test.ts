import { describe, expect, it } from 'vitest';
import { sqlConsoleHref } from '../../src/lib/sql/console-link';
import { queryFromSearch } from '../../src/lib/sql/share';

describe('sqlConsoleHref', () => {
  const query = { sql: 'SELECT * FROM provisions WHERE platform_id = ? AND severity IN (?, ?)', params: ["o'x", 'high', null] };

  it('opens /sql with the statement, its parameters written in, decoded by the console as is', () => {
    const href = sqlConsoleHref('/base', query, new URL('http://h/compare?category=a&export=demo&url=https%3A%2F%2Fe.org%2Fx%2F&files=abc-1'));
    const url = new URL(href, 'http://h');
    expect(url.pathname).toBe('/base/sql');
    expect(queryFromSearch(url.searchParams)).toEqual({ sql: "SELECT * FROM provisions WHERE platform_id = 'o''x' AND severity IN ('high', NULL)" });
    // The export stays open; the view's own filters are not the console's.
    expect(url.searchParams.get('export')).toBe('demo');
    expect(url.searchParams.get('url')).toBe('https://e.org/x/');
    expect(url.searchParams.get('files')).toBe('abc-1');
    expect(url.searchParams.has('category')).toBe(false);
  });

  it('throws rather than link a statement whose parameters do not match', () => {
    expect(() => sqlConsoleHref('', { sql: 'SELECT ?', params: [] }, null)).toThrow(/1 \? placeholder/);
  });
});
