import { describe, expect, it } from 'vitest';
import { decodeQuery, encodeQuery, queryFromSearch, searchWithQuery, SHARE_PARAM } from '../../src/lib/sql/share';
import { examplesFor, GENERIC_EXAMPLES } from '../../src/lib/sql/examples';

/** Every kind of example, with an id and a name that need quoting. */
const EXAMPLE_QUERIES = [
  ...GENERIC_EXAMPLES,
  ...examplesFor({
    active: 1,
    rated: 1,
    topPlatform: { id: "o'brien", name: 'O’Brien' },
    topCategory: { id: 'ai_training_data', name: 'Training' },
    regulations: 1,
    severeCitation: { category: { id: 'ai_training_data', name: 'Training' }, regulation: "Art. 6 'GDPR'" },
    datedVersions: 1,
    snapshots: 1,
    documents: 1,
    sourceRatings: 1,
    ruleFound: 1,
    unnamedDocuments: 1
  })
];

describe('share codec', () => {
  const texts = [
    'SELECT 1',
    "SELECT 'Ärger — 仲裁 🤝' AS x, '%20&=?#' AS y",
    ...EXAMPLE_QUERIES.map((e) => e.sql),
    'SELECT\n\t1\r\n-- comment'.repeat(200)
  ];

  it.each(texts.map((t) => [t.slice(0, 40), t]))('round-trips %j', (_label, sql) => {
    const encoded = encodeQuery(sql);
    // lz-string's URI alphabet; '+' reads as a space in a query string, which the decoder undoes.
    expect(encoded).toMatch(/^[A-Za-z0-9+\-$]*$/);
    expect(decodeQuery(encoded.replaceAll('+', ' '))).toEqual({ sql });
    expect(decodeQuery(encoded)).toEqual({ sql });
    const search = searchWithQuery(new URLSearchParams('export=demo'), sql);
    expect(search.get('export')).toBe('demo');
    expect(queryFromSearch(new URLSearchParams(search.toString()))).toEqual({ sql });
  });

  it('compresses a long query', () => {
    const sql = EXAMPLE_QUERIES.map((e) => e.sql).join('\n');
    expect(encodeQuery(sql).length).toBeLessThan(sql.length);
  });

  it('says a damaged link is damaged instead of opening an empty editor', () => {
    const encoded = encodeQuery(EXAMPLE_QUERIES[1]!.sql);
    for (const broken of [encoded.slice(0, 12), '!!!not-lz', 'A']) {
      expect(decodeQuery(broken)).toEqual({ error: expect.stringMatching(/incomplete or damaged/) });
    }
  });

  it('has no query without the parameter, and removes it for an empty editor', () => {
    expect(queryFromSearch(new URLSearchParams('export=demo'))).toBeNull();
    expect(queryFromSearch(new URLSearchParams(`${SHARE_PARAM}=`))).toBeNull();
    expect(searchWithQuery(new URLSearchParams(`export=demo&${SHARE_PARAM}=abc`), '  ').toString()).toBe('export=demo');
  });
});
