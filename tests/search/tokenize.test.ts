/** The one tokenizer of search (builder and app) and the parser of what the analyst types. */
import { describe, expect, it } from 'vitest';
import { parseQuery, unitMatchesTerm } from '../../src/lib/search/parse-query';
import { provisionPostings, provisionTokens, STOP_WORDS, tokenize } from '../../src/lib/search/tokenize';

describe('tokenize', () => {
  it('lower-cases, stems, keeps stop words as positions and gives offsets into the original text', () => {
    const text = 'We TRAIN the models, and Users’ data.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.term, t.position, t.stop])).toEqual([
      ['we', 0, false],
      ['train', 1, false],
      ['the', 2, true],
      ['model', 3, false],
      ['and', 4, true],
      ['user', 5, false], // the apostrophe after "Users" ends the word: it is not inside one
      ['data', 6, false]
    ]);
    for (const t of tokens) expect(normaliseOriginal(text.slice(t.start, t.end))).toBe(t.word);
  });

  it('drops a possessive and inner apostrophes, splits on punctuation, keeps digits and Unicode letters', () => {
    expect(tokenize("the user's data; don't opt-out 2024 Données ÉTÉ").map((t) => t.term)).toEqual([
      'the', 'user', 'data', 'dont', 'opt', 'out', '2024', 'données', 'été'
    ]);
  });

  it('normalises compatibility forms (NFKC): full-width letters and ligatures match their plain forms', () => {
    expect(tokenize('ＤＡＴＡ ﬁle').map((t) => t.term)).toEqual(['data', 'file']);
  });

  it('has the 33 stop words of Lucene’s English set', () => {
    expect(STOP_WORDS.size).toBe(33);
    expect(STOP_WORDS.has('the') && STOP_WORDS.has('not') && !STOP_WORDS.has('out') && !STOP_WORDS.has('opt')).toBe(true);
  });

  it('puts the clause one position past a gap after the title, so no phrase spans both', () => {
    const tokens = provisionTokens('Data sale', 'Sale of data');
    expect(tokens.map((t) => [t.term, t.position])).toEqual([
      ['data', 0],
      ['sale', 1],
      ['sale', 3],
      ['of', 4],
      ['data', 5]
    ]);
    expect(provisionTokens(null, 'Data').map((t) => t.position)).toEqual([0]);
  });

  it('gives postings per term in code-point order, and the indexed length', () => {
    expect(provisionPostings('Data sale', 'Sale of the data, sold')).toEqual({
      postings: [
        { term: 'data', tf: 2, positions: [0, 6] },
        { term: 'sale', tf: 2, positions: [1, 3] },
        { term: 'sold', tf: 1, positions: [7] }
      ],
      docLength: 5
    });
    expect(provisionPostings(null, null)).toEqual({ postings: [], docLength: 0 });
  });
});

function normaliseOriginal(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/['’]s$/u, '').replace(/['’]/gu, '');
}

describe('parseQuery', () => {
  it('makes words terms, stemmed; drops stop words and says so', () => {
    expect(parseQuery('the Training of models')).toEqual({
      units: [
        { kind: 'term', term: 'train', text: 'training' },
        { kind: 'term', term: 'model', text: 'models' }
      ],
      ignored: ['the', 'of']
    });
  });

  it('makes quoted words and words joined by punctuation phrases, with the distances of the query', () => {
    expect(parseQuery('"right to object" opt-out').units).toEqual([
      { kind: 'phrase', terms: [{ term: 'right', offset: 0 }, { term: 'object', offset: 2 }], text: 'right to object' },
      { kind: 'phrase', terms: [{ term: 'opt', offset: 0 }, { term: 'out', offset: 1 }], text: 'opt out' }
    ]);
    // An unclosed quote is a phrase still being typed.
    expect(parseQuery('"sell your').units).toEqual([
      { kind: 'phrase', terms: [{ term: 'sell', offset: 0 }, { term: 'your', offset: 1 }], text: 'sell your' }
    ]);
    // A quoted phrase of one word is that word.
    expect(parseQuery('"arbitration"').units).toEqual([{ kind: 'term', term: 'arbitration', text: 'arbitration' }]);
  });

  it('makes a word ending in * a prefix of the word and of its stem', () => {
    expect(parseQuery('privacy* train*').units).toEqual([
      { kind: 'prefix', prefixes: ['privaci', 'privacy'], text: 'privacy' },
      { kind: 'prefix', prefixes: ['train'], text: 'train' }
    ]);
    const [privacy] = parseQuery('privacy*').units;
    expect(unitMatchesTerm(privacy!, 'privaci')).toBe(true);
    expect(unitMatchesTerm(privacy!, 'private')).toBe(false);
  });

  it('drops duplicates, nothing but stop words gives no unit, and SQL-like text is only words', () => {
    expect(parseQuery('data DATA datas').units).toEqual([{ kind: 'term', term: 'data', text: 'data' }]);
    expect(parseQuery('the and of').units).toEqual([]);
    expect(parseQuery("'; DROP TABLE provisions; --").units.map((u) => u.text)).toEqual(['drop', 'table', 'provisions']);
    expect(parseQuery('').units).toEqual([]);
  });
});
