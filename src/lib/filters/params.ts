/**
 * Typed URL parameters, one kind per kind of filter. A parameter reads the raw strings of its key and either accepts
 * a value or says, in words an analyst understands, why not ("not a calendar day"). `schema.ts` turns a set of them
 * into a view's `parse` / `serialize`.
 *
 * Multi-valued parameters use repeated keys (`?platform=a&platform=b`), as HTML forms send them and
 * `URLSearchParams.getAll` reads them; a comma list would be escaped to `%2C` by `URLSearchParams` and could not hold
 * values that contain commas.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Param<T> {
  readonly default: T;
  /** Reads every value of its key (repeated keys) rather than one. */
  readonly multiple: boolean;
  /**
   * Raw strings of the key, in URL order (empty strings already removed) -> the value, and why each ignored raw
   * string was ignored.
   */
  read(raw: readonly string[]): { value: T; ignored: { raw: string; reason: string }[] };
  /** The value -> the strings to write, in canonical form (a value equal to the default is not written). */
  write(value: T): string[];
  equals(a: T, b: T): boolean;
}

export type ParamValue<P> = P extends Param<infer T> ? T : never;

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(reason: string): Read<T> => ({ ok: false, reason });

function listed(values: readonly string[], max = 8): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}

/** A one-value parameter: the first acceptable value wins; later ones are reported. */
function single<T>(fallback: T, parseOne: (raw: string) => Read<T>, format: (value: T) => string, equals = Object.is): Param<T> {
  return {
    default: fallback,
    multiple: false,
    read(raw) {
      const ignored: { raw: string; reason: string }[] = [];
      let value: T = fallback;
      let found = false;
      for (const r of raw) {
        if (found) {
          ignored.push({ raw: r, reason: 'this setting takes one value' });
          continue;
        }
        const result = parseOne(r);
        if (result.ok) [value, found] = [result.value, true];
        else ignored.push({ raw: r, reason: result.reason });
      }
      return { value, ignored };
    },
    write(value) {
      if (equals(value, fallback)) return [];
      // A URL cannot say "null" apart from the text "null": null is only ever a default, written as nothing.
      if (value === null || value === undefined) throw new RangeError(`Cannot put ${value} in the URL: only the default can be empty`);
      const text = format(value);
      const check = parseOne(text);
      if (!check.ok) throw new RangeError(`Cannot put ${JSON.stringify(text)} in the URL: ${check.reason}`);
      return [text];
    },
    equals
  };
}

/** One of a fixed list of values, e.g. a severity. The default may be null ("any"). */
export function enumParam<const V extends string, D extends V | null>(values: readonly V[], fallback: D): Param<V | D> {
  const allowed = new Set<string>(values);
  return single<V | D>(
    fallback,
    (raw) => (allowed.has(raw) ? ok(raw as V) : no(`not one of: ${listed(values)}`)),
    (v) => String(v)
  );
}

/** Identifiers in the export: slugs and ids such as "ai_training_data" or "CA-P-004267". */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Why a raw value is not an identifier, in the words the page notes show. */
export const ID_REASON = 'not an identifier (letters, digits and . _ : - only, 1 to 128 characters)';

function readId(raw: string): Read<string> {
  return ID_PATTERN.test(raw) ? ok(raw) : no(ID_REASON);
}

/** One identifier, e.g. the category being compared. Whether it exists in the export is the view's business. */
export function idParam(): Param<string | null>;
export function idParam<D extends string | null>(fallback: D): Param<string | D>;
export function idParam(fallback: string | null = null): Param<string | null> {
  return single<string | null>(fallback, readId, (v) => String(v));
}

/** Whether two lists hold the same items in the same order. */
export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Refuses to write an identifier the URL cannot hold (a bug in the caller, not bad input). */
export function assertIds(ids: readonly string[]): void {
  const bad = ids.find((id) => !ID_PATTERN.test(id));
  if (bad !== undefined) throw new RangeError(`Cannot put ${JSON.stringify(bad)} in the URL: ${ID_REASON}`);
}

/**
 * A set of strings (repeated keys), held sorted and without duplicates so one set has one URL. An item `invalid` gives
 * a reason for, or one past `max` different items, is dropped with that reason; the rest are kept. Writing such an
 * item, or more than `max` items, throws (a bug in the caller, not bad input). `noun` names the items in that error.
 */
