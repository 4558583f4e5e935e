/**
 * A view's URL parameters as a schema: the state of the view lives in its URL, so a link reproduces exactly what the
 * analyst saw (Datasette's rule).
 *
 *   const compareParams = defineParams({
 *     category: idParam('ai_training_data'),
 *     asOf: dayParam(),
 *     severity: enumParam(SEVERITIES, null),
 *     platform: idsParam(),
 *     sort: sortParam(['platform', 'severity'], { column: 'platform', direction: 'asc' })
 *   });
 *   const { value, notes } = compareParams.parse(url.searchParams);
 *   compareParams.serialize({ ...value, asOf: '2024-01-01' }); // URLSearchParams, defaults left out
 *
 * Parsing never fails: a malformed or unknown parameter falls back to its default and leaves a note for the page to
 * show ("Ignored asOf=2023-02-30: not a calendar day"). An empty value (`?asOf=`, as forms send an empty input) means
 * the default and is not noted. Serialising writes the schema's keys in definition order, skips values equal to their
 * default and normalises sets, so one state has one URL, and `parse(serialize(v)).value` equals `v`.
 */
import type { Param, ParamValue } from './params';

/** Parameters the whole app reads (the root layout picks the export with `?export=`): kept, never noted. */
export const APP_PARAMS = ['export'] as const;

/** A schema mixes value types; `Param`'s methods are bivariant, so `Param<string>` fits `Param<unknown>`. */
export type ParamSpecs = Record<string, Param<unknown>>;

export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: ParamValue<S[K]> };

export interface Parsed<T> {
  value: T;
  /** One sentence per ignored parameter, in URL order. */
  notes: string[];
}

export interface ParamSchema<T> {
  readonly keys: readonly (keyof T & string)[];
  readonly defaults: T;
  parse(search: URLSearchParams): Parsed<T>;
  /** Parameters of the app (`?export=`) or of the route (`?id=` of an id the path cannot carry) that links keep. */
  readonly appParams: readonly string[];
  serialize(value: T): URLSearchParams;
  equals(a: T, b: T): boolean;
}

const MAX_NOTES = 20;
const MAX_SHOWN = 60;

function shown(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

export function note(key: string, raw: string, reason: string): string {
  return `Ignored ${shown(key)}=${shown(raw)}: ${reason}`;
}

export function defineParams<S extends ParamSpecs>(specs: S, { appParams = APP_PARAMS }: { appParams?: readonly string[] } = {}): ParamSchema<ParamValues<S>> {
  type T = ParamValues<S>;
  const keys = Object.keys(specs) as (keyof T & string)[];
  for (const key of keys) {
    if (appParams.includes(key)) throw new Error(`"${key}" is an app-wide URL parameter; a view cannot define it`);
  }
  const defaults = Object.fromEntries(keys.map((k) => [k, specs[k]!.default])) as T;
  const known = new Set<string>([...keys, ...appParams]);

  return {
    keys,
    defaults,
    appParams,
    parse(search) {
      const notes: string[] = [];
      const value = { ...defaults };
      for (const key of keys) {
        const raw = search.getAll(key).filter((r) => r !== '');
        if (raw.length === 0) continue;
        const read = specs[key]!.read(raw);
        value[key] = read.value as T[typeof key];
        for (const { raw: r, reason } of read.ignored) notes.push(note(key, r, reason));
      }
      for (const [key, raw] of search) {
        if (!known.has(key)) notes.push(note(key, raw, 'not a setting of this page'));
      }
      if (notes.length > MAX_NOTES) notes.splice(MAX_NOTES, notes.length, `…and ${notes.length - MAX_NOTES} more ignored parameters`);
      return { value, notes };
    },
    serialize(value) {
      const search = new URLSearchParams();
      for (const key of keys) {
        const spec = specs[key]!;
        if (spec.equals(value[key], spec.default)) continue;
        for (const text of spec.write(value[key])) search.append(key, text);
      }
      return search;
    },
    equals(a, b) {
      return keys.every((k) => specs[k]!.equals(a[k], b[k]));
    }
  };
}

/**
 * The URL of the same page showing `value`: the view's parameters in canonical form, then the app-wide ones kept from
 * `current`; anything else (already reported as ignored) is dropped. The hash is kept.
 */
export function urlWith<T>(current: URL, schema: ParamSchema<T>, value: T, appParams: readonly string[] = schema.appParams): URL {
  const next = new URL(current);
  const search = schema.serialize(value);
  for (const key of appParams) for (const raw of current.searchParams.getAll(key)) search.append(key, raw);
  next.search = search.toString();
  return next;
}
