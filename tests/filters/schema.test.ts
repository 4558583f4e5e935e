import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/lib/contract/schema';
import {
  boolParam,
  dayParam,
  enumParam,
  idParam,
  idsParam,
  intParam,
  readDay,
  sortParam,
  textParam
} from '../../src/lib/filters/params';
import { defineParams, urlWith, type ParamValues } from '../../src/lib/filters/schema';

const SORTABLE = ['platform', 'severity', 'last_verified'] as const;

const specs = {
  category: idParam('ai_training_data'),
  asOf: dayParam({ min: '2000-01-01' }),
  severity: enumParam(SEVERITIES, null),
  platform: idsParam({ max: 3 }),
  limit: intParam({ fallback: 100, min: 1, max: 1000 }),
  sort: sortParam(SORTABLE, { column: 'platform', direction: 'asc' }),
  removed: boolParam(false),
  q: textParam({ maxLength: 20 })
};
const compare = defineParams(specs);
type Value = ParamValues<typeof specs>;

const D = compare.defaults;

/** Datasette-style rows: query string, the value parsed (as changes to the defaults), the notes. */
const cases: [string, Partial<Value>, string[]][] = [
  ['', {}, []],
  ['category=ai_training_data', {}, []],
  ['category=mandatory_arbitration', { category: 'mandatory_arbitration' }, []],
  ['category=bad%20id', {}, ['Ignored category=bad id: not an identifier (letters, digits and . _ : - only, 1 to 128 characters)']],
  ['category=a&category=b', { category: 'a' }, ['Ignored category=b: this setting takes one value']],
  ['category=%3Cx%3E&category=b', { category: 'b' }, ['Ignored category=<x>: not an identifier (letters, digits and . _ : - only, 1 to 128 characters)']],
  [`category=${'x'.repeat(129)}`, {}, [`Ignored category=${'x'.repeat(60)}…: not an identifier (letters, digits and . _ : - only, 1 to 128 characters)`]],
  ['asOf=2024-02-29', { asOf: '2024-02-29' }, []],
  ['asOf=2023-02-29', {}, ['Ignored asOf=2023-02-29: not a calendar day']],
  ['asOf=2023-02-30', {}, ['Ignored asOf=2023-02-30: not a calendar day']],
  ['asOf=2023-13-01', {}, ['Ignored asOf=2023-13-01: not a calendar day']],
  ['asOf=2023-2-1', {}, ['Ignored asOf=2023-2-1: not a date (YYYY-MM-DD)']],
  ['asOf=2024-01-01T00:00:00Z', {}, ['Ignored asOf=2024-01-01T00:00:00Z: not a date (YYYY-MM-DD)']],
  ['asOf=1999-12-31', {}, ['Ignored asOf=1999-12-31: before 2000-01-01']],
  ['asOf=', {}, []],
  ['severity=critical', { severity: 'critical' }, []],
  ['severity=Critical', {}, ['Ignored severity=Critical: not one of: critical, high, medium, low, info']],
  ['platform=b&platform=a&platform=b', { platform: ['a', 'b'] }, []],
  ['platform=a&platform=no%20spaces&platform=c', { platform: ['a', 'c'] }, ['Ignored platform=no spaces: not an identifier (letters, digits and . _ : - only, 1 to 128 characters)']],
  ['platform=a,b', { platform: [] }, ['Ignored platform=a,b: not an identifier (letters, digits and . _ : - only, 1 to 128 characters)']],
  ['platform=a&platform=b&platform=c&platform=d', { platform: ['a', 'b', 'c'] }, ['Ignored platform=d: more than 3 values']],
  ['platform=&platform=x', { platform: ['x'] }, []],
  ['limit=1000', { limit: 1000 }, []],
  ['limit=1001', {}, ['Ignored limit=1001: not between 1 and 1000']],
  ['limit=0', {}, ['Ignored limit=0: not between 1 and 1000']],
  ['limit=1e3', {}, ['Ignored limit=1e3: not a whole number']],
  ['limit=12.0', {}, ['Ignored limit=12.0: not a whole number']],
  ['limit=%2012', {}, ['Ignored limit= 12: not a whole number']],
  ['sort=-severity', { sort: { column: 'severity', direction: 'desc' } }, []],
  ['sort=last_verified', { sort: { column: 'last_verified', direction: 'asc' } }, []],
  ['sort=clause_text', {}, ['Ignored sort=clause_text: not a sortable column (one of: platform, severity, last_verified)']],
  ['sort=--severity', {}, ['Ignored sort=--severity: not a sortable column (one of: platform, severity, last_verified)']],
  ['removed=true', { removed: true }, []],
  ['removed=1', { removed: true }, []],
  ['removed=FALSE', {}, []],
  ['removed=maybe', {}, ['Ignored removed=maybe: not true or false']],
  ['q=arbitration%20clause', { q: 'arbitration clause' }, []],
  ['q=' + 'x'.repeat(21), {}, [`Ignored q=${'x'.repeat(21)}: longer than 20 characters`]],
  ['export=demo', {}, []],
  ['foo=bar&asOf=nope', {}, ['Ignored asOf=nope: not a date (YYYY-MM-DD)', 'Ignored foo=bar: not a setting of this page']],
  [
    'severity=high&asOf=2024-01-01&platform=x&platform=y&sort=-last_verified&limit=50&removed=true&q=x',
    { severity: 'high', asOf: '2024-01-01', platform: ['x', 'y'], sort: { column: 'last_verified', direction: 'desc' }, limit: 50, removed: true, q: 'x' },
    []
  ]
];