export function sortedSetParam(invalid: (raw: string) => string | null, max: number, noun = 'values'): Param<string[]> {
  const normalise = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    default: [],
    multiple: true,
    read(raw) {
      const ignored: { raw: string; reason: string }[] = [];
      const values = new Set<string>();
      for (const r of raw) {
        const reason = invalid(r) ?? (values.size >= max && !values.has(r) ? `more than ${max} values` : null);
        if (reason) ignored.push({ raw: r, reason });
        else values.add(r);
      }
      return { value: normalise(values), ignored };
    },
    write(value) {
      const values = normalise(value);
      for (const v of values) {
        const reason = invalid(v);
        if (reason) throw new RangeError(`Cannot put ${JSON.stringify(v)} in the URL: ${reason}`);
      }
      if (values.length > max) throw new RangeError(`Cannot put ${values.length} ${noun} in the URL: at most ${max}`);
      return values;
    },
    equals: (a, b) => sameList(normalise(a), normalise(b))
  };
}

/**
 * A set of identifiers (repeated keys), e.g. the platforms shown. Held sorted and without duplicates, so one set has
 * one URL. Invalid items are dropped one by one; the rest are kept.
 */
export function idsParam({ max = 500 }: { max?: number } = {}): Param<string[]> {
  return sortedSetParam((raw) => (ID_PATTERN.test(raw) ? null : ID_REASON), max, 'identifiers');
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' that names a real day (2024-02-29 yes, 2023-02-29 no). */
export function readDay(raw: string): Read<string> {
  const m = DAY.exec(raw);
  if (!m) return no('not a date (YYYY-MM-DD)');
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC maps years 0-99 to 1900-1999; those years are not real data here, and the check below rejects them.
  return date.toISOString().slice(0, 10) === raw ? ok(raw) : no('not a calendar day');
}

interface DayOptions<D> {
  /** @default null (no day chosen) */
  fallback?: D;
  /** Earliest day accepted (inclusive). */
  min?: string;
  /** Latest day accepted (inclusive). */
  max?: string;
}

/** A calendar day 'YYYY-MM-DD', e.g. "as of". */
export function dayParam<D extends string | null = null>(options?: DayOptions<D>): Param<string | D>;
export function dayParam({ fallback = null, min, max }: DayOptions<string | null> = {}): Param<string | null> {
  return single<string | null>(
    fallback,
    (raw) => {
      const day = readDay(raw);
      if (!day.ok) return day;
      if (min !== undefined && raw < min) return no(`before ${min}`);
      if (max !== undefined && raw > max) return no(`after ${max}`);
      return day;
    },
    (v) => String(v)
  );
}

/** A whole number in [min, max], written in plain digits ("1e3", "1.0" and " 5" are refused). */
export function intParam({ fallback, min, max }: { fallback: number; min: number; max: number }): Param<number> {
  if (!(Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= fallback && fallback <= max)) {
    throw new RangeError(`intParam: need whole min <= default <= max, got ${min} <= ${fallback} <= ${max}`);
  }
  return single(
    fallback,
    (raw) => {
      if (!/^-?\d{1,16}$/.test(raw)) return no('not a whole number');
      const n = Number(raw);
      return n >= min && n <= max ? ok(n === 0 ? 0 : n) : no(`not between ${min} and ${max}`);
    },
    (v) => String(v)
  );
}

export type SortDirection = 'asc' | 'desc';
export interface Sort<C extends string> {
  column: C;
  direction: SortDirection;
}

/**
 * Sort order: a column from an allow-list and a direction, written `column` (ascending) or `-column` (descending),
 * as JSON:API does.
 */
export function sortParam<const C extends string>(columns: readonly C[], fallback: Sort<C>): Param<Sort<C>> {
  const allowed = new Set<string>(columns);
  if (!allowed.has(fallback.column)) throw new RangeError(`sortParam: default column "${fallback.column}" is not in the list`);
  return single<Sort<C>>(
    fallback,
    (raw) => {
      const desc = raw.startsWith('-');
      const column = desc ? raw.slice(1) : raw;
      return allowed.has(column) ? ok({ column: column as C, direction: desc ? 'desc' : 'asc' }) : no(`not a sortable column (one of: ${listed(columns)})`);
    },
    (v) => (v.direction === 'desc' ? `-${v.column}` : v.column),
    (a, b) => a.column === b.column && a.direction === b.direction
  );
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** A switch; reads true/false (also 1/0, yes/no, on/off as forms and people write them), writes true/false. */
export function boolParam(fallback = false): Param<boolean> {
  return single(
    fallback,
    (raw) => {
      const v = raw.toLowerCase();
      return TRUE.has(v) ? ok(true) : FALSE.has(v) ? ok(false) : no('not true or false');
    },
    (v) => String(v)
  );
}

/** Free text, e.g. a search box. Kept as typed; bounded so a pasted novel cannot end up in every link. */
export function textParam({ fallback = '', maxLength = 200 }: { fallback?: string; maxLength?: number } = {}): Param<string> {
  return single(
    fallback,
    (raw) => (raw.length <= maxLength ? ok(raw) : no(`longer than ${maxLength} characters`)),
    (v) => v
  );
}
