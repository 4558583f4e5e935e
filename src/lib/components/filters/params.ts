/**
 * URL parameter kinds the shared filters need beyond `$lib/filters/params`: sets of free-text values (sector names
 * hold spaces, which identifiers may not) and sets of severity keys. Same contract as the kinds there: repeated keys,
 * held sorted (or in scale order) and de-duplicated so one state has one URL, bad items dropped one by one with a
 * reason the page shows.
 */
import type { PlatformFilterValue } from './options';
import type { Param } from '$lib/filters/params';
import { idsParam, sameList, sortedSetParam, textParam } from '$lib/filters/params';
import { SEVERITY_KEYS, type SeverityKey } from '$lib/queries/severity';

/**
 * A set of short texts, e.g. sector names. Control characters are refused (they have no business in a name), and so is
 * an empty one (`?group=`), which no choice on the page writes.
 */
export function textSetParam({ max = 100, maxLength = 100 }: { max?: number; maxLength?: number } = {}): Param<string[]> {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/;
  return sortedSetParam(
    (raw) => (raw === '' ? 'empty' : control.test(raw) ? 'holds control characters' : raw.length > maxLength ? `longer than ${maxLength} characters` : null),
    max
  );
}

/**
 * A set of keys from a fixed list, kept in the list's order so one choice has one URL; an unknown key is dropped with
 * the reason "not <what> (one of: …)". Empty = every key.
 */
export function orderedSetParam<K extends string>(keys: readonly K[], what: string): Param<K[]> {
  const allowed = new Set<string>(keys);
  const normalise = (values: Iterable<string>) => {
    const set = new Set(values);
    return keys.filter((k) => set.has(k));
  };
  return {
    default: [],
    multiple: true,
    read(raw) {
      const ignored: { raw: string; reason: string }[] = [];
      const ok: string[] = [];
      for (const r of raw) {
        if (allowed.has(r)) ok.push(r);
        else ignored.push({ raw: r, reason: `not ${what} (one of: ${keys.join(', ')})` });
      }
      return { value: normalise(ok), ignored };
    },
    write: (value) => normalise(value),
    equals: (a, b) => sameList(normalise(a), normalise(b))
  };
}

/** A set of severity keys (the contract's levels and "unrated"), kept in scale order. Empty = every severity. */
export function severitiesParam(): Param<SeverityKey[]> {
  return orderedSetParam(SEVERITY_KEYS, 'a severity');
}

/**
 * The platform filter's parameters, to spread into a view's `defineParams`:
 * `?sector=Social%20media&jurisdiction=DE&q=chat&platform=verbalyn`.
 */
/** The URL parameters of `platformFilterParams()`, as a view's parsed value holds them. */
export interface PlatformFilterParams {
  sector: string[];
  jurisdiction: string[];
  q: string;
  platform: string[];
}

/** URL parameters -> the PlatformFilter control's value. */
export function platformFilterValue(v: PlatformFilterParams): PlatformFilterValue {
  return { sectors: v.sector, jurisdictions: v.jurisdiction, q: v.q, platforms: v.platform };
}

/** A change made in the PlatformFilter control -> the URL parameters it changes (only those). */
export function platformFilterPatch(patch: Partial<PlatformFilterValue>): Partial<PlatformFilterParams> {
  return {
    ...(patch.sectors && { sector: patch.sectors }),
    ...(patch.jurisdictions && { jurisdiction: patch.jurisdictions }),
    ...(patch.q !== undefined && { q: patch.q }),
    ...(patch.platforms && { platform: patch.platforms })
  };
}

export function platformFilterParams() {
  return {
    sector: textSetParam(),
    jurisdiction: idsParam({ max: 300 }),
    q: textParam({ maxLength: 100 }),
    platform: idsParam({ max: 500 })
  };
}