describe('parse: (query, value, notes)', () => {
  it.each(cases)('?%s', (query, changes, notes) => {
    const parsed = compare.parse(new URLSearchParams(query));
    expect(parsed.value).toEqual({ ...D, ...changes });
    expect(parsed.notes).toEqual(notes);
  });

  it('caps the notes', () => {
    const query = Array.from({ length: 30 }, (_, i) => `x${i}=1`).join('&');
    const { notes } = compare.parse(new URLSearchParams(query));
    expect(notes).toHaveLength(21);
    expect(notes.at(-1)).toBe('…and 10 more ignored parameters');
  });
});

describe('serialize', () => {
  it('writes nothing for the defaults', () => {
    expect(compare.serialize(D).toString()).toBe('');
  });

  it('writes in schema order whatever the order of the value, sets sorted, repeated keys', () => {
    const value: Value = { ...D, q: 'a b', platform: ['zeta', 'alpha'], severity: 'low', category: 'x', sort: { column: 'severity', direction: 'desc' } };
    expect(compare.serialize(value).toString()).toBe('category=x&severity=low&platform=alpha&platform=zeta&sort=-severity&q=a+b');
  });

  it('gives a canonical URL for every URL of the cases: parse, serialize, parse again changes nothing', () => {
    for (const [query] of cases) {
      const once = compare.serialize(compare.parse(new URLSearchParams(query)).value);
      const again = compare.parse(once);
      expect(again.notes).toEqual([]);
      expect(compare.serialize(again.value).toString()).toBe(once.toString());
    }
  });

  it.each<[string, Partial<Value>, RegExp]>([
    ['a day that does not exist', { asOf: '2023-02-29' }, /Cannot put "2023-02-29" in the URL: not a calendar day/],
    ['an id with a space', { platform: ['ok', 'not ok'] }, /Cannot put "not ok" in the URL: not an identifier/],
    ['too many ids', { platform: ['a', 'b', 'c', 'd'] }, /Cannot put 4 identifiers in the URL: at most 3/],
    ['a number out of range', { limit: 5000 }, /not between 1 and 1000/],
    ['null where the default is not null', { category: null as unknown as string }, /Cannot put null in the URL: only the default can be empty/]
  ])('refuses %s (a bug in the page, not in the URL)', (_what, changes, message) => {
    expect(() => compare.serialize({ ...D, ...changes })).toThrow(message);
  });
});

describe('round trip: parse(serialize(v)) = v', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/);
  const day = fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const value: fc.Arbitrary<Value> = fc.record({
    category: id,
    asOf: fc.option(day, { nil: null }),
    severity: fc.option(fc.constantFrom(...SEVERITIES), { nil: null }),
    platform: fc.uniqueArray(id, { maxLength: 3 }).map((ids) => ids.sort()),
    limit: fc.integer({ min: 1, max: 1000 }),
    sort: fc.record({ column: fc.constantFrom(...SORTABLE), direction: fc.constantFrom('asc' as const, 'desc' as const) }),
    removed: fc.boolean(),
    q: fc.string({ maxLength: 20, unit: 'binary' }).filter((q) => q !== '')
  });

  it('holds for every value', () => {
    fc.assert(
      fc.property(value, (input) => {
        const parsed = compare.parse(new URLSearchParams(compare.serialize(input).toString()));
        expect(parsed.notes).toEqual([]);
        expect(parsed.value).toEqual(input);
        expect(compare.equals(parsed.value, input)).toBe(true);
      }),
      { numRuns: 500 }
    );
  });
});

describe('calendar days', () => {
  it('agrees with the day count of each month, leap years included', () => {
    const daysIn = (y: number, m: number) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
    for (const year of [1900, 2000, 2023, 2024, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (let d = 28; d <= 32; d++) {
          const raw = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(readDay(raw).ok, raw).toBe(d <= daysIn(year, month));
        }
      }
    }
  });
});

describe('urlWith', () => {
  it('keeps path, hash and app-wide parameters, drops ignored ones', () => {
    const current = new URL('https://x.example/base/compare?foo=1&export=ca-2024&asOf=nope#table');
    const next = urlWith(current, compare, { ...D, severity: 'high' });
    expect(next.href).toBe('https://x.example/base/compare?severity=high&export=ca-2024#table');
  });

  it('refuses a schema that defines an app-wide parameter', () => {
    expect(() => defineParams({ export: idParam() })).toThrow(/"export" is an app-wide URL parameter/);
  });
});
