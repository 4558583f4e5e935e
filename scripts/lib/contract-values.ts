/**
 * Turning one input cell (a JSON value from JSON Lines, or a string from CSV) into a contract value, or into a
 * message that says what is wrong with it. Messages follow checks.ts: `column "x": "value" is not …`.
 */
import type { ColumnSpec } from '../../src/lib/contract/schema';
import { MAX_LIST_ITEMS, type ContractValue } from './table-appender';

export type CellResult = { ok: true; value: ContractValue } | { ok: false; message: string };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const DAY_MICROS = 86_400_000_000n;

function show(raw: unknown): string {
  const text = typeof raw === 'string' ? JSON.stringify(raw) : JSON.stringify(raw) ?? String(raw);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function kind(raw: unknown): string {
  if (Array.isArray(raw)) return 'a list';
  if (raw === null) return 'null';
  return typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a valid calendar day, or null. */
function epochDay(year: number, month: number, day: number): number | null {
  const lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > lengths[month - 1]!) return null;
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' -> days since 1970-01-01, or null when it is not a real calendar day. */
export function parseDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  return m ? epochDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

// ISO 8601 / RFC 3339 date-time: 'T' or a space between date and time, optional seconds and fraction, and an
// optional offset (Z, ±HH:MM, ±HHMM, ±HH). A bare date is midnight UTC.
const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * ISO 8601 timestamp -> microseconds since 1970-01-01T00:00Z (bigint). An offset is converted to UTC; a timestamp
 * without an offset is taken as UTC. Digits beyond microseconds are cut off. Null when not a valid timestamp.
 */
export function parseTimestamp(text: string): bigint | null {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return null;
  const day = epochDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === null) return null;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const micros = BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6) || '0');
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const seconds = hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return BigInt(day) * DAY_MICROS + BigInt(seconds) * 1_000_000n + micros;
}

/** A list cell from CSV: a JSON array `["a","b"]`, or values separated by `|` (`a | b`). */
function parseCsvList(text: string): string[] | null {
  if (text.trimStart().startsWith('[')) {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
    } catch {
      return null;
    }
  }
  return text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Parses one cell for `column`. `fromCsv` says the raw value is CSV text (everything is a string there, an empty
 * cell is null). Empty strings count as empty in both formats.
 */
export function parseCell(column: ColumnSpec, raw: unknown, fromCsv: boolean): CellResult {
  const name = `column "${column.name}"`;
  const fail = (what: string): CellResult => ({ ok: false, message: `${name}: ${show(raw)} ${what}` });
  if (raw === null || raw === undefined || raw === '') {
    return column.required ? { ok: false, message: `${name} is required but empty` } : { ok: true, value: null };
  }
  let value: ContractValue;
  switch (column.type) {
    case 'VARCHAR':
      if (typeof raw !== 'string') return { ok: false, message: `${name}: expected text, got ${kind(raw)} ${show(raw)}` };
      value = raw;
      break;
    case 'VARCHAR[]': {
      const list = fromCsv && typeof raw === 'string' ? parseCsvList(raw) : raw;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
        return fail(fromCsv ? 'is not a list (a JSON array of strings, or values separated by "|")' : 'is not a list of strings');
      }
      if (list.length > MAX_LIST_ITEMS) return { ok: false, message: `${name}: a list of ${list.length} items; at most ${MAX_LIST_ITEMS} are supported` };
      value = list as string[];
      break;
    }
    case 'INTEGER[]':
      // Only derived tables (clause_terms) have list-of-integer columns, and the builder never reads them as input.
      return fail('cannot be given as input: this column is computed by the export writer');
    case 'INTEGER': {
      const n = fromCsv && typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) return fail('is not an integer');
      if (n < INT32_MIN || n > INT32_MAX) return fail('is out of range for INTEGER (32-bit)');
      value = n;
      break;
    }
    case 'BOOLEAN': {
      let b: unknown = raw;
      if (fromCsv && typeof raw === 'string') {
        const t = raw.trim().toLowerCase();
        b = t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : raw;
      }
      if (typeof b !== 'boolean') return fail('is not a boolean (true or false)');
      value = b;
      break;
    }
    case 'DATE': {
      const day = typeof raw === 'string' ? parseDate(raw.trim()) : null;
      if (day === null) return fail('is not a date (YYYY-MM-DD)');
      value = day;
      break;
    }
    case 'TIMESTAMP': {
      const micros = typeof raw === 'string' ? parseTimestamp(raw.trim()) : null;
      if (micros === null) return fail('is not an ISO 8601 timestamp (e.g. 2024-02-29T13:45:00Z)');
      value = micros;
      break;
    }
  }
  if (column.enum && typeof value === 'string' && !column.enum.includes(value)) {
    return fail(`is not one of ${column.enum.join(', ')}`);
  }
  if (column.pattern && typeof value === 'string' && !column.pattern.regex.test(value)) {
    return fail(`is not ${column.pattern.description}`);
  }
  return { ok: true, value };
}
