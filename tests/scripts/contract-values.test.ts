import { describe, expect, it } from 'vitest';
import { parseCell, parseDate, parseTimestamp } from '../../scripts/lib/contract-values';
import { tableSpec } from '../../src/lib/contract/schema';

const column = (table: Parameters<typeof tableSpec>[0], name: string) => tableSpec(table).columns.find((c) => c.name === name)!;

describe('parseTimestamp', () => {
  // Expected values come from Date.parse, which reads the same ISO 8601 forms (to the millisecond).
  it.each([
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
    ['2024-02-29T23:30:00-05:00', '2024-03-01T04:30:00Z'],
    ['2024-01-01T01:00:00+0200', '2023-12-31T23:00:00Z'],
    ['2024-01-01T01:00+02', '2023-12-31T23:00:00Z'],
    ['2024-01-01 12:34:56', '2024-01-01T12:34:56Z'],
    ['2024-01-01T12:34:56', '2024-01-01T12:34:56Z'],
    ['2024-01-01', '2024-01-01T00:00:00Z'],
    ['1999-12-31T23:59:59.999Z', '1999-12-31T23:59:59.999Z'],
    ['2025-06-30T10:00:00.5+05:30', '2025-06-30T04:30:00.500Z']
  ])('%s is %s', (input, iso) => {
    expect(parseTimestamp(input)).toBe(BigInt(Date.parse(iso)) * 1000n);
  });

  it('keeps microseconds and cuts digits beyond them', () => {
    expect(parseTimestamp('2024-01-01T00:00:00.123456789Z')).toBe(BigInt(Date.parse('2024-01-01T00:00:00Z')) * 1000n + 123456n);
  });

  it.each(['2023-02-29T00:00:00Z', '2024-13-01', '2024-04-31', '2024-01-01T24:00:00Z', '2024-01-01T10:60', '2024-01-01T00:00:00+25:00', 'yesterday', '1717200000', '2024-1-1', ''])(
    '%j is not a timestamp',
    (input) => expect(parseTimestamp(input)).toBeNull()
  );
});

describe('parseDate', () => {
  it('reads calendar days as days since 1970-01-01', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('2024-02-29')).toBe(Date.parse('2024-02-29') / 86_400_000);
    expect(parseDate('2000-02-29')).toBe(Date.parse('2000-02-29') / 86_400_000);
  });
  it.each(['1900-02-29', '2023-02-29', '2024-00-10', '2024-06-31', '2024-06-01T00:00:00Z', '06/01/2024'])('%j is not a date', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('parseCell', () => {
  it('lists from CSV: JSON array or values separated by |', () => {
    const c = column('provisions', 'regulations');
    expect(parseCell(c, '["GDPR Art. 6","CCPA §1798.120"]', true)).toEqual({ ok: true, value: ['GDPR Art. 6', 'CCPA §1798.120'] });
    expect(parseCell(c, 'GDPR Art. 6 | DSA Art. 14', true)).toEqual({ ok: true, value: ['GDPR Art. 6', 'DSA Art. 14'] });
    expect(parseCell(c, '[]', true)).toEqual({ ok: true, value: [] });
    expect(parseCell(c, '', true)).toEqual({ ok: true, value: null });
    expect(parseCell(c, '[1,2]', true)).toEqual({ ok: false, message: 'column "regulations": "[1,2]" is not a list (a JSON array of strings, or values separated by "|")' });
    expect(parseCell(c, 'GDPR', false)).toEqual({ ok: false, message: 'column "regulations": "GDPR" is not a list of strings' });
  });

  it('integers and booleans are typed in JSON, text in CSV', () => {
    expect(parseCell(column('provision_versions', 'version'), '3', true)).toEqual({ ok: true, value: 3 });
    expect(parseCell(column('provision_versions', 'version'), '3', false)).toEqual({ ok: false, message: 'column "version": "3" is not an integer' });
    expect(parseCell(column('provision_versions', 'version'), 2.5, false)).toEqual({ ok: false, message: 'column "version": 2.5 is not an integer' });
    expect(parseCell(column('provision_versions', 'version'), '3000000000', true)).toEqual({ ok: false, message: 'column "version": "3000000000" is out of range for INTEGER (32-bit)' });
    expect(parseCell(column('snapshots', 'changed'), 'TRUE', true)).toEqual({ ok: true, value: true });
    expect(parseCell(column('snapshots', 'changed'), 'yes', true)).toEqual({ ok: false, message: 'column "changed": "yes" is not a boolean (true or false)' });
  });

  it('required, enum and pattern rules, worded like the SQL checks', () => {
    expect(parseCell(column('platforms', 'name'), '', false)).toEqual({ ok: false, message: 'column "name" is required but empty' });
    expect(parseCell(column('provisions', 'severity'), 'severe', true)).toEqual({ ok: false, message: 'column "severity": "severe" is not one of critical, high, medium, low, info' });
    expect(parseCell(column('provisions', 'severity'), '', true)).toEqual({ ok: true, value: null });
    expect(parseCell(column('platforms', 'jurisdiction'), 'de', true)).toEqual({ ok: false, message: 'column "jurisdiction": "de" is not an ISO 3166-1 alpha-2 code such as "US" or "DE"' });
    expect(parseCell(column('platforms', 'name'), 42, false)).toEqual({ ok: false, message: 'column "name": expected text, got a number 42' });
  });
});
